/* list.c - cursor, scroll and paging of a list (no curses).
 *
 * The communes screen keeps only a screenful of rows in memory: this
 * state says which rows are on screen (top, height) and where the cursor
 * is; the screen asks the store for rows [top, top+height). */
#include "config.h"

#include "theodoi/tui-widgets.h"

static long max_top(const ui_list *l)
{
    return l->n > l->height ? l->n - l->height : 0;
}

/* Bring every field back into range, scrolling as little as possible. */
static void clamp(ui_list *l)
{
    if (l->height < 1)
        l->height = 1;
    if (l->n < 0)
        l->n = 0;
    if (l->cur >= l->n)
        l->cur = l->n - 1;
    if (l->cur < 0)
        l->cur = 0;
    if (l->top > max_top(l))
        l->top = max_top(l);
    if (l->cur < l->top)
        l->top = l->cur;
    if (l->cur >= l->top + l->height)
        l->top = l->cur - l->height + 1;
    if (l->top < 0)
        l->top = 0;
}

void ui_list_init(ui_list *l, long n, int height)
{
    l->n = n;
    l->cur = 0;
    l->top = 0;
    l->height = height;
    clamp(l);
}

void ui_list_set_count(ui_list *l, long n)
{
    l->n = n;
    clamp(l);
}

void ui_list_set_height(ui_list *l, int height)
{
    l->height = height;
    clamp(l);
}

void ui_list_move(ui_list *l, long delta)
{
    l->cur += delta;
    clamp(l);
}

void ui_list_page(ui_list *l, int dir)
{
    long step = dir > 0 ? l->height : -l->height;
    long top = l->top + step;
    if (top > max_top(l))
        top = max_top(l);
    if (top < 0)
        top = 0;
    if (top == l->top) /* the view cannot move: go to the end */
        l->cur = dir > 0 ? l->n - 1 : 0;
    else
        l->cur += top - l->top;
    l->top = top;
    clamp(l);
}

void ui_list_home(ui_list *l)
{
    l->cur = 0;
    l->top = 0;
    clamp(l);
}

void ui_list_end(ui_list *l)
{
    l->cur = l->n - 1;
    l->top = max_top(l);
    clamp(l);
}

void ui_list_goto(ui_list *l, long row)
{
    if (row >= l->n)
        row = l->n - 1;
    if (row < 0)
        row = 0;
    l->cur = row;
    if (row < l->top || row >= l->top + l->height)
        l->top = row - l->height / 2;
    if (l->top < 0)
        l->top = 0;
    clamp(l);
}

int ui_list_visible(const ui_list *l, long row, int *line)
{
    if (row < l->top || row >= l->top + l->height || row >= l->n)
        return 0;
    if (line)
        *line = (int)(row - l->top);
    return 1;
}

int ui_list_moved_rows(const ui_list *l, long drawn_cur, int line[2], long row[2])
{
    int n = 0;
    if (drawn_cur == l->cur)
        return 0;
    if (ui_list_visible(l, drawn_cur, &line[n]))
        row[n++] = drawn_cur;
    if (ui_list_visible(l, l->cur, &line[n]))
        row[n++] = l->cur;
    return n;
}

int ui_list_nav(ui_list *l, ui_act act)
{
    switch (act) {
    case ACT_UP:
        ui_list_move(l, -1);
        return 1;
    case ACT_DOWN:
        ui_list_move(l, 1);
        return 1;
    case ACT_PGUP:
        ui_list_page(l, -1);
        return 1;
    case ACT_PGDN:
        ui_list_page(l, 1);
        return 1;
    case ACT_HOME:
        ui_list_home(l);
        return 1;
    case ACT_END:
        ui_list_end(l);
        return 1;
    default:
        return 0;
    }
}
