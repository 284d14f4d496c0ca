/* ui-checklist.c - a commune's screen: the five tasks (NV1 ... NV5) with
 * their counts, and their items below each with status, due date, "!"
 * when overdue and quantity.  Space advances a status (up to done) and
 * Backspace steps it back, saved at once; x marks not applicable; e opens
 * the edit form; u undoes; [ and ] show another year of the yearly items;
 * h shows an item's history.  The view is checklist.h; every save goes
 * through the edit path (edit.h). */
#include "config.h"

#include "theodoi/checklist.h"
#include "theodoi/edit.h"
#include "theodoi/i18n.h"
#include "theodoi/store.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_checklist_acts[] = {
    {ACT_HELP, '?', FK(KEY_F(1)), 0, N_("help: every key of every screen"), N_("help")},
    {ACT_BACK, 'q', UI_ESC, FK(KEY_LEFT), N_("back to the communes"), N_("back")},
    {ACT_UP, FK(KEY_UP), 'k', 0, N_("move up"), NULL},
    {ACT_DOWN, FK(KEY_DOWN), 'j', 0, N_("move down"), N_("move")},
    {ACT_PGUP, FK(KEY_PPAGE), 'b', UI_CTRL('B'), N_("page up"), NULL},
    {ACT_PGDN, FK(KEY_NPAGE), 'f', UI_CTRL('F'), N_("page down"), N_("page")},
    {ACT_HOME, FK(KEY_HOME), 'g', '<', N_("first row"), NULL},
    {ACT_END, FK(KEY_END), 'G', '>', N_("last row"), N_("ends")},
    {ACT_ADVANCE, ' ', 0, 0,
     N_("advance the item's status: to do, in progress, done, and it stays done (saved at once)"),
     N_("status")},
    {ACT_STEP_BACK, FK(KEY_BACKSPACE), UI_CTRL('H'), 127,
     N_("step the status back: done, in progress, to do (a done date comes back with done)"),
     N_("back a status")},
    {ACT_NA, 'x', 0, 0, N_("mark the item not applicable (again: back to to do)"), N_("n/a")},
    {ACT_UNDO, 'u', 0, 0,
     N_("undo your last change in this session (again: the one before), unless someone "
        "changed the row since"),
     N_("undo")},
    {ACT_EDIT, 'e', UI_ENTER, 0,
     N_("edit the item: status, done date, quantity, evidence, note (on a task: fold)"),
     N_("edit")},
    {ACT_FOLD, UI_TAB, 'c', 0, N_("collapse or expand the task"), N_("fold")},
    {ACT_FOLD_ALL, 'C', 0, 0, N_("collapse or expand every task"), N_("all")},
    {ACT_PREV_YEAR, '[', 0, 0, N_("previous year of the yearly items"), NULL},
    {ACT_NEXT_YEAR, ']', 0, 0, N_("next year of the yearly items"), N_("year")},
    {ACT_HISTORY, 'h', 0, 0,
     N_("history of the item: who changed what, and when (Enter on a change restores it)"),
     N_("item history")},
    {ACT_TRAINING, 't', 0, 0, N_("the commune's training: counts, targets, roster of learners"),
     N_("training")},
    {ACT_SEARCH, '/', 0, 0, N_("search an item by code, title, evidence or note"), N_("search")},
    {ACT_NEXT, 'n', 0, 0, N_("next match of the search"), NULL},
    {ACT_PREV, 'N', 0, 0, N_("previous match of the search"), N_("next")},
    {ACT_REDRAW, UI_CTRL('L'), 0, 0, N_("redraw the screen"), N_("redraw")},
};
const size_t ui_checklist_nacts = sizeof ui_checklist_acts / sizeof ui_checklist_acts[0];

/* A row on screen: a task (item -1) or one of its items. */
typedef struct orow {
    int task;
    long item;
} orow;

typedef struct cscreen {
    ui_screen base;
    char unit[16];
    char *name;
    int year;
    checklist cl;
    int loaded;
    int *collapsed; /* per task */
    size_t ncollapsed;
    orow *rows;
    long nrows;
    ui_list list;
    ui_drawn drawn;     /* what draw() last showed of the list */
    int code_w, word_w; /* layout */
} cscreen;

#define CS(s) ((cscreen *)(s))

