/* ui-import-run.c - the runs of the import screen: the dry run of the
 * selected files and its result (what each kind would get, the notes,
 * and, when rejected, every problem as FILE:LINE: column: message so the
 * file can be fixed in Calc), "Import now? (y/n)" after a clean dry run,
 * and the import itself with its batch number.
 *
 * A run draws a progress bar on the message row (that row only, one
 * doupdate).  Esc, or Ctrl-C (a signal caught only while the run lasts),
 * sets the cancel flag: the run stops at the next row and rolls back. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/kinds.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"
#include "theodoi/tui.h"
#include "theodoi/users.h"
#include "theodoi/util.h"
#include "ui-import.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_import_confirm_acts[] = {
    {ACT_YES, 'y', 0, 0, N_("import the files now (asked after a clean dry run)"),
     N_("import now")},
    {ACT_NO, 'n', 'q', UI_ESC, N_("do not import: back to the files, nothing written"), N_("no")},
    {ACT_UP, FK(KEY_UP), 'k', 0, N_("scroll up"), NULL},
    {ACT_DOWN, FK(KEY_DOWN), 'j', 0, N_("scroll down"), N_("scroll")},
    {ACT_PGUP, FK(KEY_PPAGE), 'b', UI_CTRL('B'), N_("page up"), NULL},
    {ACT_PGDN, FK(KEY_NPAGE), 'f', UI_CTRL('F'), N_("page down"), N_("page")},
    {ACT_HOME, FK(KEY_HOME), 'g', '<', N_("top"), NULL},
    {ACT_END, FK(KEY_END), 'G', '>', N_("bottom"), N_("ends")},
    {ACT_REDRAW, UI_CTRL('L'), 0, 0, N_("redraw the screen"), N_("redraw")},
};
const size_t ui_import_confirm_nacts =
    sizeof ui_import_confirm_acts / sizeof ui_import_confirm_acts[0];

static volatile int run_cancel;
static volatile sig_atomic_t run_signal;

static void on_signal(int sig)
{
    run_cancel = 1;
    run_signal = sig;
}

/* The app's handlers back; a hang-up or kill that came during the run is
 * passed on to them, so the app leaves as it would have. */
static void signals_restore(const struct sigaction *old)
{
    ui_signals_restore(old);
    if (run_signal == SIGTERM || run_signal == SIGHUP)
        raise(run_signal);
}

typedef struct run_ui {
    ui_app *app;
    const char *what; /* "Checking", "Importing" (translated) */
    size_t nfiles;
} run_ui;

/* Esc typed during a run cancels it; other keys are dropped. */
static void poll_keys(void)
{
    int ch;
    nodelay(stdscr, TRUE);
    while ((ch = getch()) != ERR)
        if (ch == UI_ESC)
            run_cancel = 1;
    nodelay(stdscr, FALSE);
    timeout(1000);
}

/* The message row only: what, a bar of the file's bytes, the way out. */
static void draw_progress(run_ui *r, long done, long total)
{
    ui_app *app = r->app;
    int y = ui_msg_row(app);
    char b[160];
    ui_clear_eol(app, y, 0);
    snprintf(b, sizeof b, _("%s %zu files..."), r->what, r->nfiles);
    int x = ui_put(app, y, 0, app->cols, b, A_BOLD, 0) + 1;
    int bw = app->cols - x - 18;
    bw = bw > 30 ? 30 : bw;
    if (total > 0 && bw >= 5) {
        ui_bar(app, y, x, bw, done, total);
        snprintf(b, sizeof b, "%3ld%%", (long)(done * 100.0 / total));
        x += bw + 1 + ui_put(app, y, x + bw + 1, 5, b, 0, 0) + 1;
    }
    ui_put(app, y, x, app->cols - x, _("Esc cancels"), ui_attr(app, UI_PAIR_DIM), 0);
    wnoutrefresh(stdscr);
    doupdate();
    app->msg_dirty = 1;
}

