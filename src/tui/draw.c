/* draw.c - putting text on the terminal: cut to the column (never
 * wrapped), folded to ASCII when the locale is not UTF-8, bars, the header
 * row, the message row and the key rows made from the action tables; the
 * rows of a list that changed since its last draw. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

int ui_body_top(const ui_app *app)
{
    (void)app;
    return 1;
}

static int key_rows(const ui_app *app)
{
    return app->top && app->top->key_rows > 0 ? app->top->key_rows : 2;
}

int ui_body_rows(const ui_app *app)
{
    int n = app->rows - 2 - key_rows(app);
    return n > 1 ? n : 1;
}

int ui_msg_row(const ui_app *app)
{
    int y = app->rows - 1 - key_rows(app);
    return y > 0 ? y : 0;
}

const char *ui_glyph(const ui_app *app, const char *utf8, const char *ascii)
{
    return app->utf8 ? utf8 : ascii;
}

int ui_attr(const ui_app *app, int pair)
{
    return app->colors ? COLOR_PAIR(pair) : 0;
}

char *ui_text(const ui_app *app, const char *s)
{
    char *t = app->utf8 ? xstrdup(s ? s : "") : text_ascii(s ? s : "");
    if (!t)
        t = xstrdup("?");
    for (char *p = t; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
    return t;
}

int ui_put(ui_app *app, int y, int x, int w, const char *s, int attr, int pad)
{
    if (y < 0 || y >= app->rows || x < 0 || x >= app->cols || w <= 0)
        return 0;
    if (x + w > app->cols)
        w = app->cols - x;
    char *t = ui_text(app, s);
    char *c = text_truncate(t, w, app->utf8);
    int used = c ? text_width(c) : 0;
    if (used > w) /* never past the field */
        used = w;
    move(y, x);
    if (c && *c) {
        attron(attr);
        addstr(c);
        attroff(attr);
    }
    if (pad && used < w)
        mvhline(y, x + used, ' ', w - used);
    free(t);
    free(c);
    return used;
}

void ui_put_right(ui_app *app, int y, int x, int w, const char *s, int attr)
{
    char *t = ui_text(app, s);
    int tw = text_width(t);
    if (tw < w) {
        mvhline(y, x, ' ', w - tw);
        ui_put(app, y, x + w - tw, tw, t, attr, 0);
    } else {
        ui_put(app, y, x, w, t, attr, 0);
    }
    free(t);
}

void ui_bar(ui_app *app, int y, int x, int w, long long num, long long den)
{
    if (w <= 0 || x + w > app->cols || y < 0 || y >= app->rows)
        return;
    int fill = 0;
    if (den > 0 && num > 0)
        fill = (int)((num * w * 2 + den) / (den * 2));
    if (fill > w)
        fill = w;
    if (num > 0 && num < den && fill == w)
        fill = w - 1; /* a bar is full only when it is done */
    const char *on = ui_glyph(app, "\xe2\x96\x88", "#");
    const char *off = ui_glyph(app, "\xe2\x96\x91", ".");
    move(y, x);
    attron(ui_attr(app, UI_PAIR_OK));
    for (int i = 0; i < fill; i++)
        addstr(on);
    attroff(ui_attr(app, UI_PAIR_OK));
    attron(ui_attr(app, UI_PAIR_DIM));
    for (int i = fill; i < w; i++)
        addstr(off);
    attroff(ui_attr(app, UI_PAIR_DIM));
}

void ui_clear_eol(ui_app *app, int y, int x)
{
    if (y < 0 || y >= app->rows || x >= app->cols)
        return;
    move(y, x);
    clrtoeol();
}

void ui_header(ui_app *app, const char *left, const char *right)
{
    int attr = A_REVERSE | ui_attr(app, UI_PAIR_HEAD);
    char *r = ui_text(app, right ? right : "");
    int rw = text_width(r);
    if (rw > app->cols / 2)
        rw = 0;
    attron(attr);
    mvhline(0, 0, ' ', app->cols);
    attroff(attr);
    ui_put(app, 0, 1, app->cols - rw - 3, left, attr | A_BOLD, 0);
    if (rw)
        ui_put(app, 0, app->cols - rw - 1, rw, r, attr, 0);
    free(r);
}

/* One status-line entry: the keys of consecutive actions that share a
 * hint, and the hint. */
