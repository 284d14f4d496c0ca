/* ui-batches.c - the import history (`H` on the communes screen): every
 * import batch, newest first, with its time, login, counts and files,
 * and a mark when it was undone.  Enter shows a batch's files; `u`
 * undoes it after a y/n question (admin and city logins, or the login
 * that imported it), or lists the rows changed since that stop it. */
#include "config.h"

#include "theodoi/batches.h"
#include "theodoi/i18n.h"
#include "theodoi/sync.h"
#include "theodoi/tui.h"
#include "theodoi/users.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_batches_acts[] = {
    {ACT_HELP, '?', FK(KEY_F(1)), 0, N_("help: every key of every screen"), N_("help")},
    {ACT_BACK, 'q', UI_ESC, FK(KEY_LEFT), N_("back to the communes"), N_("back")},
    {ACT_UP, FK(KEY_UP), 'k', 0, N_("move up"), NULL},
    {ACT_DOWN, FK(KEY_DOWN), 'j', 0, N_("move down"), N_("move")},
    {ACT_PGUP, FK(KEY_PPAGE), 'b', UI_CTRL('B'), N_("page up"), NULL},
    {ACT_PGDN, FK(KEY_NPAGE), 'f', UI_CTRL('F'), N_("page down"), N_("page")},
    {ACT_HOME, FK(KEY_HOME), 'g', '<', N_("newest batch"), NULL},
    {ACT_END, FK(KEY_END), 'G', '>', N_("oldest batch"), N_("ends")},
    {ACT_OPEN, UI_ENTER, 'l', FK(KEY_RIGHT), N_("the batch: its files and counts"), N_("files")},
    {ACT_UNDO, 'u', 0, 0,
     N_("undo the batch (after a yes): its rows go back to what they were, unless changed since"),
     N_("undo")},
    {ACT_REDRAW, UI_CTRL('L'), 0, 0, N_("redraw the screen"), N_("redraw")},
};
const size_t ui_batches_nacts = sizeof ui_batches_acts / sizeof ui_batches_acts[0];

const ui_action ui_confirm_acts[] = {
    {ACT_YES, 'y', 0, 0, N_("yes: do it"), N_("yes")},
    {ACT_NO, 'n', UI_ESC, 'q', N_("no: leave it as it is"), N_("no")},
};
const size_t ui_confirm_nacts = sizeof ui_confirm_acts / sizeof ui_confirm_acts[0];

typedef struct batches {
    ui_screen base;
    batch_info *rows;
    size_t n, cap;
    ui_list list;
    ui_drawn drawn; /* what draw() last showed of the list */
    int asking;     /* the undo question is open */
} batches;

#define B(s) ((batches *)(s))

static void rows_free(batches *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->rows[i].files);
    free(h->rows);
    h->rows = NULL;
    h->n = h->cap = 0;
}

static int add_batch(void *ctx, const batch_info *b)
{
    batches *h = ctx;
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 64;
        h->rows = xrealloc(h->rows, h->cap * sizeof *h->rows);
    }
    h->rows[h->n] = *b;
    h->rows[h->n++].files = xstrdup(b->files ? b->files : "");
    return 0;
}

/* Load every batch; the cursor back on batch `id` when it is there. */
static void load(ui_app *app, batches *h, int64_t id)
{
    rows_free(h);
    if (store_batches_each(app->db, add_batch, h) != TD_OK)
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
    ui_list_set_count(&h->list, (long)h->n);
    for (size_t i = 0; i < h->n; i++)
        if (h->rows[i].id == id)
            ui_list_goto(&h->list, (long)i);
    h->drawn.top = -1;
}

static const batch_info *cur_batch(const batches *h)
{
    return h->n ? &h->rows[h->list.cur] : NULL;
}

/* "22/11/26 10:05" of an ISO time. */
static void when(const char *at, char *b, size_t size)
{
    if (strlen(at) >= 16)
        snprintf(b, size, "%.2s/%.2s/%.2s %.5s", at + 8, at + 5, at + 2, at + 11);
    else
        snprintf(b, size, "%s", at);
}

/* "a.csv, b.csv" of "dir/a.csv dir/b.csv" (malloc'd). */
static char *base_names(const char *files)
{
    strbuf b = {0};
    char *copy = xstrdup(files), *save = NULL;
    for (char *f = strtok_r(copy, " ", &save); f; f = strtok_r(NULL, " ", &save)) {
        const char *slash = strrchr(f, '/');
        sb_addf(&b, "%s%s", b.s ? ", " : "", slash ? slash + 1 : f);
    }
    free(copy);
    return b.s ? b.s : xstrdup("");
}

