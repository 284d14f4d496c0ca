/* ui-roster.c - a commune's roster of learners: one row per person and
 * course (name, birth year, gender, group, village, course, status), in
 * Vietnamese order of the given name, paged from SQLite by position
 * (learner_page_load): only the rows on screen are in memory, so a
 * roster of 100,000 moves as fast as one of 48.
 *
 * `/` shows only the names that hold the text typed (diacritics
 * ignored; an empty text shows all again); v, o and s step through the
 * villages, the groups and the statuses; x clears them.  Space (or c)
 * marks the learner completed, then confirmed on VNeID; a adds, e edits
 * (ui-learner.c), d deletes after a y/n question.  Every change is saved
 * at once and the training counts follow (the store derives them). */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/learners.h"
#include "theodoi/text.h"
#include "theodoi/training.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_roster_acts[] = {
    {ACT_HELP, '?', FK(KEY_F(1)), 0, N_("help: every key of every screen"), N_("help")},
    {ACT_BACK, 'q', UI_ESC, FK(KEY_LEFT), N_("back to the training table"), N_("back")},
    {ACT_UP, FK(KEY_UP), 'k', 0, N_("move up"), NULL},
    {ACT_DOWN, FK(KEY_DOWN), 'j', 0, N_("move down"), N_("move")},
    {ACT_PGUP, FK(KEY_PPAGE), 'b', UI_CTRL('B'), N_("page up"), NULL},
    {ACT_PGDN, FK(KEY_NPAGE), 'f', UI_CTRL('F'), N_("page down"), N_("page")},
    {ACT_HOME, FK(KEY_HOME), 'g', '<', N_("first learner"), NULL},
    {ACT_END, FK(KEY_END), 'G', '>', N_("last learner"), N_("ends")},
    {ACT_ADVANCE, ' ', 'c', 0,
     N_("the learner completed the course; again: confirmed on VNeID "
        "(saved at once, the counts follow)"),
     N_("completed/confirmed")},
    {ACT_ADD, 'a', 0, 0, N_("add a learner"), N_("add")},
    {ACT_EDIT, 'e', UI_ENTER, 0,
     N_("edit the learner: name, birth year, gender, group, village, "
        "course, status"),
     N_("edit")},
    {ACT_DELETE, 'd', FK(KEY_DC), 0, N_("delete the learner from the course (asks first)"),
     N_("delete")},
    {ACT_UNDO, 'u', 0, 0,
     N_("undo your last change in this session (again: the one before), unless someone "
        "changed the row since"),
     N_("undo")},
    {ACT_FILTER_NAME, '/', 0, 0,
     N_("show only the names that hold a text (case and diacritics "
        "ignored; empty: everyone)"),
     N_("name")},
    {ACT_FILTER_VILLAGE, 'v', 0, 0, N_("show one village; again: the next one, then all"), NULL},
    {ACT_FILTER_GROUP, 'o', 0, 0, N_("show one target group; again: the next one, then all"), NULL},
    {ACT_FILTER_STATUS, 's', 0, 0, N_("show one status; again: the next one, then all"),
     N_("filter")},
    {ACT_FILTER_CLEAR, 'x', 0, 0, N_("clear every filter: show the whole roster"), N_("all")},
    {ACT_REDRAW, UI_CTRL('L'), 0, 0, N_("redraw the screen"), N_("redraw")},
};
const size_t ui_roster_nacts = sizeof ui_roster_acts / sizeof ui_roster_acts[0];

/* The words of the genders nam, nu, khac. */
static const char *const GENDERS[] = {N_("male"), N_("female"), N_("other")};

#include "ui-roster.h"

/* ---- drawing --------------------------------------------------------------- */

/* The widest of n words (translated), within [min, max]. */
static int widest(const char *const *words, int n, int min, int max)
{
    for (int i = 0; i < n; i++)
        min = text_width(_(words[i])) > min ? text_width(_(words[i])) : min;
    return min < max ? min : max;
}

static void layout_for(ui_app *app, roster *r)
{
    layout *l = &r->lay;
    static const char *const STATUSES[] = {N_("Registered"), N_("Learning"), N_("Completed"),
                                           N_("Confirmed")};
    int cols = app->cols, status_w = widest(STATUSES, 4, 6, 14);
    l->gender_w = widest(GENDERS, 3, 3, 6);
    l->course_w = 7;
    l->group_w = 9;
    l->village_w = 13;
    /* marker, name, year, gender, group, village, course, status, margin */
    int fixed = 2 + 1 + 5 + l->gender_w + 1 + (l->group_w + 1) + (l->village_w + 1) +
                (l->course_w + 1) + status_w + 1;
    if (cols - fixed < 20)
        fixed -= l->group_w + 1, l->group_w = 0;
    if (cols - fixed < 20)
        fixed -= l->village_w - 10, l->village_w = 10;
    if (cols - fixed < 18)
        fixed -= l->village_w + 1, l->village_w = 0;
    l->name_w = cols - fixed > 8 ? cols - fixed : 8;
    l->year_x = 2 + l->name_w + 1;
    l->gender_x = l->year_x + 5;
    l->group_x = l->gender_x + l->gender_w + 1;
    l->village_x = l->group_x + (l->group_w ? l->group_w + 1 : 0);
    l->course_x = l->village_x + (l->village_w ? l->village_w + 1 : 0);
    l->status_x = l->course_x + l->course_w + 1;
    int h = ui_body_rows(app) - 2;
    ui_list_set_height(&r->list, h > 1 ? h : 1);
}

