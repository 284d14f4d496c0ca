/* ui-import.c - importing CSV files (`i` on the communes screen).
 *
 * On top, a path field: Tab completes what was typed (the common part;
 * when several names fit, they are listed below) and Enter opens the
 * directory or selects the file typed.  Below, a directory's
 * sub-directories and CSV files with their sizes: Enter opens a
 * directory, Space selects a file (several at once: ten communes'
 * files), `a` selects every file shown.  `d` (or F5) checks the selection
 * with a dry run (ui-import-run.c): what would be written, or every
 * problem as FILE:LINE: column: message; after a clean dry run `y`
 * imports for real. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/pathcomp.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"
#include "ui-import.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_import_acts[] = {
    {ACT_HELP, '?', FK(KEY_F(1)), 0, N_("help: every key of every screen"), N_("help")},
    {ACT_BACK, 'q', UI_ESC, 0, N_("back to the communes (the selection is forgotten)"), N_("back")},
    {ACT_UP, FK(KEY_UP), 'k', 0, N_("move up"), NULL},
    {ACT_DOWN, FK(KEY_DOWN), 'j', 0, N_("move down"), N_("move")},
    {ACT_PGUP, FK(KEY_PPAGE), 'b', UI_CTRL('B'), N_("page up"), NULL},
    {ACT_PGDN, FK(KEY_NPAGE), 'f', UI_CTRL('F'), N_("page down"), N_("page")},
    {ACT_HOME, FK(KEY_HOME), 'g', '<', N_("first row"), NULL},
    {ACT_END, FK(KEY_END), 'G', '>', N_("last row"), N_("ends")},
    {ACT_OPEN, UI_ENTER, 'l', FK(KEY_RIGHT), N_("open the directory; on a file: select it or not"),
     N_("open")},
    {ACT_PARENT, FK(KEY_BACKSPACE), 'h', FK(KEY_LEFT), N_("up to the parent directory"), N_("up")},
    {ACT_TOGGLE, ' ', 0, 0, N_("select the file or not (several files at once)"), N_("select")},
    {ACT_SELECT_ALL, 'a', 0, 0, N_("select every file shown (again: none)"), N_("all")},
    {ACT_DRY_RUN, 'd', FK(KEY_F(5)), 0,
     N_("check the selected files (dry run: nothing is written), then import them after a yes"),
     N_("check")},
    {ACT_PATH, UI_TAB, 'p', '/', N_("type a path (Tab completes it; / starts from the root)"),
     N_("path")},
    {ACT_REDRAW, UI_CTRL('L'), 0, 0, N_("redraw the screen"), N_("redraw")},
};
const size_t ui_import_nacts = sizeof ui_import_acts / sizeof ui_import_acts[0];

const ui_action ui_import_path_acts[] = {
    {ACT_NEXT_FIELD, UI_TAB, 0, 0, N_("complete the path (when several names fit: listed below)"),
     N_("complete")},
    {ACT_OPEN, UI_ENTER, 0, 0, N_("open the directory typed, or select the file typed"), N_("go")},
    {ACT_CANCEL, UI_ESC, UI_CTRL('G'), FK(KEY_DOWN), N_("back to the listing"), N_("listing")},
    {ACT_NONE, FK(KEY_LEFT), UI_CTRL('B'), 0, N_("cursor left"), NULL},
    {ACT_NONE, FK(KEY_RIGHT), UI_CTRL('F'), 0, N_("cursor right"), N_("move")},
    {ACT_NONE, FK(KEY_BACKSPACE), UI_CTRL('H'), 0, N_("delete the character before the cursor"),
     NULL},
    {ACT_NONE, UI_CTRL('U'), 0, 0, N_("delete to the start"), N_("delete")},
};
const size_t ui_import_path_nacts = sizeof ui_import_path_acts / sizeof ui_import_path_acts[0];

#define IM(s) ((imp *)(s))

/* dir/name without a doubled slash or the trailing one of a directory's
 * name (malloc'd). */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(name);
    if (n > 1 && name[n - 1] == '/')
        n--;
    return xasprintf("%s%s%.*s", dir, strcmp(dir, "/") ? "/" : "", (int)n, name);
}