static int list_y(const ui_app *app)
{
    return ui_body_top(app) + 1;
}

/* Columns: id, time, login, new and updated, files (the rest). */
static void draw_row(ui_app *app, ui_screen *s, int line, long row)
{
    batches *h = B(s);
    int y = list_y(app) + line, cur = row == h->list.cur;
    ui_clear_eol(app, y, 0);
    if (row < 0 || row >= (long)h->n)
        return;
    const batch_info *b = &h->rows[row];
    int dim = b->undone_at[0] ? ui_attr(app, UI_PAIR_DIM) : 0, x = 2;
    char t[64];
    ui_put(app, y, 0, 2, cur ? ui_glyph(app, "\xe2\x96\xb6", ">") : " ", A_BOLD, 0);
    snprintf(t, sizeof t, "#%lld", (long long)b->id);
    ui_put(app, y, x, 6, t, (cur ? A_REVERSE | A_BOLD : 0) | dim, 0);
    x += 7;
    if (app->cols >= 70) {
        when(b->at, t, sizeof t);
        ui_put(app, y, x, 14, t, dim, 0);
        x += 15;
    }
    ui_put(app, y, x, 10, b->login, dim, 0);
    x += 11;
    snprintf(t, sizeof t, "%ld/%ld", b->inserted, b->updated);
    ui_put_right(app, y, x, 9, t, dim);
    x += 10;
    if (b->undone_at[0])
        x += ui_put(app, y, x, app->cols - x, _("(undone) "), A_BOLD | ui_attr(app, UI_PAIR_LATE),
                    0);
    char *names = base_names(b->files);
    ui_put(app, y, x, app->cols - x - 1, names, dim, 0);
    free(names);
}

static void draw_titles(ui_app *app)
{
    int y = ui_body_top(app), a = A_BOLD | A_UNDERLINE, x = 2;
    ui_clear_eol(app, y, 0);
    ui_put(app, y, x, 6, _("Batch"), a, 0);
    x += 7;
    if (app->cols >= 70) {
        ui_put(app, y, x, 14, _("Time"), a, 0);
        x += 15;
    }
    ui_put(app, y, x, 10, _("Login"), a, 0);
    ui_put_right(app, y, x + 11, 9, _("New/upd"), a);
    ui_put(app, y, x + 21, app->cols - x - 22, _("Files"), a, 0);
}

static void set_info(batches *h)
{
    const batch_info *b = cur_batch(h);
    ui_screen *s = &h->base;
    if (h->asking && b)
        snprintf(s->info, sizeof s->info,
                 _("Undo batch %lld (%ld new, %ld updated rows, by %s)? (y/n)"), (long long)b->id,
                 b->inserted, b->updated, b->login);
    else
        snprintf(s->info, sizeof s->info, _("%zu imports, newest first; u undoes one"), h->n);
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    batches *h = B(s);
    if (full) {
        ui_header(app, _("Import history"), "");
        draw_titles(app);
    }
    if (ui_list_draw(app, s, &h->list, &h->drawn, full, h->list.height, draw_row) && !h->n)
        ui_put(app, list_y(app), 2, app->cols - 3, _("No import yet"), 0, 0);
    set_info(h);
}

/* The question's keys in the key rows, or the list's again. */
static void set_asking(ui_app *app, batches *h, int on)
{
    h->asking = on;
    h->base.acts = on ? ui_confirm_acts : ui_batches_acts;
    h->base.nacts = on ? ui_confirm_nacts : ui_batches_nacts;
    h->base.key_rows = ui_keys_rows(app, h->base.acts, h->base.nacts);
    h->base.resize(app, &h->base);
    app->full = 1;
}

/* May this login undo batch b?  When not, a message says why. */
static int may_undo(ui_app *app, const batch_info *b)
{
    role_kind role;
    char *unit = NULL;
    if (store_user_get(app->db, td_login(), &role, &unit) != TD_OK)
        role = ROLE_NONE;
    free(unit);
    if (b->undone_at[0]) {
        ui_message(app, 1, _("Batch %lld was undone already (%s)"), (long long)b->id, b->undone_at);
        return 0;
    }
    if (role == ROLE_ADMIN || role == ROLE_CITY ||
        (role != ROLE_NONE && !strcmp(b->login, td_login())))
        return 1;
    ui_message(app, 1,
               _("Your login (%s) may not undo the import of %s: ask the city office or an admin"),
               td_login(), b->login);
    return 0;
}

