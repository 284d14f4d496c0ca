/* ui-roster-pages.c - the rows of the roster screen: only the page on
 * screen is in memory, loaded from SQLite by position and filters
 * (learner_page_load), kept around the cursor as it moves. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/learners.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"
#include "ui-roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static learner_filter roster_filter_of(const roster *r)
{
    return (learner_filter){r->unit, r->village, r->group, NULL, r->status, r->search};
}

/* ---- pages ------------------------------------------------------------- */

const learner *roster_row_at(const roster *r, long row)
{
    long i = row - r->page_top;
    return i >= 0 && i < (long)r->page.n ? &r->page.rows[i] : NULL;
}

static void roster_set_page(roster *r, learner_page *p, long top)
{
    learner_page_free(&r->page);
    r->page = *p;
    r->page_top = top;
    r->drawn.top = -1;
}

static int roster_fetch(ui_app *app, roster *r, const learner_pos *pos, learner_dir dir, long limit,
                        learner_page *out)
{
    learner_filter f = roster_filter_of(r);
    memset(out, 0, sizeof *out);
    if (limit <= 0)
        return 0;
    if (learner_page_load(app->db, &f, pos, dir, (size_t)limit, out) == TD_OK)
        return 0;
    ui_message(app, 1, _("database error: %s"), db_error(app->db));
    return -1;
}

/* Scroll up to the page `back` rows before the one on screen: load those
 * rows and keep the first rows of the old page. */
static void roster_page_back(ui_app *app, roster *r, long back)
{
    learner_page b;
    learner_pos pos = learner_pos_of(&r->page.rows[0]);
    if (roster_fetch(app, r, &pos, LP_BEFORE, back, &b) != 0)
        return;
    size_t keep = (size_t)r->list.height > b.n ? (size_t)r->list.height - b.n : 0;
    keep = keep < r->page.n ? keep : r->page.n;
    b.rows = xrealloc(b.rows, (b.n + keep + 1) * sizeof *b.rows);
    memcpy(b.rows + b.n, r->page.rows, keep * sizeof *b.rows);
    for (size_t i = keep; i < r->page.n; i++)
        learner_clear(&r->page.rows[i]);
    r->page.n = 0;
    long top = r->page_top - (long)b.n;
    b.n += keep;
    roster_set_page(r, &b, top);
}

/* Make the page the rows [top, top + height): from an end, or by
 * position from the page on screen (steps of a page at most). */
void roster_view_to(ui_app *app, roster *r, long top)
{
    long h = r->list.height, n = r->list.n;
    learner_page p;
    for (;;) {
        long want = n - top < h ? n - top : h, was = r->page_top;
        if (r->page_top == top && (long)r->page.n == want)
            return;
        if (top == 0 || r->page.n == 0) {
            if (roster_fetch(app, r, NULL, LP_AFTER, h, &p) != 0)
                return;
            roster_set_page(r, &p, 0);
        } else if (top + h >= n) {
            if (roster_fetch(app, r, NULL, LP_BEFORE, n - top, &p) != 0)
                return;
            roster_set_page(r, &p, n - (long)p.n);
        } else if (top > r->page_top) {
            long step = top - r->page_top <= (long)r->page.n ? top - r->page_top : (long)r->page.n;
            learner_pos pos = learner_pos_of(&r->page.rows[step - 1]);
            if (roster_fetch(app, r, &pos, LP_AFTER, h, &p) != 0)
                return;
            roster_set_page(r, &p, r->page_top + step);
        } else {
            roster_page_back(app, r, r->page_top - top < h ? r->page_top - top : h);
        }
        if (r->page.n == 0 || r->page_top == was || r->page_top == top)
            return; /* there, or the roster changed under us (a poll reloads) */
    }
}

/* Load the view with the row at pos (or the one after it, when gone) on
 * screen line `line`; counts again. */
void roster_load_around(ui_app *app, roster *r, const learner_pos *pos, long line)
{
    learner_filter f = roster_filter_of(r);
    long n = learner_count(app->db, &f, NULL), at = pos ? learner_count(app->db, &f, pos) : 0;
    if (n < 0 || at < 0) {
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
        n = at = 0;
    }
    long h = r->list.height, cur = at < n ? at : n - 1;
    long top = cur - line;
    top = top > n - h ? n - h : top;
    top = top < 0 ? 0 : top;
    learner_page before = {0}, from = {0};
    if (pos && n > 0) {
        roster_fetch(app, r, pos, LP_BEFORE, at - top, &before);
        roster_fetch(app, r, pos, LP_FROM, h - (long)before.n, &from);
        before.rows = xrealloc(before.rows, (before.n + from.n + 1) * sizeof *before.rows);
        memcpy(before.rows + before.n, from.rows, from.n * sizeof *from.rows);
        before.n += from.n;
        free(from.rows);
        roster_set_page(r, &before, at - (long)(before.n - from.n));
    } else {
        learner_page_free(&r->page);
        r->page_top = 0;
    }
    r->list.n = n;
    r->list.cur = cur < 0 ? 0 : cur;
    r->list.top = r->page_top;
    ui_list_set_count(&r->list, n);
    roster_view_to(app, r, r->list.top);
    r->drawn.top = -1;
}

/* Load again keeping the cursor on the same row (or the next one). */
void roster_reload_keep(ui_app *app, roster *r)
{
    const learner *l = roster_row_at(r, r->list.cur);
    if (!l) {
        roster_load_around(app, r, NULL, 0);
        return;
    }
    char *key = xstrdup(l->name_key), id[48], course[48];
    snprintf(id, sizeof id, "%s", l->id);
    snprintf(course, sizeof course, "%s", l->course);
    learner_pos pos = {key, id, course};
    roster_load_around(app, r, &pos, r->list.cur - r->list.top);
    free(key);
}

/* A new filter starts at the top. */
void roster_refilter(ui_app *app, roster *r)
{
    learner_page_free(&r->page);
    r->page_top = 0;
    roster_load_around(app, r, NULL, 0);
    app->full = 1;
}

void ui_roster_goto(ui_app *app, ui_screen *s, const char *id, const char *course)
{
    roster *r = R(s);
    learner l;
    if (!id || !course || learner_get(app->db, r->unit, id, course, &l) != 1)
        return;
    learner_pos pos = learner_pos_of(&l);
    long line = r->list.cur - r->list.top;
    roster_load_around(app, r, &pos, line < r->list.height / 2 ? r->list.height / 2 : line);
    learner_clear(&l);
    app->full = 1;
}