char *import_shown_path(const imp *im, const char *abs)
{
    size_t n = strlen(im->cwd);
    if (strcmp(im->cwd, "/") && !strncmp(abs, im->cwd, n) && abs[n] == '/')
        return xstrdup(abs + n + 1);
    return xstrdup(abs);
}

static long sel_index(const imp *im, const char *abs)
{
    for (size_t i = 0; i < im->nsel; i++)
        if (!strcmp(im->sel[i], abs))
            return (long)i;
    return -1;
}

/* Select or unselect a file; on = -1 toggles.  Returns 1 when selected. */
static int sel_set(imp *im, const char *abs, int on)
{
    long i = sel_index(im, abs);
    if (on == -1)
        on = i < 0;
    if (on && i < 0) {
        im->sel = xrealloc(im->sel, (im->nsel + 1) * sizeof *im->sel);
        im->sel[im->nsel++] = xstrdup(abs);
    } else if (!on && i >= 0) {
        free(im->sel[i]);
        im->sel[i] = im->sel[--im->nsel];
    }
    im->list_dirty = 1;
    return on;
}

void import_sel_clear(imp *im)
{
    for (size_t i = 0; i < im->nsel; i++)
        free(im->sel[i]);
    free(im->sel);
    im->sel = NULL;
    im->nsel = 0;
    im->list_dirty = 1;
}

static void ents_free(imp *im)
{
    dir_list_free(im->ents, im->n);
    im->ents = NULL;
    im->n = 0;
}

/* The field shows the listed directory when it is not being typed in. */
static void field_to_dir(imp *im)
{
    char *t = strcmp(im->dir, "/") ? xasprintf("%s/", im->dir) : xstrdup("/");
    ui_input_set(&im->path, t);
    im->path_first = 0;
    free(t);
}

/* List directory `dir`, the cursor on the entry named `on` (or the first).
 * -1 (and a message) when it cannot be read. */
static int load_dir(ui_app *app, imp *im, const char *dir, const char *on)
{
    char real[PATH_MAX];
    dir_entry *e;
    size_t n;
    if (!realpath(dir, real) || dir_list_csv(real, &e, &n) != 0) {
        ui_message(app, 1, _("Cannot open the directory %s: %s"), dir, strerror(errno));
        return -1;
    }
    ents_free(im);
    im->ents = e;
    im->n = n;
    free(im->dir);
    im->dir = xstrdup(real);
    free(im->filter);
    im->filter = NULL;
    ui_list_set_count(&im->list, (long)n);
    ui_list_home(&im->list);
    for (size_t i = 0; on && i < n; i++)
        if (!strcmp(e[i].name, on))
            ui_list_goto(&im->list, (long)i);
    if (!im->editing)
        field_to_dir(im);
    im->list_dirty = 1;
    return 0;
}

/* The candidates of a completion, listed from directory dir. */
static void show_matches(imp *im, const char *dir, char **names, size_t n, const char *typed)
{
    ents_free(im);
    im->ents = xcalloc(n, sizeof *im->ents);
    for (size_t i = 0; i < n; i++) {
        dir_entry *d = &im->ents[i];
        size_t l = strlen(names[i]);
        d->name = xstrdup(names[i]);
        d->is_dir = l > 0 && names[i][l - 1] == '/';
        char *p = join(dir, names[i]);
        struct stat sb;
        d->size = !d->is_dir && stat(p, &sb) == 0 ? (long long)sb.st_size : 0;
        free(p);
    }
    im->n = n;
    char real[PATH_MAX];
    free(im->dir);
    im->dir = xstrdup(realpath(dir, real) ? real : dir);
    free(im->filter);
    im->filter = xstrdup(typed);
    ui_list_set_count(&im->list, (long)n);
    ui_list_home(&im->list);
    im->list_dirty = 1;
}