static int list_y(const ui_app *app)
{
    return ui_body_top(app) + 2;
}

static const char *gender_word(const char *g)
{
    return strcmp(g, "nam") == 0    ? _(GENDERS[0])
           : strcmp(g, "nu") == 0   ? _(GENDERS[1])
           : strcmp(g, "khac") == 0 ? _(GENDERS[2])
                                    : "";
}

static void draw_row(ui_app *app, ui_screen *s, int line, long row)
{
    roster *r = R(s);
    int y = list_y(app) + line;
    const learner *l = roster_row_at(r, row);
    const layout *o = &r->lay;
    char b[16];
    ui_clear_eol(app, y, 0);
    if (!l)
        return;
    int cur = row == r->list.cur;
    ui_put(app, y, 0, 2, cur ? ui_glyph(app, "\xe2\x96\xb6", ">") : " ", A_BOLD, 0);
    ui_put(app, y, 2, o->name_w, l->full_name, cur ? A_REVERSE | A_BOLD : 0, 0);
    if (l->birth_year > 0) {
        snprintf(b, sizeof b, "%d", l->birth_year);
        ui_put(app, y, o->year_x, 4, b, 0, 0);
    }
    ui_put(app, y, o->gender_x, o->gender_w, gender_word(l->gender), 0, 0);
    ui_put(app, y, o->group_x, o->group_w, l->group, 0, 0);
    ui_put(app, y, o->village_x, o->village_w, l->village, 0, 0);
    ui_put(app, y, o->course_x, o->course_w, l->course, 0, 0);
    int a = l->status == LS_CONFIRMED   ? ui_attr(app, UI_PAIR_OK) | A_BOLD
            : l->status == LS_COMPLETED ? A_BOLD
                                        : 0;
    ui_put(app, y, o->status_x, app->cols - o->status_x - 1, lstatus_label(l->status), a, 0);
}

/* "name "hong", village Thôn 1, status Confirmed" (malloc'd), "" when none. */
static char *filters_text(ui_app *app, const roster *r)
{
    strbuf b = {0};
    sb_add(&b, "");
    if (r->search)
        sb_addf(&b, _("name \"%s\""), r->search);
    if (r->village)
        sb_addf(&b, _("%svillage %s"), b.s[0] ? ", " : "", r->village);
    if (r->group)
        sb_addf(&b, _("%sgroup %s"), b.s[0] ? ", " : "", r->group);
    if (r->status >= 0)
        sb_addf(&b, _("%sstatus %s"), b.s[0] ? ", " : "", lstatus_label((learner_status)r->status));
    (void)app;
    return b.s;
}

static void draw_top(ui_app *app, roster *r)
{
    char left[512], date[16];
    int w = snprintf(left, sizeof left, _("Roster: %s (%s)"), r->name, r->unit);
    if (!role_may_write(app->role, app->own_unit, r->unit, 0) && w > 0 && (size_t)w < sizeof left)
        snprintf(left + w, sizeof left - (size_t)w, "  %s", _("[read only]"));
    day_format_vn(app->today, date);
    ui_header(app, left, date);
    int y = ui_body_top(app);
    char *f = filters_text(app, r), *line;
    unsigned long n = (unsigned long)r->list.n;
    if (*f)
        line =
            xasprintf(ngettext("%ld learner with %s (x: all)", "%ld learners with %s (x: all)", n),
                      r->list.n, f);
    else
        line = xasprintf(ngettext("%ld learner, by given name", "%ld learners, by given name", n),
                         r->list.n);
    ui_clear_eol(app, y, 0);
    ui_put(app, y, 2, app->cols - 3, line, *f ? A_BOLD : 0, 0);
    free(line);
    free(f);
    const layout *o = &r->lay;
    int a = A_BOLD | A_UNDERLINE;
    y++;
    ui_clear_eol(app, y, 0);
    ui_put(app, y, 2, o->name_w, _("Full name"), a, 0);
    ui_put(app, y, o->year_x, 4, _("Born"), a, 0);
    ui_put(app, y, o->gender_x, o->gender_w, _("Sex"), a, 0);
    ui_put(app, y, o->group_x, o->group_w, _("Group"), a, 0);
    ui_put(app, y, o->village_x, o->village_w, _("Village"), a, 0);
    ui_put(app, y, o->course_x, o->course_w, _("Course"), a, 0);
    ui_put(app, y, o->status_x, app->cols - o->status_x - 1, _("Status"), a, 0);
}

