/* ui-trend.c - the confirmed % per month over the last 12 months, as a
 * bar chart with the months under it and the values over the bars, and
 * as a sparkline: of the city (every commune in the database's scope; a
 * commune that has not reported a month counts with its latest earlier
 * month) or of one commune.  `[` and `]` move the window by a month.
 * The scale is fixed (0 to 100%) so that charts compare. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/training.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_trend_acts[] = {
    {ACT_HELP, '?', FK(KEY_F(1)), 0, N_("help: every key of every screen"), N_("help")},
    {ACT_BACK, 'q', UI_ESC, FK(KEY_LEFT), N_("back"), N_("back")},
    {ACT_PREV_MONTH, '[', 0, 0, N_("the 12 months ending a month earlier"), NULL},
    {ACT_NEXT_MONTH, ']', 0, 0, N_("the 12 months ending a month later (up to now)"), N_("month")},
    {ACT_REDRAW, UI_CTRL('L'), 0, 0, N_("redraw the screen"), N_("redraw")},
};
const size_t ui_trend_nacts = sizeof ui_trend_acts / sizeof ui_trend_acts[0];

enum { MONTHS = 12 };

typedef struct trend {
    ui_screen base;
    char *unit, *name; /* unit NULL: every commune */
    char last[8];
    double pct[MONTHS];
} trend;

#define TR(s) ((trend *)(s))

static void load(ui_app *app, trend *t)
{
    if (training_trend(app->db, t->unit, t->last, MONTHS, t->pct) != TD_OK) {
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
        for (int i = 0; i < MONTHS; i++)
            t->pct[i] = -1;
    }
}

/* The glyph of the top cell of a bar: eighths filled (1..8). */
static const char *eighths(const ui_app *app, int e)
{
    static const char *const B[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    if (!app->utf8)
        return e >= 4 ? "#" : " ";
    return B[e < 0 ? 0 : e > 8 ? 8 : e];
}

/* Column i of a chart `h` rows high whose bottom row is y. */
static void draw_bar(ui_app *app, const trend *t, int i, int x, int bw, int y, int h)
{
    char b[16];
    char m[8];
    training_month_add(t->last, i - (MONTHS - 1), m);
    snprintf(b, sizeof b, bw + 1 >= 6 ? "%.2s/%.2s" : "%.2s", m + 5, m + 2);
    ui_put(app, y + 1, x, bw + 1, b, ui_attr(app, UI_PAIR_DIM), 0);
    if (t->pct[i] < 0) {
        ui_put(app, y, x, bw, "-", ui_attr(app, UI_PAIR_DIM), 0);
        return;
    }
    int total = (int)(t->pct[i] * h * 8 / 100 + 0.5), row = 0;
    if (!app->utf8)
        total = (total + 4) / 8 * 8; /* whole cells of '#' */
    for (; total > 0 && row < h; row++, total -= 8)
        for (int k = 0; k < bw; k++)
            ui_put(app, y - row, x + k, 1, eighths(app, total), ui_attr(app, UI_PAIR_OK), 0);
    snprintf(b, sizeof b, bw >= 4 ? "%.1f" : "%.0f", t->pct[i]);
    int vy = y - row;
    if (bw >= 2 && vy > y - h - 1)
        ui_put(app, vy, x, bw + 1, b, A_BOLD, 0);
}

/* The y axis: 0, 50 and 100% at their rows. */
static void draw_axis(ui_app *app, int y, int h)
{
    for (int p = 0; p <= 100; p += 50) {
        char b[8];
        snprintf(b, sizeof b, "%d%%", p);
        ui_put_right(app, y - (p * (h - 1) + 50) / 100, 0, 4, b, ui_attr(app, UI_PAIR_DIM));
    }
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    trend *t = TR(s);
    char date[16], *head;
    if (!full)
        return; /* nothing moves here between loads */
    day_format_vn(app->today, date);
    head = xasprintf(_("Trend: %s, confirmed on VNeID %% by month"), t->name);
    ui_header(app, head, date);
    free(head);
    int top = ui_body_top(app), rows = ui_body_rows(app);
    for (int y = top; y < top + rows; y++)
        ui_clear_eol(app, y, 0);
    ui_put(app, top, 2, app->cols - 3,
           t->unit && strlen(t->unit) > 2
               ? _("Confirmed out of the population, all groups and courses of the commune")
               : _("Every commune: one that has not reported a month counts with its latest month"),
           ui_attr(app, UI_PAIR_DIM), 0);
    int h = rows - 5, cw = (app->cols - 6) / MONTHS;
    cw = cw > 7 ? 7 : cw;
    if (h >= 3 && cw >= 3) {
        int bottom = top + 1 + h;
        draw_axis(app, bottom, h);
        for (int i = 0; i < MONTHS; i++)
            draw_bar(app, t, i, 5 + i * cw, cw - 1, bottom, h);
    }
    char *spark = training_sparkline(t->pct, MONTHS, app->utf8), *line;
    double now = t->pct[MONTHS - 1], then = t->pct[0];
    if (now >= 0 && then >= 0)
        line = xasprintf(_("%s  12 months ago %.1f%%, now %.1f%%"), spark, then, now);
    else if (now >= 0)
        line = xasprintf(_("%s  now %.1f%%"), spark, now);
    else
        line = xasprintf(_("%s  no report this month yet"), spark);
    ui_put(app, top + rows - 1, 2, app->cols - 3, line, A_BOLD, 0);
    free(line);
    free(spark);
    snprintf(s->info, sizeof s->info, _("12 months to %.2s/%.4s; [ and ] move by a month"),
             t->last + 5, t->last);
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    trend *t = TR(s);
    char now[8], m[8];
    (void)k;
    if (act != ACT_PREV_MONTH && act != ACT_NEXT_MONTH)
        return;
    training_month_now(now);
    if (training_month_add(t->last, act == ACT_PREV_MONTH ? -1 : 1, m) != 0 || strcmp(m, now) > 0 ||
        strcmp(m, "2025-01") < 0) {
        char a[16];
        snprintf(a, sizeof a, "%.2s/%.4s", now + 5, now);
        ui_message(app, 0, _("Months shown: 01/2025 to %s"), a);
        return;
    }
    snprintf(t->last, sizeof t->last, "%s", m);
    load(app, t);
    app->full = 1;
}

static void reload(ui_app *app, ui_screen *s)
{
    load(app, TR(s));
}

static void destroy(ui_screen *s)
{
    trend *t = TR(s);
    free(t->unit);
    free(t->name);
    free(t);
}

ui_screen *ui_trend_new(ui_app *app, const char *unit, const char *name)
{
    trend *t = xcalloc(1, sizeof *t);
    t->base = (ui_screen){.name = N_("Trend"),
                          .acts = ui_trend_acts,
                          .nacts = ui_trend_nacts,
                          .draw = draw,
                          .key = key,
                          .reload = reload,
                          .destroy = destroy};
    const char *u = unit ? unit : app->scope;
    t->unit = u ? xstrdup(u) : NULL;
    t->name = xstrdup(name ? name : app->scope_name ? app->scope_name : _("All units"));
    training_month_now(t->last);
    load(app, t);
    return &t->base;
}