/* Split a path into its directory ("." when none) and its last part. */
static char *dir_of(const char *path, const char **base)
{
    const char *slash = strrchr(path, '/');
    *base = slash ? slash + 1 : path;
    if (!slash)
        return xstrdup(".");
    return slash == path ? xstrdup("/") : xasprintf("%.*s", (int)(slash - path), path);
}

/* Tab in the field: complete as far as it is unambiguous; one directory
 * is listed at once, several candidates are listed below. */
static void complete(ui_app *app, imp *im)
{
    char *typed = ui_input_text(&im->path), *out = NULL, **m = NULL;
    size_t n = 0;
    path_complete(typed, &out, &m, &n);
    ui_input_set(&im->path, out);
    const char *base;
    char *dir = dir_of(out, &base);
    if (n == 0) {
        ui_message(app, 1, _("Nothing here starts with \"%s\""), typed);
    } else if (n == 1 && out[strlen(out) - 1] == '/') {
        load_dir(app, im, out, NULL);
    } else if (n == 1) {
        load_dir(app, im, dir, base);
    } else {
        show_matches(im, dir, m, n, base);
        ui_message(app, 0, _("%zu names start with \"%s\": type more, or pick one below"), n, base);
    }
    free(dir);
    path_matches_free(m, n);
    free(out);
    free(typed);
}

static void set_editing(ui_app *app, imp *im, int on)
{
    im->editing = on;
    im->base.raw_keys = on;
    im->base.acts = on ? ui_import_path_acts : ui_import_acts;
    im->base.nacts = on ? ui_import_path_nacts : ui_import_nacts;
    im->base.key_rows = ui_keys_rows(app, im->base.acts, im->base.nacts);
    im->base.resize(app, &im->base);
    if (!on)
        field_to_dir(im);
    app->full = 1;
}

/* Enter in the field: a directory is opened, a file selected. */
static void path_go(ui_app *app, imp *im)
{
    char *typed = ui_input_text(&im->path), *p = path_expand(str_trim(typed));
    struct stat sb;
    const char *base;
    if (!*p) {
        set_editing(app, im, 0);
    } else if (stat(p, &sb) != 0) {
        ui_message(app, 1, _("%s: %s"), p, strerror(errno));
    } else if (S_ISDIR(sb.st_mode)) {
        if (load_dir(app, im, p, NULL) == 0)
            set_editing(app, im, 0);
    } else {
        char *dir = dir_of(p, &base), real[PATH_MAX];
        if (realpath(p, real) && load_dir(app, im, dir, base) == 0) {
            sel_set(im, real, 1);
            set_editing(app, im, 0);
            ui_message(app, 0, _("Selected %s"), base);
        }
        free(dir);
    }
    free(p);
    free(typed);
}

static const dir_entry *cur_entry(const imp *im)
{
    return im->n ? &im->ents[im->list.cur] : NULL;
}

static int toggle(ui_app *app, imp *im, const dir_entry *e)
{
    (void)app;
    char *p = join(im->dir, e->name);
    int on = sel_set(im, p, -1);
    free(p);
    return on;
}

/* `a`: every file shown; when all are selected already, none of them. */
static void select_all(ui_app *app, imp *im)
{
    size_t files = 0, on = 0;
    for (size_t i = 0; i < im->n; i++) {
        if (im->ents[i].is_dir)
            continue;
        char *p = join(im->dir, im->ents[i].name);
        files++;
        on += sel_index(im, p) >= 0;
        free(p);
    }
    if (!files) {
        ui_message(app, 1, "%s", _("No CSV file here: open a directory with Enter"));
        return;
    }
    for (size_t i = 0; i < im->n; i++) {
        if (im->ents[i].is_dir)
            continue;
        char *p = join(im->dir, im->ents[i].name);
        sel_set(im, p, on < files);
        free(p);
    }
}

static void open_entry(ui_app *app, imp *im)
{
    const dir_entry *e = cur_entry(im);
    if (!e)
        return;
    if (!e->is_dir) {
        toggle(app, im, e);
        return;
    }
    char *p = join(im->dir, e->name);
    char *back = NULL;
    if (!strcmp(e->name, "../")) {
        const char *base;
        free(dir_of(im->dir, &base));
        back = xasprintf("%s/", base);
    }
    load_dir(app, im, p, back);
    free(back);
    free(p);
}