static void progress(void *ctx, long done, long total)
{
    poll_keys();
    draw_progress(ctx, done, total);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files to import, as shown: the selection, or the file under the
 * cursor when nothing is selected. */
static char **gather(imp *im, size_t *n)
{
    char **files = xcalloc(im->nsel + 1, sizeof *files);
    *n = 0;
    for (size_t i = 0; i < im->nsel; i++)
        files[(*n)++] = import_shown_path(im, im->sel[i]);
    if (!*n && im->n && !im->ents[im->list.cur].is_dir) {
        const char *name = im->ents[im->list.cur].name;
        char *abs = xasprintf("%s%s%s", im->dir, strcmp(im->dir, "/") ? "/" : "", name);
        files[(*n)++] = import_shown_path(im, abs);
        free(abs);
    }
    qsort(files, *n, sizeof *files, by_text);
    return files;
}

static void files_free(char **files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
}

static long changes(const import_report *rep)
{
    long n = 0;
    for (int k = 0; k < KIND__COUNT; k++)
        n += rep->by_kind[k].inserted + rep->by_kind[k].updated;
    return n;
}

static void add_counts(ui_screen *v, const import_report *rep, int dry)
{
    for (int k = 0; k < KIND__COUNT; k++) {
        if (!rep->kinds_seen[k])
            continue;
        const import_counts *c = &rep->by_kind[k];
        char *t = dry ? xasprintf(_("would insert %ld, update %ld; %ld unchanged, %ld stale"),
                                  c->inserted, c->updated, c->unchanged, c->stale)
                      : xasprintf(_("%ld inserted, %ld updated, %ld unchanged, %ld stale"),
                                  c->inserted, c->updated, c->unchanged, c->stale);
        ui_view_add(v, 0, kind_get((kind_id)k)->name, t);
        free(t);
    }
}

/* A title and the lines of a problem list ("... and N more"). */
static void add_list(ui_screen *v, const char *title, const problems *p, int notes)
{
    if (!p->count)
        return;
    ui_view_add(v, 0, NULL, "");
    ui_view_add(v, 1, NULL, title);
    for (size_t i = 0; i < p->n; i++)
        ui_view_add(v, 0, NULL, p->msg[i]);
    if (p->count > p->n) {
        char *t = notes ? xasprintf(_("... and %zu more notes"), p->count - p->n)
                        : xasprintf(_("... and %zu more problems"), p->count - p->n);
        ui_view_add(v, 0, NULL, t);
        free(t);
    }
}

static void add_files(ui_screen *v, char **files, size_t n)
{
    ui_view_add(v, 0, NULL, "");
    ui_view_add(v, 1, NULL, _("Files"));
    for (size_t i = 0; i < n; i++)
        ui_view_add(v, 0, NULL, files[i]);
}

/* The view of a run's result; *ask is set when the import may follow. */
static ui_screen *result_view(ui_app *app, const import_report *rep, int rc, int dry, char **files,
                              size_t n, int *ask)
{
    char *title = dry          ? xstrdup(_("Import: dry run (nothing written yet)"))
                  : rep->batch ? xasprintf(_("Import: batch %lld written"), (long long)rep->batch)
                               : xstrdup(_("Import: nothing written"));
    ui_screen *v = ui_view_new(app, N_("Import result"), title);
    free(title);
    *ask = 0;
    if (rc == TD_EINPUT) {
        char *t = xasprintf(_("Rejected: %zu problems; nothing was written"), rep->errors.count);
        ui_view_add(v, 1, NULL, t);
        free(t);
        ui_view_add(
            v, 0, NULL,
            _("Fix each line named below in its file (in Calc: save as CSV, UTF-8), then press q and check again with d."));
        add_list(v, _("Problems (FILE:LINE: column: message)"), &rep->errors, 0);
    } else {
        ui_view_add(v, 1, NULL, dry ? _("What the import would do") : _("What was written"));
        add_counts(v, rep, dry);
        if (!changes(rep)) {
            ui_view_add(v, 0, NULL, "");
            ui_view_add(v, 0, NULL, _("Nothing to change: every row is in the database already."));
        } else if (dry) {
            *ask = 1;
        } else {
            ui_view_add(v, 0, NULL, "");
            ui_view_add(v, 0, NULL,
                        _("The import history (H on the communes screen) can undo this batch."));
        }
    }
    add_list(v, _("Notes"), &rep->notes, 1);
    add_files(v, files, n);
    if (*ask) {
        ui_view_add(v, 0, NULL, "");
        ui_view_add(v, 1, NULL, _("Import now? y imports these files, n goes back"));
    }
    return v;
}

/* The view's own draw and keys, wrapped for the question. */
static void (*view_draw)(ui_app *, ui_screen *, int);
static void (*view_key)(ui_app *, ui_screen *, ui_act, ui_key);

static void confirm_draw(ui_app *app, ui_screen *s, int full)
{
    view_draw(app, s, full);
    snprintf(s->info, sizeof s->info, "%s", _("Import now? (y/n)"));
}

static void confirm_key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    if (act == ACT_YES) {
        ui_pop(app);
        if (import_is(app->top))
            import_run(app, (imp *)app->top, 0);
    } else if (act == ACT_NO) {
        ui_pop(app);
        ui_message(app, 0, "%s", _("Not imported: nothing was written"));
    } else {
        view_key(app, s, act, k);
    }
}

