/* ui-communes.c - the first screen: one row per commune in scope with
 * its progress (items done, overdue, confirmed % of training against the
 * target, last update), sorted and filtered by SQL and paged: only the
 * rows on screen are in memory.
 *
 * Moving the cursor inside the page repaints two rows; the cursor is a
 * marker and the name in reverse video (not the whole row), so that a
 * move costs a few dozen bytes on a slow SSH link. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/summary.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_communes_acts[] = {
    {ACT_HELP, '?', FK(KEY_F(1)), 0, N_("help: every key of every screen"), N_("help")},
    {ACT_BACK, 'q', UI_ESC, 0, N_("quit theodoi"), N_("quit")},
    {ACT_UP, FK(KEY_UP), 'k', 0, N_("move up"), NULL},
    {ACT_DOWN, FK(KEY_DOWN), 'j', 0, N_("move down"), N_("move")},
    {ACT_PGUP, FK(KEY_PPAGE), 'b', UI_CTRL('B'), N_("page up"), NULL},
    {ACT_PGDN, FK(KEY_NPAGE), 'f', UI_CTRL('F'), N_("page down"), N_("page")},
    {ACT_HOME, FK(KEY_HOME), 'g', '<', N_("first commune"), NULL},
    {ACT_END, FK(KEY_END), 'G', '>', N_("last commune"), N_("ends")},
    {ACT_OPEN, UI_ENTER, 'l', FK(KEY_RIGHT), N_("open the commune: its five tasks and their items"),
     N_("open")},
    {ACT_SEARCH, '/', 0, 0, N_("search a commune by name (case and diacritics ignored)"),
     N_("search")},
    {ACT_NEXT, 'n', 0, 0, N_("next match of the search"), NULL},
    {ACT_PREV, 'N', 0, 0, N_("previous match of the search"), N_("next")},
    {ACT_SORT, 's', 0, 0, N_("sort by: name, done rate, overdue, confirmed rate, last update"),
     N_("sort")},
    {ACT_REVERSE, 'S', 'r', 0, N_("reverse the order"), N_("reverse")},
    {ACT_OVERDUE, 'o', 0, 0, N_("show only communes with overdue items (again: all)"),
     N_("late only")},
    {ACT_TRAINING, 't', 0, 0, N_("the commune's training: counts, targets, roster of learners"),
     N_("training")},
    {ACT_TREND, 'T', 0, 0, N_("the city's confirmed rate over the last 12 months"), N_("trend")},
    {ACT_IMPORT, 'i', 0, 0, N_("import CSV files: pick them, see the dry run, then import"),
     N_("import")},
    {ACT_EXPORT, 'E', 0, 0, N_("export a CSV file: kind, unit, period, file name"), N_("export")},
    {ACT_BATCHES, 'H', 0, 0, N_("import history: past imports, undo one"), N_("imports")},
    {ACT_REDRAW, UI_CTRL('L'), 0, 0, N_("redraw the screen"), N_("redraw")},
};
const size_t ui_communes_nacts = sizeof ui_communes_acts / sizeof ui_communes_acts[0];

static const char *const SORT_NAMES[] = {N_("name"), N_("done rate"), N_("overdue"),
                                         N_("confirmed rate"), N_("last update")};
/* Each order starts in the direction that shows who is behind first. */
static const int SORT_DESC[] = {0, 0, 1, 0, 0};

typedef struct crow {
    char code[16];
    char *name;
    long total, done, overdue;
    int64_t pop, conf;
    double target;
    int reported;
    char last[32];
} crow;

/* Where each column starts, for the terminal's width. */
typedef struct layout {
    int name_w, items_x, bar_w, od_x, conf_x, cbar_w, target_x, mark_x, last_x;
} layout;

typedef struct communes {
    ui_screen base;
    summary_query q;
    ui_list list;
    crow *page; /* rows [page_top, page_top + npage) */
    int npage;
    long page_top;
    ui_drawn drawn; /* what draw() last showed of the list */
    long n_overdue, n_silent;
    layout lay;
} communes;

#define C(s) ((communes *)(s))

static void page_free(communes *c)
{
    for (int i = 0; i < c->npage; i++)
        free(c->page[i].name);
    free(c->page);
    c->page = NULL;
    c->npage = 0;
}