static void parent(ui_app *app, imp *im)
{
    const char *base;
    char *up = dir_of(im->dir, &base), *back = xasprintf("%s/", base);
    if (strcmp(im->dir, "/"))
        load_dir(app, im, up, back);
    free(back);
    free(up);
}

static void key_path(ui_app *app, imp *im, ui_act act, ui_key k)
{
    switch (act) {
    case ACT_NEXT_FIELD:
        complete(app, im);
        return;
    case ACT_OPEN:
        path_go(app, im);
        return;
    case ACT_CANCEL:
        set_editing(app, im, 0);
        return;
    default:
        break;
    }
    ui_edit_key(&im->path, k);
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    imp *im = IM(s);
    if (im->editing) {
        key_path(app, im, act, k);
        return;
    }
    const dir_entry *e = cur_entry(im);
    switch (act) {
    case ACT_OPEN:
        open_entry(app, im);
        break;
    case ACT_PARENT:
        parent(app, im);
        break;
    case ACT_SELECT_ALL:
        select_all(app, im);
        break;
    case ACT_DRY_RUN:
        import_run(app, im, 1);
        break;
    case ACT_TOGGLE:
        if (e && !e->is_dir) {
            toggle(app, im, e);
            ui_list_move(&im->list, 1);
        } else {
            ui_message(app, 0, "%s", _("Space selects a file; Enter opens a directory"));
        }
        break;
    case ACT_PATH:
        set_editing(app, im, 1);
        if (k == '/')
            ui_input_set(&im->path, "/");
        break;
    default:
        ui_list_nav(&im->list, act);
        break;
    }
}

/* "1.2 KB" */
static void size_text(long long n, char *b, size_t size)
{
    if (n < 1024)
        snprintf(b, size, "%lld B", n);
    else if (n < 1024 * 1024)
        snprintf(b, size, "%.1f KB", n / 1024.0);
    else
        snprintf(b, size, "%.1f MB", n / (1024.0 * 1024.0));
}

static int list_y(const ui_app *app)
{
    return ui_body_top(app) + 2;
}

static void draw_row(ui_app *app, ui_screen *s, int line, long row)
{
    imp *im = IM(s);
    int y = list_y(app) + line, cur = row == im->list.cur && !im->editing;
    ui_clear_eol(app, y, 0);
    if (row < 0 || row >= (long)im->n)
        return;
    const dir_entry *e = &im->ents[row];
    int size_w = app->cols >= 50 ? 10 : 0, name_w = app->cols - 6 - size_w - 1;
    ui_put(app, y, 0, 2, row == im->list.cur ? ui_glyph(app, "\xe2\x96\xb6", ">") : " ", A_BOLD, 0);
    if (!e->is_dir) {
        char *p = join(im->dir, e->name);
        int on = sel_index(im, p) >= 0;
        free(p);
        ui_put(app, y, 2, 3, on ? "[x]" : "[ ]", on ? A_BOLD | ui_attr(app, UI_PAIR_OK) : 0, 0);
    }
    ui_put(app, y, 6, name_w, e->name, (cur ? A_REVERSE : 0) | (e->is_dir ? A_BOLD : 0), 0);
    if (size_w && !e->is_dir) {
        char b[32];
        size_text(e->size, b, sizeof b);
        ui_put_right(app, y, app->cols - size_w - 1, size_w, b, ui_attr(app, UI_PAIR_DIM));
    }
}

/* The path field; the terminal cursor in it when typing. */
static void draw_path(ui_app *app, imp *im)
{
    int y = ui_body_top(app);
    ui_clear_eol(app, y, 0);
    int x = ui_put(app, y, 1, app->cols / 3, _("Path:"), A_BOLD, 0) + 2;
    int w = app->cols - x - 2;
    if (w < 2)
        return;
    ui_field_input(app, y, x, w, &im->path, &im->path_first, im->editing);
}