static void set_info(roster *r)
{
    const learner *l = roster_row_at(r, r->list.cur);
    char when[16];
    if (!l) {
        snprintf(r->base.info, sizeof r->base.info, "%s",
                 r->list.n ? "" : _("No learner here: a adds one, x clears the filters"));
        return;
    }
    ui_date_vn(l->updated_at, when, sizeof when);
    snprintf(r->base.info, sizeof r->base.info, _("%ld of %ld  %s  changed %s by %s"),
             r->list.cur + 1, r->list.n, l->id, when, l->updated_by);
}

/* The name prompt closed without an answer: an empty text shows all. */
static void prompt_closed(ui_app *app, roster *r)
{
    r->asking = 0;
    if (r->asked)
        return;
    char *t = ui_input_text(&app->prompt.in), *f = text_fold(t);
    if ((!f || !*f) && r->search) {
        xfree(&r->search);
        roster_refilter(app, r);
        ui_message(app, 0, "%s", _("Every name is shown again"));
    }
    free(t);
    free(f);
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    roster *r = R(s);
    if (r->asking && !app->prompt.active) {
        prompt_closed(app, r);
        full |= app->full;
    }
    if (full)
        draw_top(app, r);
    if (ui_list_draw(app, s, &r->list, &r->drawn, full, r->list.height, draw_row) && r->list.n == 0)
        ui_put(app, list_y(app) + 1, 2, app->cols - 3,
               r->search || r->village || r->group || r->status >= 0
                   ? _("No learner matches (x shows everyone)")
                   : _("The roster is empty: a adds a learner"),
               0, 0);
    set_info(r);
}

/* ---- filters ------------------------------------------------------------------ */

/* v, o: the next village or group of the list; after the last, all. */
static void cycle(ui_app *app, roster *r, char **filter, char *const *list, size_t n)
{
    size_t i = 0;
    while (*filter && i < n && strcmp(list[i], *filter) != 0)
        i++;
    const char *next = !*filter ? (n ? list[0] : NULL) : i + 1 < n ? list[i + 1] : NULL;
    char *keep = next ? xstrdup(next) : NULL;
    free(*filter);
    *filter = keep;
    roster_refilter(app, r);
}

static void cycle_village(ui_app *app, roster *r)
{
    char **v = NULL;
    size_t n = 0;
    learner_villages(app->db, r->unit, &v, &n);
    cycle(app, r, &r->village, v, n);
    learner_villages_free(&v, n);
    if (!n)
        ui_message(app, 0, "%s", _("No learner has a village yet"));
}

static void cycle_group(ui_app *app, roster *r)
{
    tr_choice *g = NULL;
    size_t n = 0;
    training_choices(app->db, TR_GROUPS, &g, &n);
    char **codes = xcalloc(n + 1, sizeof *codes);
    for (size_t i = 0; i < n; i++)
        codes[i] = g[i].code;
    cycle(app, r, &r->group, codes, n);
    free(codes);
    training_choices_free(&g, n);
}

static void cycle_status(ui_app *app, roster *r)
{
    r->status = r->status + 1 >= LS__COUNT ? -1 : r->status + 1;
    roster_refilter(app, r);
}

static void clear_filters(ui_app *app, roster *r)
{
    xfree(&r->search);
    xfree(&r->village);
    xfree(&r->group);
    r->status = -1;
    roster_refilter(app, r);
}

/* `/`: the prompt opens with the name filter in force. */
static void ask_name(ui_app *app, roster *r)
{
    ui_search_start(app);
    if (!app->prompt.active)
        return;
    app->prompt.label = _("Name:");
    ui_input_set(&app->prompt.in, r->search);
    r->asking = 1;
    r->asked = 0;
}

/* ---- edits ---------------------------------------------------------------------- */

static void ask_delete(ui_app *app, roster *r, const learner *l)
{
    learner_clear(&r->del);
    r->del = *l;
    r->del.full_name = xstrdup(l->full_name ? l->full_name : "");
    r->del.village = xstrdup(l->village ? l->village : "");
    r->del.name_key = NULL;
    r->confirm = 1;
    r->base.raw_keys = 1;
    r->base.acts = ui_confirm_acts;
    r->base.nacts = ui_confirm_nacts;
    app->status_dirty = 1;
    ui_message(app, 1, _("Delete learner %s (%s, %s)? (y/n)"), l->full_name, l->id, l->course);
}