/* The rows that stop an undo, as a list to scroll. */
static void show_refusals(ui_app *app, int64_t id, const problems *p)
{
    char *t = xasprintf(_("Batch %lld was not undone"), (long long)id);
    ui_screen *v = ui_view_new(app, N_("Undo refused"), t);
    free(t);
    ui_view_add(
        v, 1, NULL,
        _("Nothing was changed: these rows changed after the import. Undo the later imports first (newer batches), or leave it."));
    for (size_t i = 0; i < p->n; i++)
        ui_view_add(v, 0, NULL, p->msg[i]);
    if (p->count > p->n) {
        t = xasprintf(_("... and %zu more problems"), p->count - p->n);
        ui_view_add(v, 0, NULL, t);
        free(t);
    }
    ui_push(app, v);
}

static void undo(ui_app *app, batches *h)
{
    const batch_info *b = cur_batch(h);
    if (!b)
        return;
    int64_t id = b->id;
    problems p;
    problems_init(&p, 500);
    int rc = sync_undo(app->db, id, td_login(), &p);
    if (rc == TD_OK) {
        ui_changed(app);
        ui_message(app, 0, _("Batch %lld undone: its rows are back as they were"), (long long)id);
    } else if (rc == TD_EINPUT && p.count) {
        show_refusals(app, id, &p);
        ui_message(app, 1, _("Batch %lld was not undone; nothing was changed"), (long long)id);
    } else {
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
    }
    problems_free(&p);
}

/* A batch's details: its time, login, counts and files, one a line. */
static void details(ui_app *app, const batch_info *b)
{
    char *t = xasprintf(_("Import batch %lld"), (long long)b->id), w[32];
    ui_screen *v = ui_view_new(app, N_("Import batch"), t);
    free(t);
    when(b->at, w, sizeof w);
    ui_view_add(v, 0, _("Time"), w);
    ui_view_add(v, 0, _("Login"), b->login);
    t = xasprintf(_("%ld inserted, %ld updated, %ld unchanged, %ld stale"), b->inserted, b->updated,
                  b->unchanged, b->stale);
    ui_view_add(v, 0, _("Rows"), t);
    free(t);
    if (b->undone_at[0]) {
        when(b->undone_at, w, sizeof w);
        ui_view_add(v, 0, _("Undone"), w);
    }
    ui_view_add(v, 1, NULL, _("Files"));
    char *files = xstrdup(b->files), *save = NULL;
    for (char *f = strtok_r(files, " ", &save); f; f = strtok_r(NULL, " ", &save))
        ui_view_add(v, 0, NULL, f);
    free(files);
    ui_push(app, v);
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    batches *h = B(s);
    (void)k;
    if (h->asking) {
        set_asking(app, h, 0);
        if (act == ACT_YES)
            undo(app, h);
        else
            ui_message(app, 0, "%s", _("Not undone"));
        return;
    }
    switch (act) {
    case ACT_OPEN:
        if (cur_batch(h))
            details(app, cur_batch(h));
        break;
    case ACT_UNDO:
        if (cur_batch(h) && may_undo(app, cur_batch(h)))
            set_asking(app, h, 1);
        break;
    default:
        ui_list_nav(&h->list, act);
        break;
    }
}

static void reload(ui_app *app, ui_screen *s)
{
    batches *h = B(s);
    const batch_info *b = cur_batch(h);
    load(app, h, b ? b->id : 0);
}

static void resize(ui_app *app, ui_screen *s)
{
    batches *h = B(s);
    int n = ui_body_rows(app) - 1;
    ui_list_set_height(&h->list, n > 1 ? n : 1);
    h->drawn.top = -1;
}

static void destroy(ui_screen *s)
{
    rows_free(B(s));
    free(s);
}

ui_screen *ui_batches_new(ui_app *app)
{
    batches *h = xcalloc(1, sizeof *h);
    h->base = (ui_screen){.name = N_("Import history"),
                          .acts = ui_batches_acts,
                          .nacts = ui_batches_nacts,
                          .draw = draw,
                          .key = key,
                          .reload = reload,
                          .resize = resize,
                          .destroy = destroy};
    h->drawn.cur = h->drawn.top = -1;
    int n = ui_body_rows(app) - 1;
    ui_list_init(&h->list, 0, n > 1 ? n : 1);
    load(app, h, 0);
    return &h->base;
}