static void draw_titles(ui_app *app, imp *im)
{
    int y = ui_body_top(app) + 1, a = A_BOLD | A_UNDERLINE;
    char b[256];
    ui_clear_eol(app, y, 0);
    if (im->filter)
        snprintf(b, sizeof b, _("Names that start with \"%s\""), im->filter);
    else
        snprintf(b, sizeof b, "%s", _("Directories and CSV files"));
    ui_put(app, y, 2, app->cols - 14, b, a, 0);
    if (app->cols >= 50)
        ui_put_right(app, y, app->cols - 11, 10, _("Size"), a);
}

static void set_info(imp *im)
{
    ui_screen *s = &im->base;
    if (im->editing)
        snprintf(s->info, sizeof s->info, "%s",
                 _("Type a path: Tab completes, Enter opens it, Esc goes back to the listing"));
    else if (im->nsel)
        snprintf(s->info, sizeof s->info,
                 _("%zu files selected: d checks them (dry run), then asks to import"), im->nsel);
    else
        snprintf(s->info, sizeof s->info, "%s",
                 _("Space selects a file, a every file here; d checks them (dry run)"));
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    imp *im = IM(s);
    if (full || im->drawn_nsel != im->nsel) {
        char right[64] = "";
        if (im->nsel)
            snprintf(right, sizeof right, _("%zu selected"), im->nsel);
        ui_header(app, _("Import CSV files"), right);
    }
    int all = full || im->list_dirty;
    if (all)
        draw_titles(app, im);
    draw_path(app, im);
    if (ui_list_draw(app, s, &im->list, &im->drawn, all, im->list.height, draw_row) && im->n == 0)
        ui_put(app, list_y(app), 6, app->cols - 7, _("(no sub-directory, no CSV file)"),
               ui_attr(app, UI_PAIR_DIM), 0);
    im->drawn_nsel = im->nsel;
    im->list_dirty = 0;
    set_info(im);
}

/* Files may have come or gone: list the directory again. */
static void reload(ui_app *app, ui_screen *s)
{
    imp *im = IM(s);
    if (im->filter)
        return;
    const dir_entry *e = cur_entry(im);
    char *on = e ? xstrdup(e->name) : NULL;
    long cur = im->list.cur;
    char *dir = xstrdup(im->dir);
    if (load_dir(app, im, dir, on) == 0 && !on)
        ui_list_goto(&im->list, cur);
    free(dir);
    free(on);
}

static void resize(ui_app *app, ui_screen *s)
{
    imp *im = IM(s);
    int h = ui_body_rows(app) - 2;
    ui_list_set_height(&im->list, h > 1 ? h : 1);
    im->list_dirty = 1;
}

static void destroy(ui_screen *s)
{
    imp *im = IM(s);
    ents_free(im);
    import_sel_clear(im);
    ui_input_free(&im->path);
    free(im->dir);
    free(im->cwd);
    free(im->filter);
    free(im);
}

int import_is(const ui_screen *s)
{
    return s && s->destroy == destroy;
}

ui_screen *ui_import_new(ui_app *app)
{
    imp *im = xcalloc(1, sizeof *im);
    im->base = (ui_screen){.name = N_("Import"),
                           .acts = ui_import_acts,
                           .nacts = ui_import_nacts,
                           .draw = draw,
                           .key = key,
                           .reload = reload,
                           .resize = resize,
                           .destroy = destroy};
    char cwd[PATH_MAX];
    const char *home = getenv("HOME");
    im->cwd = xstrdup(getcwd(cwd, sizeof cwd) ? cwd : home ? home : "/");
    im->dir = xstrdup(im->cwd);
    im->drawn.cur = im->drawn.top = -1;
    ui_input_init(&im->path, NULL, 4096);
    int h = ui_body_rows(app) - 2;
    ui_list_init(&im->list, 0, h > 1 ? h : 1);
    if (load_dir(app, im, im->cwd, NULL) != 0 && home)
        load_dir(app, im, home, NULL);
    field_to_dir(im);
    return &im->base;
}