static void answer_delete(ui_app *app, roster *r, int yes)
{
    r->confirm = 0;
    r->base.raw_keys = 0;
    r->base.acts = ui_roster_acts;
    r->base.nacts = ui_roster_nacts;
    r->base.key_rows = ui_keys_rows(app, r->base.acts, r->base.nacts);
    app->full = 1;
    if (!yes) {
        ui_message(app, 0, "%s", _("Not deleted"));
        return;
    }
    ui_learner_delete(app, r->unit, &r->del);
}

static void add(ui_app *app, roster *r, const learner *l)
{
    const char *group = r->group ? r->group : r->def_group[0] ? r->def_group : l ? l->group : NULL;
    const char *course = r->def_course[0] ? r->def_course : l ? l->course : NULL;
    ui_push(app, ui_learner_form_new(app, r->unit, r->name, NULL, group, course, r->village));
}

static void edit_key(ui_app *app, roster *r, ui_act act)
{
    const learner *l = roster_row_at(r, r->list.cur);
    if (act != ACT_ADD && !l) {
        ui_message(app, 0, "%s", _("No learner under the cursor"));
        return;
    }
    if (!ui_edit_allowed(app, KIND_LEARNERS, r->unit))
        return;
    if (act == ACT_ADD)
        add(app, r, l);
    else if (act == ACT_EDIT)
        ui_push(app, ui_learner_form_new(app, r->unit, r->name, l, NULL, NULL, NULL));
    else if (act == ACT_DELETE)
        ask_delete(app, r, l);
    else
        ui_learner_advance(app, r->unit, l);
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    roster *r = R(s);
    (void)k;
    if (r->confirm) {
        answer_delete(app, r, act == ACT_YES);
        return;
    }
    switch (act) {
    case ACT_ADD:
    case ACT_EDIT:
    case ACT_DELETE:
    case ACT_ADVANCE:
        edit_key(app, r, act);
        break;
    case ACT_FILTER_NAME:
        ask_name(app, r);
        break;
    case ACT_UNDO:
        ui_undo(app);
        break;
    case ACT_FILTER_VILLAGE:
        cycle_village(app, r);
        break;
    case ACT_FILTER_GROUP:
        cycle_group(app, r);
        break;
    case ACT_FILTER_STATUS:
        cycle_status(app, r);
        break;
    case ACT_FILTER_CLEAR:
        clear_filters(app, r);
        break;
    default:
        ui_list_nav(&r->list, act);
        break;
    }
    roster_view_to(app, r, r->list.top);
}

/* The name prompt answered: its text becomes the name filter. */
static long find(ui_app *app, ui_screen *s, const char *needle, long from, int dir)
{
    roster *r = R(s);
    char *typed = ui_input_text(&app->prompt.in);
    (void)needle;
    (void)from;
    (void)dir;
    free(r->search);
    r->search = xstrdup(str_trim(typed));
    free(typed);
    r->asked = 1;
    roster_refilter(app, r);
    return r->list.n > 0 ? 0 : -1;
}

static void goto_row(ui_app *app, ui_screen *s, long row)
{
    roster *r = R(s);
    ui_list_goto(&r->list, row);
    roster_view_to(app, r, r->list.top);
}

static long cursor(ui_screen *s)
{
    return R(s)->list.cur;
}

static void reload(ui_app *app, ui_screen *s)
{
    roster_reload_keep(app, R(s));
}

static void resize(ui_app *app, ui_screen *s)
{
    roster *r = R(s);
    layout_for(app, r);
    roster_reload_keep(app, r);
}

static void destroy(ui_screen *s)
{
    roster *r = R(s);
    learner_page_free(&r->page);
    free(r->search);
    free(r->village);
    free(r->group);
    learner_clear(&r->del);
    free(r->name);
    free(r);
}

ui_screen *ui_roster_new(ui_app *app, const char *unit, const char *name, const char *group,
                         const char *course)
{
    roster *r = xcalloc(1, sizeof *r);
    r->base = (ui_screen){.name = N_("Roster"),
                          .acts = ui_roster_acts,
                          .nacts = ui_roster_nacts,
                          .draw = draw,
                          .key = key,
                          .reload = reload,
                          .resize = resize,
                          .destroy = destroy,
                          .find = find,
                          .goto_row = goto_row,
                          .cursor = cursor};
    snprintf(r->unit, sizeof r->unit, "%s", unit);
    r->name = xstrdup(name);
    snprintf(r->def_group, sizeof r->def_group, "%s", group ? group : "");
    snprintf(r->def_course, sizeof r->def_course, "%s", course ? course : "");
    r->status = -1;
    r->drawn.cur = r->drawn.top = -1;
    ui_list_init(&r->list, 0, 1);
    layout_for(app, r);
    roster_load_around(app, r, NULL, 0);
    return &r->base;
}