/* The rows of the outline: every task, and the items of open tasks. */
static void build_rows(cscreen *c)
{
    free(c->rows);
    c->rows = xcalloc(c->cl.ntasks + c->cl.n + 1, sizeof *c->rows);
    c->nrows = 0;
    for (size_t t = 0; t < c->cl.ntasks; t++) {
        c->rows[c->nrows++] = (orow){(int)t, -1};
        if (t < c->ncollapsed && c->collapsed[t])
            continue;
        for (size_t i = 0; i < c->cl.tasks[t].count; i++)
            c->rows[c->nrows++] = (orow){(int)t, (long)(c->cl.tasks[t].first + i)};
    }
    ui_list_set_count(&c->list, c->nrows);
}

static const orow *cur_row(const cscreen *c)
{
    return c->list.cur < c->nrows ? &c->rows[c->list.cur] : NULL;
}

/* The index of the task that holds item i. */
static int task_of(const cscreen *c, size_t i)
{
    for (size_t t = 0; t < c->cl.ntasks; t++)
        if (i >= c->cl.tasks[t].first && i < c->cl.tasks[t].first + c->cl.tasks[t].count)
            return (int)t;
    return 0;
}

/* Put the cursor on an item's row, or on its task's row when hidden. */
static void cursor_to(cscreen *c, int task, long item)
{
    long best = -1;
    for (long r = 0; r < c->nrows; r++) {
        if (c->rows[r].task == task && c->rows[r].item == item) {
            best = r;
            break;
        }
        if (c->rows[r].task == task && c->rows[r].item < 0)
            best = r;
    }
    if (best >= 0)
        ui_list_goto(&c->list, best);
}

static void layout_for(ui_app *app, cscreen *c)
{
    c->code_w = 5;
    for (size_t i = 0; i < c->cl.n; i++) {
        int w = text_width(c->cl.items[i].item);
        if (w > c->code_w)
            c->code_w = w < 10 ? w : 10;
    }
    /* the status word when the title keeps 24 columns */
    int fixed = 2 + 2 + c->code_w + 1 + 4 + 11 + 2 + 5;
    c->word_w = app->cols - fixed - 15 >= 24 ? 14 : 0;
    int h = ui_body_rows(app) - 1;
    ui_list_set_height(&c->list, h > 1 ? h : 1);
}

/* Load the checklist again, keeping the cursor on the same item. */
static void load(ui_app *app, cscreen *c)
{
    int task = 0;
    char item[48] = "";
    const orow *r = c->loaded ? cur_row(c) : NULL;
    if (r) {
        task = r->task;
        if (r->item >= 0)
            snprintf(item, sizeof item, "%s", c->cl.items[r->item].item);
    }
    if (c->loaded)
        checklist_free(&c->cl);
    if (checklist_load(app->db, c->unit, c->year, &c->cl) != TD_OK)
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
    c->loaded = 1;
    if (c->ncollapsed < c->cl.ntasks) {
        c->collapsed = xrealloc(c->collapsed, c->cl.ntasks * sizeof *c->collapsed);
        memset(c->collapsed + c->ncollapsed, 0,
               (c->cl.ntasks - c->ncollapsed) * sizeof *c->collapsed);
        c->ncollapsed = c->cl.ntasks;
    }
    build_rows(c);
    layout_for(app, c);
    long found = -1;
    for (size_t i = 0; item[0] && i < c->cl.n; i++)
        if (strcmp(c->cl.items[i].item, item) == 0)
            found = (long)i;
    if (r)
        cursor_to(c, found >= 0 ? task_of(c, (size_t)found) : task, found);
    c->drawn.top = -1;
}

static const char *status_mark(item_status st)
{
    static const char *const MARKS[] = {"[ ]", "[~]", "[x]", "[-]"};
    return (unsigned)st < ST__COUNT ? MARKS[st] : "[?]";
}

static void draw_task(ui_app *app, cscreen *c, int y, int t, int cur)
{
    const cl_task *k = &c->cl.tasks[t];
    int folded = (size_t)t < c->ncollapsed && c->collapsed[t];
    char b[32];
    ui_put(app, y, 2, 2,
           folded ? ui_glyph(app, "\xe2\x96\xb8", "+") : ui_glyph(app, "\xe2\x96\xbe", "-"), A_BOLD,
           0);
    int x = 4, right = app->cols - 16;
    x += ui_put(app, y, x, c->code_w + 1, k->code, A_BOLD | (cur ? A_REVERSE : 0), 0) + 1;
    ui_put(app, y, x, right - x - 1, k->title, A_BOLD, 0);
    snprintf(b, sizeof b, "%d/%d", k->done, k->applicable);
    ui_put_right(app, y, right, 5, b, A_BOLD);
    ui_bar(app, y, right + 6, 5, k->done, k->applicable);
    if (k->overdue) {
        snprintf(b, sizeof b, "!%d", k->overdue);
        ui_put_right(app, y, right + 11, 4, b, A_BOLD | ui_attr(app, UI_PAIR_LATE));
    }
}