static int add_row(void *ctx, const summary_row *r)
{
    communes *c = ctx;
    crow *w = &c->page[c->npage++];
    memset(w, 0, sizeof *w);
    snprintf(w->code, sizeof w->code, "%s", r->code);
    w->name = xstrdup(r->name ? r->name : "");
    w->total = r->items_total;
    w->done = r->items_done;
    w->overdue = r->items_overdue;
    w->pop = r->population;
    w->conf = r->confirmed;
    w->target = r->target_pct;
    w->reported = r->reported_this_month;
    snprintf(w->last, sizeof w->last, "%s", r->last_update ? r->last_update : "");
    return c->npage >= c->list.height;
}

/* Load the rows on screen from the store. */
static void load_page(ui_app *app, communes *c)
{
    page_free(c);
    c->page = xcalloc((size_t)c->list.height + 1, sizeof *c->page);
    summary_query q = c->q;
    q.offset = c->list.top;
    q.limit = c->list.height;
    if (summary_each(app->db, &q, add_row, c) != TD_OK)
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
    c->page_top = c->list.top;
    c->drawn.top = -1;
}

static const crow *row_at(const communes *c, long row)
{
    long i = row - c->page_top;
    return i >= 0 && i < c->npage ? &c->page[i] : NULL;
}

/* One pass over every row of the query: counts, and the index of a code. */
typedef struct scan {
    const char *code;
    long n, overdue, silent, found;
} scan;

static int scan_row(void *ctx, const summary_row *r)
{
    scan *s = ctx;
    if (s->code && s->found < 0 && strcmp(r->code, s->code) == 0)
        s->found = s->n;
    s->overdue += r->items_overdue > 0;
    s->silent += !r->reported_this_month;
    s->n++;
    return 0;
}

/* Count again and put the cursor back on `code` (at the same screen line
 * when it can), or on row `fallback`. */
static void recount(ui_app *app, communes *c, const char *code, long fallback)
{
    int line = (int)(c->list.cur - c->list.top);
    scan s = {.code = code, .found = -1};
    summary_query q = c->q;
    q.offset = 0;
    q.limit = 0;
    if (summary_each(app->db, &q, scan_row, &s) != TD_OK)
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
    c->n_overdue = s.overdue;
    c->n_silent = s.silent;
    ui_list_set_count(&c->list, s.n);
    long row = s.found >= 0 ? s.found : fallback;
    c->list.cur = row;
    c->list.top = row - line;
    ui_list_set_count(&c->list, s.n);
    load_page(app, c);
}

static void layout_for(communes *c, int cols)
{
    layout *l = &c->lay;
    int bar = 5, cbar = 5, target = 6, last = 9;
    int fixed = 2 + (6 + bar) + 5 + (7 + cbar) + target + 2 + last + 1;
    if (cols - fixed < 24)
        fixed -= last, last = 0;
    if (cols - fixed < 20)
        fixed -= target, target = 0;
    if (cols - fixed < 18)
        fixed -= (bar - 3) + (cbar - 3), bar = cbar = 3;
    if (cols - fixed < 14)
        fixed -= bar + cbar, bar = cbar = 0;
    l->name_w = cols - fixed > 4 ? cols - fixed : 4;
    l->bar_w = bar;
    l->cbar_w = cbar;
    l->items_x = 2 + l->name_w + 1;
    l->od_x = l->items_x + 5 + (bar ? bar + 1 : 0);
    l->conf_x = l->od_x + 5;
    l->target_x = l->conf_x + 6 + (cbar ? cbar + 1 : 0);
    l->mark_x = l->target_x + target;
    l->last_x = last ? l->mark_x + 2 : -1;
}

static int list_y(const ui_app *app)
{
    return ui_body_top(app) + 1;
}

