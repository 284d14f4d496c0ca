/* ui-training.c - a commune's training screen ("Bình dân học vụ số"):
 * one row per target group and course with population, registered,
 * completed, confirmed on VNeID, the confirmed % (one decimal) and a bar
 * of that % against the year's target; a total row for the month shown;
 * below, the commune's confirmed % over the last 12 months.
 *
 * `[` and `]` show another month (rows of an earlier month are carried,
 * and the header says so); e opens the counts of a row (direct entry; a
 * row counted from the roster takes only its population); r opens the
 * roster; T the trend on a whole screen.  The view is training.h. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/status.h"
#include "theodoi/text.h"
#include "theodoi/training.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_training_acts[] = {
    {ACT_HELP, '?', FK(KEY_F(1)), 0, N_("help: every key of every screen"), N_("help")},
    {ACT_BACK, 'q', UI_ESC, FK(KEY_LEFT), N_("back"), N_("back")},
    {ACT_UP, FK(KEY_UP), 'k', 0, N_("move up"), NULL},
    {ACT_DOWN, FK(KEY_DOWN), 'j', 0, N_("move down"), N_("move")},
    {ACT_HOME, FK(KEY_HOME), 'g', '<', N_("first row"), NULL},
    {ACT_END, FK(KEY_END), 'G', '>', N_("last row"), N_("ends")},
    {ACT_PREV_MONTH, '[', 0, 0, N_("previous month"), NULL},
    {ACT_NEXT_MONTH, ']', 0, 0, N_("next month (up to the current one)"), N_("month")},
    {ACT_EDIT, 'e', UI_ENTER, 0,
     N_("type the counts of the row for the month shown "
        "(a row counted from the roster: only the population)"),
     N_("counts")},
    {ACT_ROSTER, 'r', 0, 0, N_("the roster of learners of the commune"), N_("roster")},
    {ACT_UNDO, 'u', 0, 0,
     N_("undo your last change in this session (again: the one before), unless someone "
        "changed the row since"),
     N_("undo")},
    {ACT_TREND, 'T', 0, 0, N_("the commune's confirmed rate over 12 months, as a chart"),
     N_("trend")},
    {ACT_REDRAW, UI_CTRL('L'), 0, 0, N_("redraw the screen"), N_("redraw")},
};
const size_t ui_training_nacts = sizeof ui_training_acts / sizeof ui_training_acts[0];

enum { TREND_N = 12 };

/* Titles of the four counts, and shorter ones for narrow columns. */
static const char *const NUMS[] = {N_("Pop."), N_("Reg."), N_("Compl."), N_("Conf.")};
static const char *const NUMS_SHORT[] = {N_("pop"), N_("reg"), N_("compl"), N_("conf")};

/* Where the columns start for the terminal's width. */
typedef struct layout {
    int group_w, course_x, course_w, num_x, num_w, pct_x, bar_x, bar_w, target_x, target_w, mark_x;
} layout;

typedef struct tscreen {
    ui_screen base;
    char unit[16];
    char *name;
    char month[8];
    tr_table t;
    int loaded;
    ui_list list;
    ui_drawn drawn; /* what draw() last showed of the list */
    double trend[TREND_N];
    layout lay;
} tscreen;

#define TS(s) ((tscreen *)(s))

/* ---- layout ------------------------------------------------------------ */