static void draw_item(ui_app *app, cscreen *c, int y, long i, int cur)
{
    const cl_item *it = &c->cl.items[i];
    int x = 4;
    char b[32];
    ui_put(app, y, x, c->code_w, it->item, cur ? A_REVERSE | A_BOLD : 0, 0);
    x += c->code_w + 1;
    int sattr = it->status == ST_DONE ? ui_attr(app, UI_PAIR_OK)
                : it->status == ST_NA ? ui_attr(app, UI_PAIR_DIM)
                                      : 0;
    ui_put(app, y, x, 3, status_mark(it->status), sattr | A_BOLD, 0);
    x += 4;
    if (c->word_w) {
        ui_put(app, y, x, c->word_w, status_label(it->status), sattr, 0);
        x += c->word_w + 1;
    }
    if (it->deadline != TD_NO_DAY) {
        day_format_vn(it->deadline, b);
        ui_put(app, y, x, 10, b, it->overdue ? A_BOLD : 0, 0);
    }
    x += 11;
    if (it->overdue)
        ui_put(app, y, x, 1, "!", A_BOLD | ui_attr(app, UI_PAIR_LATE), 0);
    x += 2;
    if (it->quantity >= 0) {
        snprintf(b, sizeof b, "%ld", it->quantity);
        ui_put_right(app, y, x, 4, b, 0);
    }
    x += 5;
    ui_put(app, y, x, app->cols - x - 1, it->title, 0, 0);
}

static void draw_row(ui_app *app, ui_screen *s, int line, long row)
{
    cscreen *c = CS(s);
    int y = ui_body_top(app) + 1 + line;
    ui_clear_eol(app, y, 0);
    if (row < 0 || row >= c->nrows)
        return;
    int cur = row == c->list.cur;
    if (cur)
        ui_put(app, y, 0, 2, ui_glyph(app, "\xe2\x96\xb6", ">"), A_BOLD, 0);
    const orow *r = &c->rows[row];
    if (r->item < 0)
        draw_task(app, c, y, r->task, cur);
    else
        draw_item(app, c, y, r->item, cur);
}

static void draw_top(ui_app *app, cscreen *c)
{
    int done = 0, total = 0, late = 0;
    for (size_t t = 0; t < c->cl.ntasks; t++) {
        done += c->cl.tasks[t].done;
        total += c->cl.tasks[t].applicable;
        late += c->cl.tasks[t].overdue;
    }
    char left[512], date[16];
    int w = snprintf(left, sizeof left, _("%s (%s), year %d: %d/%d done, %d overdue"), c->name,
                     c->unit, c->year, done, total, late);
    if (!role_may_write(app->role, app->own_unit, c->unit, 0) && w > 0 && (size_t)w < sizeof left)
        snprintf(left + w, sizeof left - (size_t)w, "  %s", _("[read only]"));
    day_format_vn(app->today, date);
    ui_header(app, left, date);
    int y = ui_body_top(app), a = A_BOLD | A_UNDERLINE, x = 4;
    ui_clear_eol(app, y, 0);
    ui_put(app, y, x, c->code_w, _("Item"), a, 0);
    x += c->code_w + 1;
    ui_put(app, y, x, 3 + (c->word_w ? c->word_w + 1 : 0), _("Status"), a, 0);
    x += 4 + (c->word_w ? c->word_w + 1 : 0);
    ui_put(app, y, x, 10, _("Due"), a, 0);
    x += 13;
    ui_put_right(app, y, x, 4, _("Qty"), a);
    x += 5;
    ui_put(app, y, x, app->cols - x - 1, _("Title"), a, 0);
}