/* One commune's row on screen line `line`. */
static void draw_row(ui_app *app, ui_screen *s, int line, long row)
{
    communes *c = C(s);
    int y = list_y(app) + line;
    const crow *r = row_at(c, row);
    ui_clear_eol(app, y, 0);
    if (!r)
        return;
    const layout *l = &c->lay;
    int cur = row == c->list.cur;
    char b[64];
    ui_put(app, y, 0, 2, cur ? ui_glyph(app, "\xe2\x96\xb6", ">") : " ", A_BOLD, 0);
    ui_put(app, y, 2, l->name_w, r->name, cur ? A_REVERSE | A_BOLD : 0, 0);
    snprintf(b, sizeof b, "%ld/%ld", r->done, r->total);
    ui_put_right(app, y, l->items_x, 5, b, 0);
    ui_bar(app, y, l->items_x + 6, l->bar_w, r->done, r->total);
    if (r->overdue > 0) {
        snprintf(b, sizeof b, "!%ld", r->overdue);
        ui_put_right(app, y, l->od_x, 4, b, A_BOLD | ui_attr(app, UI_PAIR_LATE));
    } else {
        ui_put_right(app, y, l->od_x, 4, "0", ui_attr(app, UI_PAIR_DIM));
    }
    char pct[16] = "";
    int pm = r->pop > 0 && r->conf >= 0 ? pct_format(r->conf, r->pop, pct, sizeof pct) : -1;
    snprintf(b, sizeof b, "%s%s", pm >= 0 ? pct : "-", pm >= 0 ? "%" : "");
    int below = pm >= 0 && r->target >= 0 && pm < r->target * 10;
    ui_put_right(app, y, l->conf_x, 6, b, below ? ui_attr(app, UI_PAIR_LATE) : 0);
    ui_bar(app, y, l->conf_x + 7, l->cbar_w, pm >= 0 ? r->conf : 0, pm >= 0 ? r->pop : 0);
    if (l->mark_x > l->target_x && r->target >= 0) {
        snprintf(b, sizeof b, "/%.0f%%", r->target);
        ui_put(app, y, l->target_x, l->mark_x - l->target_x, b, ui_attr(app, UI_PAIR_DIM), 0);
    }
    if (!r->reported)
        ui_put(app, y, l->mark_x, 1, "*", A_BOLD, 0);
    if (l->last_x >= 0 && r->last[0] && strlen(r->last) >= 10) {
        snprintf(b, sizeof b, "%.2s/%.2s/%.2s", r->last + 8, r->last + 5, r->last + 2);
        ui_put(app, y, l->last_x, 8, b, 0, 0);
    }
}

static void draw_titles(ui_app *app, communes *c)
{
    const layout *l = &c->lay;
    int y = ui_body_top(app), a = A_BOLD | A_UNDERLINE;
    ui_clear_eol(app, y, 0);
    ui_put(app, y, 2, l->name_w, _("Commune"), a, 0);
    ui_put(app, y, l->items_x, l->od_x - l->items_x - 1, _("Items done"), a, 0);
    ui_put(app, y, l->od_x, 4, _("Late"), a, 0);
    ui_put(app, y, l->conf_x, l->mark_x + 1 - l->conf_x, _("Confirmed/target"), a, 0);
    if (l->last_x >= 0)
        ui_put(app, y, l->last_x, app->cols - l->last_x, _("Updated"), a, 0);
}

static void draw_header(ui_app *app, communes *c)
{
    char left[512], date[16];
    day_format_vn(app->today, date);
    snprintf(left, sizeof left, _("%s  %ld communes  !%ld late  *%ld not reported"),
             app->scope_name ? app->scope_name : _("All units"), c->list.n, c->n_overdue,
             c->n_silent);
    ui_header(app, left, date);
}

/* The message row: order and filter (not the cursor's position, so that
 * a move repaints only the two rows). */
static void set_info(ui_app *app, communes *c)
{
    snprintf(c->base.info, sizeof c->base.info, _("%ld communes, sorted by %s %s%s"), c->list.n,
             _(SORT_NAMES[c->q.order]),
             c->q.descending ? ui_glyph(app, "\xe2\x86\x93", "(desc)")
                             : ui_glyph(app, "\xe2\x86\x91", "(asc)"),
             c->q.only_overdue ? _(", only those with overdue items") : "");
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    communes *c = C(s);
    if (full) {
        draw_header(app, c);
        draw_titles(app, c);
    }
    if (ui_list_draw(app, s, &c->list, &c->drawn, full, c->list.height, draw_row) && c->list.n == 0)
        ui_put(app, list_y(app) + 1, 2, app->cols - 2,
               c->q.only_overdue ? _("No commune has overdue items (o shows all)")
                                 : _("No communes in this database"),
               0, 0);
    set_info(app, c);
}

/* Keep the page in step with the list's view. */
static void sync_page(ui_app *app, communes *c)
{
    long want = c->list.n - c->list.top;
    if (want > c->list.height)
        want = c->list.height;
    if (c->list.top != c->page_top || c->npage != want)
        load_page(app, c);
}

/* A new order or filter starts at the top of the list. */
static void cycle_sort(ui_app *app, communes *c, int reverse)
{
    if (reverse) {
        c->q.descending = !c->q.descending;
    } else {
        c->q.order = (summary_order)((c->q.order + 1) % 5);
        c->q.descending = SORT_DESC[c->q.order];
    }
    ui_list_home(&c->list);
    recount(app, c, NULL, 0);
    app->full = 1;
}

