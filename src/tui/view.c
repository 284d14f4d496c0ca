/* view.c - a read-only page of lines that scrolls: the help screen and an
 * item's history are made of it.  Lines may have a left column (keys)
 * lined up at the widest entry; long text is broken at spaces into
 * continuation rows for the terminal's width (laid out here, so the
 * terminal itself never wraps). */
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

/* A screen row: a piece of a line's text. */
typedef struct vseg {
    size_t line, off, len;
} vseg;

typedef struct view {
    ui_screen base;
    char *title;
    vrow *lines;
    size_t n, cap;
    int left_w;
    vseg *segs;
    size_t nsegs;
    int wrapped_cols; /* the width segs were made for */
    long top;
    /* picks: the bold lines are entries, one under a cursor (line) */
    ui_pick_fn *pick;
    void *pick_ctx;
    void (*pick_free)(void *);
    long cur;
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

static int left_width(const ui_app *app, const view *v)
{
    return v->left_w < app->cols / 2 ? v->left_w : app->cols / 2;
}

static void add_seg(view *v, size_t line, size_t off, size_t len)
{
    v->segs = xrealloc(v->segs, (v->nsegs + 1) * sizeof *v->segs);
    v->segs[v->nsegs++] = (vseg){line, off, len};
}

/* Break every line into rows of the terminal's width, at spaces. */
static void rewrap(const ui_app *app, view *v)
{
    v->nsegs = 0;
    v->wrapped_cols = app->cols;
    int lw = left_width(app, v);
    for (size_t i = 0; i < v->n; i++) {
        const char *t = v->lines[i].text;
        int avail = app->cols - (v->lines[i].left ? 2 + lw : 1) - 1;
        size_t off = 0, len = strlen(t);
        if (avail < 12 || len == 0) {
            add_seg(v, i, 0, len);
            continue;
        }
        while (off < len) {
            size_t fit = text_fit(t + off, avail);
            if (fit == 0)
                fit = len - off;
            if (off + fit < len) {
                size_t sp = fit;
                while (sp > 0 && t[off + sp] != ' ')
                    sp--;
                if (sp > 0)
                    fit = sp;
            }
            add_seg(v, i, off, fit);
            off += fit;
            while (off < len && t[off] == ' ')
                off++;
        }
    }
}

static void clamp(const ui_app *app, view *v)
{
    if (v->wrapped_cols != app->cols)
        rewrap(app, v);
    long max = (long)v->nsegs - page_rows(app);
    if (v->top > max)
        v->top = max;
    if (v->top < 0)
        v->top = 0;
}

/* The first row of line i (its first segment). */
static long seg_of(const view *v, long line)
{
    for (size_t k = 0; k < v->nsegs; k++)
        if ((long)v->segs[k].line == line)
            return (long)k;
    return 0;
}

/* The next (dir 1) or previous (-1) bold line from the cursor. */
static void pick_move(const ui_app *app, view *v, int dir)
{
    for (long i = v->cur + dir; i >= 0 && i < (long)v->n; i += dir)
        if (v->lines[i].bold) {
            v->cur = i;
            break;
        }
    long first = seg_of(v, v->cur), rows = page_rows(app), last = first;
    while (last + 1 < (long)v->nsegs && v->segs[last + 1].line == (size_t)v->cur)
        last++;
    /* show the entry's head and, when it fits, its lines below */
    for (long k = last + 1; k < (long)v->nsegs && !v->lines[v->segs[k].line].bold; k++)
        last = k;
    if (last - v->top >= rows)
        v->top = last - rows + 1;
    if (first < v->top || last - first >= rows)
        v->top = first;
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    view *v = V(s);
    (void)full;
    clamp(app, v);
    ui_header(app, v->title, "");
    int rows = page_rows(app), lw = left_width(app, v);
    for (int i = 0; i < rows; i++) {
        int y = ui_body_top(app) + i;
        size_t k = (size_t)v->top + (size_t)i;
        ui_clear_eol(app, y, 0);
        if (k >= v->nsegs)
            continue;
        const vseg *g = &v->segs[k];
        const vrow *l = &v->lines[g->line];
        int x = 1;
        if (l->left) {
            if (g->off == 0)
                ui_put(app, y, 2, lw - 1, l->left, A_BOLD | ui_attr(app, UI_PAIR_KEY), 0);
            x = 2 + lw;
        }
        char *piece = xasprintf("%.*s", (int)g->len, l->text + g->off);
        int on = v->pick && (long)g->line == v->cur;
        if (on && g->off == 0)
            ui_put(app, y, 0, 2, ui_glyph(app, "\xe2\x96\xb6", ">"), A_BOLD, 0);
        ui_put(app, y, x, app->cols - x - 1, piece,
               (l->bold ? A_BOLD | A_UNDERLINE : 0) | (on ? A_REVERSE : 0), 0);
        free(piece);
    }
    snprintf(s->info, sizeof s->info, _("lines %ld-%ld of %zu"), v->nsegs ? v->top + 1 : 0,
             v->top + rows < (long)v->nsegs ? v->top + rows : (long)v->nsegs, v->nsegs);
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    view *v = V(s);
    long page = page_rows(app);
    (void)k;
    if (v->pick && (act == ACT_UP || act == ACT_DOWN)) {
        clamp(app, v);
        pick_move(app, v, act == ACT_UP ? -1 : 1);
        return;
    }
    if (v->pick && act == ACT_OPEN && v->cur >= 0) {
        size_t nth = 0;
        for (long i = 0; i < v->cur; i++)
            nth += v->lines[i].bold;
        v->pick(app, v->pick_ctx, nth);
        return;
    }
    switch (act) {
    case ACT_UP:
        v->top--;
        break;
    case ACT_DOWN:
        v->top++;
        break;
    case ACT_PGUP:
        v->top -= page;
        break;
    case ACT_PGDN:
        v->top += page;
        break;
    case ACT_HOME:
        v->top = 0;
        break;
    case ACT_END:
        v->top = (long)v->nsegs;
        break;
    default:
        break;
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
    if (v->pick_free)
        v->pick_free(v->pick_ctx);
    free(v->lines);
    free(v->segs);
    free(v->title);
    free(v);
}

ui_screen *ui_view_new(ui_app *app, const char *name, const char *title)
{
    view *v = xcalloc(1, sizeof *v);
    (void)app;
    v->base = (ui_screen){.name = name,
                          .acts = ui_view_acts,
                          .nacts = ui_view_nacts,
                          .draw = draw,
                          .key = key,
                          .reload = reload,
                          .resize = resize,
                          .destroy = destroy};
    v->title = xstrdup(title);
    v->cur = -1;
    return &v->base;
}

void ui_view_pick(ui_screen *s, ui_pick_fn *fn, void *ctx, void (*ctx_free)(void *),
                  const ui_action *acts, size_t nacts)
{
    view *v = V(s);
    v->pick = fn;
    v->pick_ctx = ctx;
    v->pick_free = ctx_free;
    s->acts = acts;
    s->nacts = nacts;
    for (size_t i = 0; i < v->n && v->cur < 0; i++)
        if (v->lines[i].bold)
            v->cur = (long)i;
}