/* The message row: the current item's evidence and note. */
static void set_info(cscreen *c)
{
    const orow *r = cur_row(c);
    char *s = c->base.info;
    size_t n = sizeof c->base.info;
    s[0] = '\0';
    if (!r || r->item < 0)
        return;
    const cl_item *it = &c->cl.items[r->item];
    int w = 0;
    if (it->evidence[0])
        w = snprintf(s, n, _("Evidence: %s"), it->evidence);
    if (it->note[0] && w >= 0 && (size_t)w < n)
        snprintf(s + w, n - (size_t)w, "%s%s", w ? "  |  " : "", it->note);
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    cscreen *c = CS(s);
    if (full)
        draw_top(app, c);
    ui_list_draw(app, s, &c->list, &c->drawn, full, c->list.height, draw_row);
    set_info(c);
}

static void toggle_fold(ui_app *app, cscreen *c, int all)
{
    const orow *r = cur_row(c);
    if (!r)
        return;
    int task = r->task;
    if (all) {
        int any_open = 0;
        for (size_t t = 0; t < c->ncollapsed; t++)
            any_open |= !c->collapsed[t];
        for (size_t t = 0; t < c->ncollapsed; t++)
            c->collapsed[t] = any_open;
    } else if ((size_t)task < c->ncollapsed) {
        c->collapsed[task] = !c->collapsed[task];
    }
    build_rows(c);
    cursor_to(c, task, -1);
    app->full = 1;
}

/* A change of an item's status (Space, Backspace, x), saved at once
 * through the edit path against the row the screen shows. */
typedef struct item_save {
    char **cells, **seen;
    char code[48];
    item_status st;
} item_save;

static void item_save_free(void *p)
{
    item_save *s = p;
    const kind_def *k = kind_get(KIND_CHECKLIST);
    if (s->cells)
        store_vals_free(k, s->cells);
    if (s->seen)
        store_vals_free(k, s->seen);
    free(s->cells);
    free(s->seen);
    free(s);
}

static int item_run(ui_app *app, void *p, int force, edit_result *res)
{
    item_save *s = p;
    edit_seen seen = {1, force, s->seen};
    return checklist_save(app->db, s->cells, &seen, res);
}

static void item_saved(ui_app *app, void *p, int rc, edit_result *res)
{
    item_save *s = p;
    ui_changed(app);
    if (rc != TD_OK) {
        ui_save_message(app, rc, res, s->code);
        return;
    }
    char *what = xasprintf(_("%s to \"%s\""), s->code, status_label(s->st));
    ui_undo_push(app, res, what);
    free(what);
    ui_message(app, 0, _("Saved: %s is now \"%s\""), s->code, status_label(s->st));
}

static void save_status(ui_app *app, cscreen *c, long i, item_status st)
{
    cl_item *it = &c->cl.items[i];
    if (st == it->status) {
        ui_message(app, 0,
                   st == ST_DONE ? _("%s is done; Backspace steps its status back")
                                 : _("%s is to do already"),
                   it->item);
        return;
    }
    item_save *s = xcalloc(1, sizeof *s);
    s->cells = checklist_item_row(&c->cl, (size_t)i);
    s->seen = checklist_item_vals(&c->cl, (size_t)i);
    s->st = st;
    snprintf(s->code, sizeof s->code, "%s", it->item);
    kind_value_set(&s->cells[3], status_code(st));
    if (st != ST_DONE) /* a done date goes with done; it comes back with it */
        kind_value_set(&s->cells[4], NULL);
    ui_save(app, item_run, item_saved, s, item_save_free);
}

static void item_action(ui_app *app, cscreen *c, ui_act act, long i)
{
    cl_item *it = &c->cl.items[i];
    if (act == ACT_HISTORY) {
        char *key = xasprintf("%s|%s|%s", c->unit, it->item, it->period);
        char *title = it->period[0] ? xasprintf("%s (%s), %s", it->item, it->period, c->name)
                                    : xasprintf("%s, %s", it->item, c->name);
        ui_push(app,
                ui_history_new(app, key, title, it->item, checklist_item_vals(&c->cl, (size_t)i)));
        free(key);
        free(title);
        return;
    }
    if (!ui_edit_allowed(app, KIND_CHECKLIST, c->unit))
        return;
    if (act == ACT_ADVANCE)
        save_status(app, c, i, status_next(it->status));
    else if (act == ACT_STEP_BACK)
        save_status(app, c, i, status_prev(it->status));
    else if (act == ACT_NA)
        save_status(app, c, i, it->status == ST_NA ? ST_TODO : ST_NA);
    else if (act == ACT_EDIT)
        ui_push(app, ui_form_new(app, &c->cl, (size_t)i, c->name));
}