static void toggle_overdue(ui_app *app, communes *c)
{
    c->q.only_overdue = !c->q.only_overdue;
    ui_list_home(&c->list);
    recount(app, c, NULL, 0);
    app->full = 1;
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    communes *c = C(s);
    (void)k;
    switch (act) {
    case ACT_SORT:
        cycle_sort(app, c, 0);
        break;
    case ACT_REVERSE:
        cycle_sort(app, c, 1);
        break;
    case ACT_OVERDUE:
        toggle_overdue(app, c);
        break;
    case ACT_TREND:
        ui_push(app, ui_trend_new(app, NULL, NULL));
        return;
    case ACT_TRAINING: {
        const crow *r = row_at(c, c->list.cur);
        if (r)
            ui_push(app, ui_training_new(app, r->code, r->name));
        return;
    }
    case ACT_IMPORT:
        ui_push(app, ui_import_new(app));
        return;
    case ACT_BATCHES:
        ui_push(app, ui_batches_new(app));
        return;
    case ACT_EXPORT: {
        const crow *r = row_at(c, c->list.cur);
        ui_push(app, ui_export_new(app, r ? r->code : NULL));
        return;
    }
    case ACT_OPEN: {
        const crow *r = row_at(c, c->list.cur);
        if (r)
            ui_push(app, ui_checklist_new(app, r->code, r->name));
        break;
    }
    default:
        ui_list_nav(&c->list, act);
        break;
    }
    sync_page(app, c);
}

/* Search: stream the rows in the screen's order, stop at the match. */
typedef struct finder {
    const char *needle;
    long from, idx, first_any, first_after, last_before, last_any;
    int dir;
} finder;

static int find_row(void *ctx, const summary_row *r)
{
    finder *f = ctx;
    long i = f->idx++;
    if (f->dir < 0 && i > f->from && f->last_before >= 0)
        return 1;
    if (!text_match(r->name, f->needle) && strcmp(r->code, f->needle) != 0)
        return 0;
    if (f->first_any < 0)
        f->first_any = i;
    if (i >= f->from && f->first_after < 0)
        f->first_after = i;
    if (i <= f->from)
        f->last_before = i;
    f->last_any = i;
    return f->dir > 0 && f->first_after >= 0;
}

static long find(ui_app *app, ui_screen *s, const char *needle, long from, int dir)
{
    communes *c = C(s);
    finder f = {needle, from, 0, -1, -1, -1, -1, dir};
    summary_query q = c->q;
    q.offset = 0;
    q.limit = 0;
    if (summary_each(app->db, &q, find_row, &f) != TD_OK)
        return -1;
    if (dir > 0)
        return f.first_after >= 0 ? f.first_after : f.first_any;
    return f.last_before >= 0 ? f.last_before : f.last_any;
}

static void goto_row(ui_app *app, ui_screen *s, long row)
{
    communes *c = C(s);
    ui_list_goto(&c->list, row);
    sync_page(app, c);
}

static long cursor(ui_screen *s)
{
    return C(s)->list.cur;
}

static void reload(ui_app *app, ui_screen *s)
{
    communes *c = C(s);
    const crow *r = row_at(c, c->list.cur);
    char code[16] = "";
    if (r)
        snprintf(code, sizeof code, "%s", r->code);
    recount(app, c, code[0] ? code : NULL, c->list.cur);
}

static void resize(ui_app *app, ui_screen *s)
{
    communes *c = C(s);
    layout_for(c, app->cols);
    int h = ui_body_rows(app) - 1;
    ui_list_set_height(&c->list, h > 1 ? h : 1);
    load_page(app, c);
}

static void destroy(ui_screen *s)
{
    page_free(C(s));
    free(s);
}

ui_screen *ui_communes_new(ui_app *app)
{
    communes *c = xcalloc(1, sizeof *c);
    c->base = (ui_screen){.name = N_("Communes"),
                          .acts = ui_communes_acts,
                          .nacts = ui_communes_nacts,
                          .draw = draw,
                          .key = key,
                          .reload = reload,
                          .resize = resize,
                          .destroy = destroy,
                          .find = find,
                          .goto_row = goto_row,
                          .cursor = cursor};
    c->q.scope = app->scope;
    c->q.order = SUM_BY_NAME;
    c->drawn.cur = c->drawn.top = -1;
    layout_for(c, app->cols);
    int h = ui_body_rows(app) - 1;
    ui_list_init(&c->list, 0, h > 1 ? h : 1);
    /* a commune's login starts on its own commune */
    recount(app, c, app->role == ROLE_COMMUNE ? app->own_unit : NULL, 0);
    return &c->base;
}