static int digits(int64_t v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

static void layout_for(ui_app *app, tscreen *c)
{
    layout *l = &c->lay;
    int64_t max = c->t.total.population;
    l->course_w = 4;
    for (size_t i = 0; i < c->t.n; i++) {
        int w = text_width(c->t.rows[i].course);
        l->course_w = w > l->course_w ? (w < 8 ? w : 8) : l->course_w;
        max = c->t.rows[i].population > max ? c->t.rows[i].population : max;
    }
    int head = 0;
    for (int i = 0; i < 4; i++)
        head = text_width(_(NUMS[i])) > head ? text_width(_(NUMS[i])) : head;
    l->num_w = digits(max) + 2 > head + 1 ? digits(max) + 2 : head + 1;
    l->num_w = l->num_w < 7 ? 7 : l->num_w > 10 ? 10 : l->num_w;
    l->bar_w = 5;
    l->target_w = 5;
    int fixed;
    for (;;) {
        /* marker, blank, course, numbers, blank, %, bar, target, blank, marks */
        fixed = 2 + 1 + l->course_w + 4 * l->num_w + 1 + 7 + (l->bar_w ? l->bar_w + 1 : 0) +
                l->target_w + 1 + 2;
        if (app->cols - 1 - fixed >= 8 || (!l->target_w && !l->bar_w && l->num_w <= 6))
            break;
        if (l->target_w)
            l->target_w = 0;
        else if (l->num_w > 6 && l->num_w > digits(max) + 1)
            l->num_w--;
        else if (l->bar_w > 3)
            l->bar_w = 3;
        else if (l->bar_w)
            l->bar_w = 0;
        else
            l->num_w--;
    }
    l->group_w = app->cols - 1 - fixed;
    l->group_w = l->group_w > 34 ? 34 : l->group_w < 4 ? 4 : l->group_w;
    l->course_x = 2 + l->group_w + 1;
    l->num_x = l->course_x + l->course_w;
    l->pct_x = l->num_x + 4 * l->num_w + 1;
    l->bar_x = l->pct_x + 7;
    l->target_x = l->bar_x + (l->bar_w ? l->bar_w + 1 : 0);
    l->mark_x = l->target_x + l->target_w + 1;
}

/* Rows of the body: titles, the list, the total, a blank and the trend. */
static int trend_rows(const ui_app *app)
{
    return ui_body_rows(app) >= 11 ? 5 : 0;
}

static void set_height(ui_app *app, tscreen *c)
{
    int h = ui_body_rows(app) - 2 - trend_rows(app);
    ui_list_set_height(&c->list, h > 1 ? h : 1);
}

/* ---- loading ------------------------------------------------------------- */

static const tr_row *cur_row(const tscreen *c)
{
    return c->list.cur < (long)c->t.n ? &c->t.rows[c->list.cur] : NULL;
}

/* Load the month again, keeping the cursor on the same group and course. */
static void load(ui_app *app, tscreen *c)
{
    char group[48] = "", course[48] = "";
    const tr_row *r = c->loaded ? cur_row(c) : NULL;
    if (r) {
        snprintf(group, sizeof group, "%s", r->group);
        snprintf(course, sizeof course, "%s", r->course);
    }
    if (c->loaded)
        training_table_free(&c->t);
    c->loaded = 1;
    if (training_table_load(app->db, c->unit, c->month, &c->t) != TD_OK)
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
    if (training_trend(app->db, c->unit, c->month, TREND_N, c->trend) != TD_OK)
        for (int i = 0; i < TREND_N; i++)
            c->trend[i] = -1;
    ui_list_set_count(&c->list, (long)c->t.n);
    for (size_t i = 0; group[0] && i < c->t.n; i++)
        if (strcmp(c->t.rows[i].group, group) == 0 && strcmp(c->t.rows[i].course, course) == 0)
            ui_list_goto(&c->list, (long)i);
    layout_for(app, c);
    set_height(app, c);
    c->drawn.top = -1;
}

/* ---- drawing ------------------------------------------------------------- */

/* "MM/YYYY" of "YYYY-MM". */
static void month_vn(const char *m, char out[16])
{
    snprintf(out, 16, "%.2s/%.4s", m[0] ? m + 5 : "", m);
}

/* The short name of a group: its title up to a comma ("Cán bộ"). */
static char *short_title(const char *title)
{
    size_t n = strcspn(title, ",(");
    while (n > 0 && title[n - 1] == ' ')
        n--;
    return xasprintf("%.*s", (int)n, title);
}

static void put_count(ui_app *app, int y, int x, int w, int64_t v, int attr)
{
    char b[24];
    if (v >= 0)
        snprintf(b, sizeof b, "%lld", (long long)v);
    ui_put_right(app, y, x + 1, w - 1, v >= 0 ? b : "-", attr);
}

/* The confirmed %, its bar against the target, and the target. */
static void put_pct(ui_app *app, const tscreen *c, int y, const tr_row *r)
{
    const layout *l = &c->lay;
    char b[24];
    int below = r->pct_permille >= 0 && r->target_pct >= 0 && r->pct_permille < r->target_pct * 10;
    snprintf(b, sizeof b, "%s%s", r->pct[0] ? r->pct : "-", r->pct[0] ? "%" : "");
    ui_put_right(app, y, l->pct_x, 6, b, below ? ui_attr(app, UI_PAIR_LATE) : 0);
    if (r->target_pct > 0)
        ui_bar(app, y, l->bar_x, l->bar_w, r->pct_permille > 0 ? r->pct_permille : 0,
               (long long)(r->target_pct * 10 + 0.5));
    else
        ui_bar(app, y, l->bar_x, l->bar_w, r->pct_permille >= 0 ? r->confirmed : 0,
               r->pct_permille >= 0 ? r->population : 0);
    if (l->target_w && r->target_pct >= 0) {
        snprintf(b, sizeof b, "/%.0f%%", r->target_pct);
        ui_put(app, y, l->target_x, l->target_w, b, ui_attr(app, UI_PAIR_DIM), 0);
    }
}

static void put_counts(ui_app *app, const tscreen *c, int y, const tr_row *r, int attr)
{
    const int64_t v[4] = {r->population, r->registered, r->completed, r->confirmed};
    for (int i = 0; i < 4; i++)
        put_count(app, y, c->lay.num_x + i * c->lay.num_w, c->lay.num_w, v[i], attr);
}

static int list_y(const ui_app *app)
{
    return ui_body_top(app) + 1;
}

static void draw_row(ui_app *app, ui_screen *s, int line, long row)
{
    tscreen *c = TS(s);
    int y = list_y(app) + line;
    ui_clear_eol(app, y, 0);
    if (row < 0 || row >= (long)c->t.n)
        return;
    const tr_row *r = &c->t.rows[row];
    const layout *l = &c->lay;
    int cur = row == c->list.cur, old = strcmp(r->period, c->t.month) != 0;
    char *g = short_title(r->group_title);
    ui_put(app, y, 0, 2, cur ? ui_glyph(app, "\xe2\x96\xb6", ">") : " ", A_BOLD, 0);
    ui_put(app, y, 2, l->group_w, g, cur ? A_REVERSE | A_BOLD : 0, 0);
    ui_put(app, y, l->course_x, l->course_w, r->course, 0, 0);
    put_counts(app, c, y, r, old ? ui_attr(app, UI_PAIR_DIM) : 0);
    put_pct(app, c, y, r);
    if (r->from_roster)
        ui_put(app, y, l->mark_x, 1, ui_glyph(app, "\xe2\x89\xa1", "="), A_BOLD, 0);
    if (old)
        ui_put(app, y, l->mark_x + 1, 1, "<", ui_attr(app, UI_PAIR_DIM), 0);
    free(g);
}

static void draw_total(ui_app *app, tscreen *c)
{
    long shown = c->list.n < c->list.height ? c->list.n : c->list.height;
    int y = list_y(app) + (int)shown;
    ui_clear_eol(app, y, 0);
    if (c->t.n == 0) {
        ui_put(app, y, 2, app->cols - 3,
               _("No training counts for this commune yet: "
                 "the city sets targets, the commune reports"),
               0, 0);
        return;
    }
    char mon[16], *label;
    month_vn(c->t.shown, mon);
    label = c->t.shown[0] ? xasprintf(_("Total of %s"), mon) : xstrdup(_("Total"));
    ui_put(app, y, 2, c->lay.num_x - 2, label, A_BOLD, 0);
    free(label);
    put_counts(app, c, y, &c->t.total, A_BOLD);
    put_pct(app, c, y, &c->t.total);
}

static void draw_titles(ui_app *app, tscreen *c)
{
    const layout *l = &c->lay;
    int y = ui_body_top(app), a = A_BOLD | A_UNDERLINE;
    ui_clear_eol(app, y, 0);
    ui_put(app, y, 2, l->group_w, _("Group"), a, 0);
    ui_put(app, y, l->course_x, l->course_w, _("Course"), a, 0);
    int fit = 1;
    for (int i = 0; i < 4; i++)
        fit &= text_width(_(NUMS[i])) < l->num_w;
    for (int i = 0; i < 4; i++)
        ui_put_right(app, y, l->num_x + i * l->num_w + 1, l->num_w - 1,
                     fit ? _(NUMS[i]) : _(NUMS_SHORT[i]), a);
    ui_put_right(app, y, l->pct_x, 6, "%", a);
    ui_put(app, y, l->bar_x, app->cols - l->bar_x - 1, _("target"), a, 0);
}

static void draw_header(ui_app *app, tscreen *c)
{
    char left[512], date[16], mon[16], from[16];
    month_vn(c->month, mon);
    int w = snprintf(left, sizeof left, _("Training %s: %s (%s)"), mon, c->name, c->unit);
    if (c->t.carried && w > 0 && (size_t)w < sizeof left) {
        month_vn(c->t.shown, from);
        w += snprintf(left + w, sizeof left - (size_t)w, _(" - no report yet, rows of %s"), from);
    }
    if (!role_may_write(app->role, app->own_unit, c->unit, 0) && w > 0 && (size_t)w < sizeof left)
        snprintf(left + w, sizeof left - (size_t)w, "  %s", _("[read only]"));
    day_format_vn(app->today, date);
    ui_header(app, left, date);
}

/* The trend: a title with the first and last values, the sparkline with
 * a cell per month, and the months under it. */
static void draw_trend(ui_app *app, tscreen *c)
{
    int rows = trend_rows(app);
    if (!rows)
        return;
    long shown = c->list.n < c->list.height ? c->list.n : c->list.height;
    int y = list_y(app) + (int)shown + 1;
    for (int i = 0; i < rows; i++)
        ui_clear_eol(app, y + i, 0);
    char first[8], a[16], b[16], *title;
    training_month_add(c->month, -(TREND_N - 1), first);
    month_vn(first, a);
    month_vn(c->month, b);
    double last = c->trend[TREND_N - 1];
    if (last >= 0)
        title = xasprintf(_("Confirmed %% by month: now %.1f%% (%s to %s)"), last, a, b);
    else
        title = xasprintf(_("Confirmed %% by month (%s to %s)"), a, b);
    ui_put(app, y + 1, 2, app->cols - 3, title, A_BOLD, 0);
    free(title);
    int cw = (app->cols - 4) / TREND_N;
    cw = cw > 6 ? 6 : cw;
    for (int i = 0; i < TREND_N; i++) {
        char *s = training_sparkline(&c->trend[i], 1, app->utf8), m[8], cell[32] = "", v[16];
        for (int k = 0; k + 1 < cw || (cw < 2 && k < 1); k++)
            strcat(cell, s);
        int x = 2 + i * (cw > 1 ? cw : 1);
        ui_put(app, y + 2, x, cw > 1 ? cw - 1 : 1, cell, ui_attr(app, UI_PAIR_OK), 0);
        training_month_add(c->month, i - (TREND_N - 1), m);
        if (cw >= 3)
            ui_put(app, y + 3, x, 2, m + 5, ui_attr(app, UI_PAIR_DIM), 0);
        if (cw >= 3 && c->trend[i] >= 0) {
            snprintf(v, sizeof v, cw >= 5 ? "%.1f" : "%.0f", c->trend[i]);
            ui_put(app, y + 4, x, cw - 1, v, 0, 0);
        }
        free(s);
    }
}

/* The message row: where the row comes from, its group and course in full. */
static void set_info(tscreen *c)
{
    const tr_row *r = cur_row(c);
    char mon[16];
    strbuf b = {0};
    sb_add(&b, "");
    if (r && r->locked)
        sb_addf(&b, "%s ", _("[counted from the roster]"));
    if (r && r->period[0] && strcmp(r->period, c->t.month) != 0) {
        month_vn(r->period, mon);
        sb_addf(&b, _("[values of %s]"), mon);
        sb_add(&b, " ");
    }
    if (r)
        sb_addf(&b, "%s / %s %s", r->group_title, r->course, r->course_title);
    snprintf(c->base.info, sizeof c->base.info, "%s", b.s);
    sb_free(&b);
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    tscreen *c = TS(s);
    if (full) {
        draw_header(app, c);
        draw_titles(app, c);
    }
    long shown = c->list.n < c->list.height ? c->list.n : c->list.height;
    if (ui_list_draw(app, s, &c->list, &c->drawn, full, shown, draw_row)) {
        draw_total(app, c);
        draw_trend(app, c);
    }
    set_info(c);
}

/* ---- keys ------------------------------------------------------------------ */

static void change_month(ui_app *app, tscreen *c, int delta)
{
    char now[8], m[8];
    training_month_now(now);
    if (training_month_add(c->month, delta, m) != 0 || strcmp(m, now) > 0 ||
        strcmp(m, "2025-01") < 0) {
        char a[16];
        month_vn(now, a);
        ui_message(app, 0, _("Months shown: 01/2025 to %s"), a);
        return;
    }
    snprintf(c->month, sizeof c->month, "%s", m);
    load(app, c);
    app->full = 1;
}

static void edit_counts(ui_app *app, tscreen *c)
{
    const tr_row *r = cur_row(c);
    if (!r) {
        ui_message(app, 0, "%s",
                   _("No row to edit: the city has set no target and nothing was reported"));
        return;
    }
    if (!ui_edit_allowed(app, KIND_TRAINING, c->unit))
        return;
    ui_push(app, ui_counts_form_new(app, c->unit, c->name, c->month, r));
    if (r->locked)
        ui_message(app, 0, "%s",
                   _("This row is counted from the roster of learners: only the "
                     "population is typed here (r on the table opens the roster)"));
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    tscreen *c = TS(s);
    const tr_row *r = cur_row(c);
    (void)k;
    switch (act) {
    case ACT_PREV_MONTH:
        change_month(app, c, -1);
        break;
    case ACT_NEXT_MONTH:
        change_month(app, c, 1);
        break;
    case ACT_EDIT:
        edit_counts(app, c);
        break;
    case ACT_ROSTER:
        ui_push(app,
                ui_roster_new(app, c->unit, c->name, r ? r->group : NULL, r ? r->course : NULL));
        break;
    case ACT_TREND:
        ui_push(app, ui_trend_new(app, c->unit, c->name));
        break;
    case ACT_UNDO:
        ui_undo(app);
        break;
    default:
        ui_list_nav(&c->list, act);
        break;
    }
}

static void reload(ui_app *app, ui_screen *s)
{
    load(app, TS(s));
}

static void resize(ui_app *app, ui_screen *s)
{
    layout_for(app, TS(s));
    set_height(app, TS(s));
}

static long cursor(ui_screen *s)
{
    return TS(s)->list.cur;
}

static void destroy(ui_screen *s)
{
    tscreen *c = TS(s);
    if (c->loaded)
        training_table_free(&c->t);
    free(c->name);
    free(c);
}

ui_screen *ui_training_new(ui_app *app, const char *unit, const char *name)
{
    tscreen *c = xcalloc(1, sizeof *c);
    c->base = (ui_screen){.name = N_("Training"),
                          .acts = ui_training_acts,
                          .nacts = ui_training_nacts,
                          .draw = draw,
                          .key = key,
                          .reload = reload,
                          .resize = resize,
                          .destroy = destroy,
                          .cursor = cursor};
    snprintf(c->unit, sizeof c->unit, "%s", unit);
    c->name = xstrdup(name);
    training_month_now(c->month);
    c->drawn.cur = c->drawn.top = -1;
    ui_list_init(&c->list, 0, 1);
    load(app, c);
    return &c->base;
}