static void ask_view(ui_screen *v)
{
    view_draw = v->draw;
    view_key = v->key;
    v->draw = confirm_draw;
    v->key = confirm_key;
    v->acts = ui_import_confirm_acts;
    v->nacts = ui_import_confirm_nacts;
}

/* What the message row says after a run. */
static void run_message(ui_app *app, const import_report *rep, int rc, int dry)
{
    if (rc == TD_EDB)
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
    else if (rc == TD_EINPUT)
        ui_message(app, 1, _("Rejected: %zu problems; nothing was written"), rep->errors.count);
    else if (dry && !changes(rep))
        ui_message(app, 0, "%s", _("Dry run done: nothing to change"));
    else if (dry)
        ; /* the view asks "Import now? (y/n)" */
    else if (rep->batch)
        ui_message(app, 0, _("Imported: batch %lld"), (long long)rep->batch);
    else
        ui_message(app, 0, "%s", _("Nothing changed"));
}

/* Show the result of a run (or say it was cancelled). */
static void run_done(ui_app *app, imp *im, const import_report *rep, int rc, int dry, char **files,
                     size_t n)
{
    if (run_cancel) {
        ui_message(app, 1, "%s", _("Cancelled: nothing of this import was written"));
        app->full = 1;
        return;
    }
    if (!dry && rc == TD_OK && rep->batch) {
        import_sel_clear(im);
        ui_changed(app);
    }
    if (rc != TD_EDB || rep->errors.count) {
        int ask;
        ui_screen *v = result_view(app, rep, rc, dry, files, n, &ask);
        if (ask)
            ask_view(v);
        ui_push(app, v);
    }
    run_message(app, rep, rc, dry);
}

void import_run(ui_app *app, imp *im, int dry)
{
    size_t n;
    char **files = gather(im, &n);
    if (!n) {
        ui_message(app, 1, "%s", _("No file selected: Space selects a file, a every file here"));
        files_free(files, n);
        return;
    }
    role_kind role;
    char *unit = NULL;
    if (store_user_get(app->db, td_login(), &role, &unit) != TD_OK)
        role = ROLE_NONE;
    char *prov = store_meta_get(app->db, "scope_province");
    char *su = store_meta_get(app->db, "scope_unit");
    run_ui r = {app, dry ? _("Checking") : _("Importing"), n};
    import_opts o = {.dry_run = dry,
                     .role = role,
                     .own_unit = unit,
                     .login = td_login(),
                     .max_problems = 1000,
                     .scope_province = prov,
                     .scope_unit = su,
                     .progress = progress,
                     .progress_ctx = &r,
                     .cancel = &run_cancel};
    import_report rep;
    struct sigaction old[UI_NSIGNALS];
    run_cancel = 0;
    run_signal = 0;
    ui_signals_catch(on_signal, old);
    draw_progress(&r, 0, -1);
    int rc = sync_import(app->db, files, n, &o, &rep);
    run_done(app, im, &rep, rc, dry, files, n);
    import_report_free(&rep);
    files_free(files, n);
    free(unit);
    free(prov);
    free(su);
    signals_restore(old);
}
