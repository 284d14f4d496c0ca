/* view.c - a read-only page of lines that scrolls: the help screen and an
 * item's history are made of it.  Lines may have a left column (keys)
 * lined up at the widest entry. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_view_acts[] = {
    {ACT_BACK, 'q', UI_ESC, FK(KEY_LEFT), N_("back"), N_("back")},
    {ACT_UP, FK(KEY_UP), 'k', 0, N_("scroll up"), NULL},
    {ACT_DOWN, FK(KEY_DOWN), 'j', 0, N_("scroll down"), N_("scroll")},
    {ACT_PGUP, FK(KEY_PPAGE), 'b', UI_CTRL('B'), N_("page up"), NULL},
    {ACT_PGDN, FK(KEY_NPAGE), 'f', UI_CTRL('F'), N_("page down"), N_("page")},
    {ACT_HOME, FK(KEY_HOME), 'g', '<', N_("top"), NULL},
    {ACT_END, FK(KEY_END), 'G', '>', N_("bottom"), N_("ends")},
    {ACT_REDRAW, UI_CTRL('L'), 0, 0, N_("redraw the screen"), N_("redraw")},
};
const size_t ui_view_nacts = sizeof ui_view_acts / sizeof ui_view_acts[0];

typedef struct vrow {
    char *left, *text;
    int bold;
} vrow;

typedef struct view {
    ui_screen base;
    char *title;
    vrow *lines;
    size_t n, cap;
    int left_w;
    long top;
} view;

#define V(s) ((view *)(s))

void ui_view_add(ui_screen *s, int bold, const char *left, const char *text)
{
    view *v = V(s);
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->lines = xrealloc(v->lines, v->cap * sizeof *v->lines);
    }
    v->lines[v->n++] = (vrow){left ? xstrdup(left) : NULL, xstrdup(text ? text : ""), bold};
    if (left && text_width(left) + 2 > v->left_w)
        v->left_w = text_width(left) + 2;
}

static int page_rows(const ui_app *app)
{
    return ui_body_rows(app);
}

static void clamp(const ui_app *app, view *v)
{
    long max = (long)v->n - page_rows(app);
    if (v->top > max)
        v->top = max;
    if (v->top < 0)
        v->top = 0;
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    view *v = V(s);
    (void)full;
    ui_header(app, v->title, "");
    int rows = page_rows(app), lw = v->left_w < app->cols / 2 ? v->left_w : app->cols / 2;
    for (int i = 0; i < rows; i++) {
        int y = ui_body_top(app) + i;
        size_t k = (size_t)v->top + (size_t)i;
        ui_clear_eol(app, y, 0);
        if (k >= v->n)
            continue;
        const vrow *l = &v->lines[k];
        int x = 1;
        if (l->left) {
            ui_put(app, y, 2, lw - 1, l->left, A_BOLD | ui_attr(app, UI_PAIR_KEY), 0);
            x = 2 + lw;
        }
        ui_put(app, y, x, app->cols - x - 1, l->text, l->bold ? A_BOLD | A_UNDERLINE : 0, 0);
    }
    snprintf(s->info, sizeof s->info, _("lines %ld-%ld of %zu"), v->n ? v->top + 1 : 0,
             v->top + rows < (long)v->n ? v->top + rows : (long)v->n, v->n);
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    view *v = V(s);
    long page = page_rows(app);
    (void)k;
    switch (act) {
    case ACT_UP: v->top--; break;
    case ACT_DOWN: v->top++; break;
    case ACT_PGUP: v->top -= page; break;
    case ACT_PGDN: v->top += page; break;
    case ACT_HOME: v->top = 0; break;
    case ACT_END: v->top = (long)v->n; break;
    default: break;
    }
    clamp(app, v);
}

static void reload(ui_app *app, ui_screen *s)
{
    (void)app;
    (void)s;
}

static void resize(ui_app *app, ui_screen *s)
{
    clamp(app, V(s));
}

static void destroy(ui_screen *s)
{
    view *v = V(s);
    for (size_t i = 0; i < v->n; i++) {
        free(v->lines[i].left);
        free(v->lines[i].text);
    }
    free(v->lines);
    free(v->title);
    free(v);
}

ui_screen *ui_view_new(ui_app *app, const char *name, const char *title)
{
    view *v = xcalloc(1, sizeof *v);
    (void)app;
    v->base = (ui_screen){.name = name, .acts = ui_view_acts, .nacts = ui_view_nacts,
                          .draw = draw, .key = key, .reload = reload, .resize = resize,
                          .destroy = destroy};
    v->title = xstrdup(title);
    return &v->base;
}