static void change_year(ui_app *app, cscreen *c, int delta)
{
    int y, m, d;
    day_to_ymd(app->today, &y, &m, &d);
    int year = c->year + delta;
    if (year < 2025 || year > y + 10) {
        ui_message(app, 0, _("Years shown: 2025 to %d"), y + 10);
        return;
    }
    c->year = year;
    load(app, c);
    app->full = 1;
    ui_message(app, 0, _("Yearly items of %d"), year);
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    cscreen *c = CS(s);
    const orow *r = cur_row(c);
    switch (act) {
    case ACT_FOLD:
        toggle_fold(app, c, 0);
        break;
    case ACT_FOLD_ALL:
        toggle_fold(app, c, 1);
        break;
    case ACT_PREV_YEAR:
        change_year(app, c, -1);
        break;
    case ACT_NEXT_YEAR:
        change_year(app, c, 1);
        break;
    case ACT_TRAINING:
        ui_push(app, ui_training_new(app, c->unit, c->name));
        break;
    case ACT_UNDO:
        ui_undo(app);
        break;
    case ACT_ADVANCE:
    case ACT_STEP_BACK:
    case ACT_NA:
    case ACT_EDIT:
    case ACT_HISTORY:
        if (r && r->item >= 0)
            item_action(app, c, act, r->item);
        else if (r && (k == UI_ENTER || act == ACT_ADVANCE))
            toggle_fold(app, c, 0);
        else
            ui_message(app, 0, "%s", _("Move to an item first (the rows below a task)"));
        break;
    default:
        ui_list_nav(&c->list, act);
        break;
    }
}

static long find(ui_app *app, ui_screen *s, const char *needle, long from, int dir)
{
    cscreen *c = CS(s);
    long n = (long)c->cl.n;
    (void)app;
    if (n == 0)
        return -1;
    for (long k = 0; k < n; k++) {
        long i = ((from + dir * k) % n + n) % n;
        const cl_item *it = &c->cl.items[i];
        char *hay = xasprintf("%s %s %s %s", it->item, it->title, it->evidence, it->note);
        int hit = text_match(hay, needle);
        free(hay);
        if (hit)
            return i;
    }
    return -1;
}

/* Rows of the search are items: open the item's task and go there. */
static void goto_row(ui_app *app, ui_screen *s, long item)
{
    cscreen *c = CS(s);
    for (size_t t = 0; t < c->cl.ntasks; t++) {
        const cl_task *k = &c->cl.tasks[t];
        if ((size_t)item >= k->first && (size_t)item < k->first + k->count) {
            if (t < c->ncollapsed && c->collapsed[t]) {
                c->collapsed[t] = 0;
                build_rows(c);
                app->full = 1;
            }
            cursor_to(c, (int)t, item);
        }
    }
}

static long cursor(ui_screen *s)
{
    cscreen *c = CS(s);
    const orow *r = cur_row(c);
    if (!r)
        return -1;
    return r->item >= 0 ? r->item : (long)c->cl.tasks[r->task].first - 1;
}

static void reload(ui_app *app, ui_screen *s)
{
    load(app, CS(s));
}

static void resize(ui_app *app, ui_screen *s)
{
    layout_for(app, CS(s));
}

static void destroy(ui_screen *s)
{
    cscreen *c = CS(s);
    if (c->loaded)
        checklist_free(&c->cl);
    free(c->collapsed);
    free(c->rows);
    free(c->name);
    free(c);
}

ui_screen *ui_checklist_new(ui_app *app, const char *unit, const char *name)
{
    cscreen *c = xcalloc(1, sizeof *c);
    c->base = (ui_screen){.name = N_("Commune"),
                          .acts = ui_checklist_acts,
                          .nacts = ui_checklist_nacts,
                          .draw = draw,
                          .key = key,
                          .reload = reload,
                          .resize = resize,
                          .destroy = destroy,
                          .find = find,
                          .goto_row = goto_row,
                          .cursor = cursor};
    snprintf(c->unit, sizeof c->unit, "%s", unit);
    c->name = xstrdup(name);
    int m, d;
    day_to_ymd(app->today, &c->year, &m, &d);
    c->drawn.cur = c->drawn.top = -1;
    ui_list_init(&c->list, 0, 1);
    load(app, c);
    return &c->base;
}