static size_t entry(ui_app *app, const ui_action *acts, size_t n, size_t i, char *keys,
                    size_t ksize, const char **hint)
{
    char one[64];
    keys[0] = '\0';
    *hint = "";
    for (; i < n; i++) {
        ui_action_keys(&acts[i], app->utf8, 0, one, sizeof one);
        size_t l = strlen(keys);
        snprintf(keys + l, ksize - l, "%s%s", l ? " " : "", one);
        if (acts[i].hint) {
            *hint = _(acts[i].hint);
            return i + 1;
        }
    }
    return i;
}

/* Lay the entries of a table out in rows from y0 (flowing to the next row
 * when one is full, the last one cut), drawing them when draw is 1.
 * Returns the rows needed. */
static int keys_flow(ui_app *app, const ui_action *acts, size_t n, int y0, int max_rows, int draw)
{
    int row = 0, x = 0;
    char keys[160];
    const char *hint;
    for (size_t i = 0; i < n;) {
        i = entry(app, acts, n, i, keys, sizeof keys, &hint);
        char *k = ui_text(app, keys), *h = ui_text(app, hint);
        int w = text_width(k) + 1 + text_width(h);
        if (x > 0 && x + w > app->cols - 1 && row + 1 < max_rows) {
            row++;
            x = 0;
        }
        if (draw && x < app->cols) {
            x += ui_put(app, y0 + row, x, app->cols - x, k, A_BOLD | ui_attr(app, UI_PAIR_KEY), 0);
            x += 1;
            x += ui_put(app, y0 + row, x, app->cols - x, h, 0, 0) + 2;
        } else {
            x += w + 2;
        }
        free(k);
        free(h);
    }
    return row + 1;
}

int ui_keys_rows(ui_app *app, const ui_action *acts, size_t n)
{
    int max = app->rows >= 16 ? UI_KEY_ROWS : app->rows >= 10 ? 2 : 1;
    return keys_flow(app, acts, n, 0, max, 0);
}

void ui_draw_keys(ui_app *app)
{
    const ui_action *acts = app->top ? app->top->acts : NULL;
    size_t n = app->top ? app->top->nacts : 0;
    if (app->prompt.active)
        acts = ui_prompt_acts, n = ui_prompt_nacts;
    int rows = key_rows(app), y0 = app->rows - rows;
    for (int r = y0; r < app->rows; r++)
        ui_clear_eol(app, r, 0);
    keys_flow(app, acts, n, y0, rows, 1);
    app->status_dirty = 0;
}

void ui_draw_msg(ui_app *app, const char *info)
{
    int y = ui_msg_row(app);
    if (y <= 0)
        return;
    ui_prompt *p = &app->prompt;
    if (p->active) {
        int x = ui_put(app, y, 0, app->cols, p->label, A_BOLD, 0) + 1;
        int w = app->cols - x - 1;
        ui_clear_eol(app, y, x - 1);
        if (w < 1)
            return;
        p->first = ui_input_scroll(&p->in, p->first, w);
        char *vis = ui_input_slice(&p->in, p->first, p->in.len);
        char *pre = ui_input_slice(&p->in, p->first, p->in.cur);
        char *pre_t = ui_text(app, pre);
        ui_put(app, y, x, w, vis, 0, 0);
        app->cursor_y = y;
        app->cursor_x = x + text_width(pre_t);
        free(vis);
        free(pre);
        free(pre_t);
    } else if (app->msg[0]) {
        int attr = A_BOLD | (app->msg_error ? ui_attr(app, UI_PAIR_LATE) : 0);
        ui_put(app, y, 0, app->cols, app->msg, attr, 1);
    } else {
        ui_put(app, y, 0, app->cols, info ? info : "", ui_attr(app, UI_PAIR_DIM), 1);
    }
    app->msg_dirty = 0;
}

void ui_date_vn(const char *iso, char *out, size_t size)
{
    int y, m, d;
    if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
        snprintf(out, size, "%02d/%02d/%04d", d, m, y);
    else
        snprintf(out, size, "%s", "");
}

int ui_list_draw(ui_app *app, ui_screen *s, const ui_list *l, ui_drawn *drawn, int full, long lines,
                 ui_row_fn *draw_row)
{
    int all = full || drawn->top != l->top;
    if (all) {
        for (int i = 0; i < lines; i++)
            draw_row(app, s, i, l->top + i);
    } else {
        int line[2];
        long row[2];
        int n = ui_list_moved_rows(l, drawn->cur, line, row);
        for (int k = 0; k < n; k++)
            draw_row(app, s, line[k], row[k]);
    }
    drawn->cur = l->cur;
    drawn->top = l->top;
    return all;
}
