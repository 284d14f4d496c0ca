/* ui-history.c - an item's history (`h` on the commune screen): each
 * change of its checklist row from the audit trail, newest first: when,
 * who, from where (an import batch or the screen), and old -> new value
 * of every field that changed.  Up and Down move from change to change;
 * Enter puts the item back to the values a change left, after a yes,
 * through the edit path (so it is audited, checked against what the
 * screen showed, and undone with u). */
#include "config.h"

#include "theodoi/batches.h"
#include "theodoi/edit.h"
#include "theodoi/i18n.h"
#include "theodoi/kinds.h"
#include "theodoi/status.h"
#include "theodoi/store.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const ui_action ui_history_acts[] = {
    {ACT_BACK, 'q', UI_ESC, UI_FKEY(KEY_LEFT), N_("back"), N_("back")},
    {ACT_UP, UI_FKEY(KEY_UP), 'k', 0, N_("the newer change"), NULL},
    {ACT_DOWN, UI_FKEY(KEY_DOWN), 'j', 0, N_("the older change"), N_("change")},
    {ACT_PGUP, UI_FKEY(KEY_PPAGE), 'b', UI_CTRL('B'), N_("page up"), NULL},
    {ACT_PGDN, UI_FKEY(KEY_NPAGE), 'f', UI_CTRL('F'), N_("page down"), N_("page")},
    {ACT_OPEN, UI_ENTER, 0, 0,
     N_("put the item back to the values this change left (asks first; u undoes it)"),
     N_("restore")},
    {ACT_REDRAW, UI_CTRL('L'), 0, 0, N_("redraw the screen"), N_("redraw")},
};
const size_t ui_history_nacts = sizeof ui_history_acts / sizeof ui_history_acts[0];

/* The entries: the values each change left (NULL: the row was deleted)
 * and when, newest first; the row as the screen below showed it. */
typedef struct entries {
    char ***vals;
    char **when;
    size_t n;
    char **seen;
    char *code;
} entries;

typedef struct hist {
    ui_app *app;
    ui_screen *view;
    const kind_def *k;
    int rows;
    entries *e;
} hist;

static void vals_free(char **v)
{
    if (v)
        store_vals_free(kind_get(KIND_CHECKLIST), v);
    free(v);
}

static void entries_free(void *p)
{
    entries *e = p;
    for (size_t i = 0; i < e->n; i++) {
        vals_free(e->vals[i]);
        free(e->when[i]);
    }
    free(e->vals);
    free(e->when);
    vals_free(e->seen);
    free(e->code);
    free(e);
}

/* Keep an entry's values (taken) in the order of the view's entries. */
static void keep(hist *h, char **vals, const char *at)
{
    entries *e = h->e;
    e->vals = xrealloc(e->vals, (e->n + 1) * sizeof *e->vals);
    e->when = xrealloc(e->when, (e->n + 1) * sizeof *e->when);
    e->vals[e->n] = vals;
    e->when[e->n++] = xstrdup(at ? at : "");
}

/* One line per field that differs between old and new. */
static void add_changes(hist *h, char **old, char **new_)
{
    const kind_def *k = h->k;
    int any = 0;
    for (size_t i = 0; i < k->ncols; i++) {
        const char *col = k->cols[i].name;
        if ((k->cols[i].flags & (COL_KEY | COL_META)) || !strcmp(col, "updated_at") ||
            !strcmp(col, "updated_by"))
            continue;
        const char *a = old ? old[i] : NULL, *b = new_ ? new_[i] : NULL;
        if (!strcmp(a ? a : "", b ? b : ""))
            continue;
        char *sa = ui_value_text(col, a), *sb = ui_value_text(col, b);
        char *line = xasprintf("%s: %s %s %s", ui_column_label(col), sa,
                               ui_glyph(h->app, "\xe2\x86\x92", "->"), sb);
        ui_view_add(h->view, 0, "", line);
        free(line);
        free(sa);
        free(sb);
        any = 1;
    }
    if (!any)
        ui_view_add(h->view, 0, "", new_ ? _("(same values, newer time)") : _("row deleted"));
}

static int add_row(void *ctx, const audit_row *r)
{
    hist *h = ctx;
    const kind_def *k = h->k;
    char **old = NULL, **new_ = NULL;
    if (r->old) {
        old = xcalloc(k->ncols, sizeof *old);
        store_vals_parse(k, r->old, old);
    }
    if (r->new_) {
        new_ = xcalloc(k->ncols, sizeof *new_);
        store_vals_parse(k, r->new_, new_);
    }
    char when[32] = "", from[64];
    keep(h, new_, r->at);
    if (r->at && strlen(r->at) >= 16)
        snprintf(when, sizeof when, "%.2s/%.2s/%.4s %.5s", r->at + 8, r->at + 5, r->at, r->at + 11);
    if (r->batch > 0)
        snprintf(from, sizeof from, _("import #%lld"), (long long)r->batch);
    else
        snprintf(from, sizeof from, "%s",
                 r->source && !strcmp(r->source, "ui")        ? _("on screen")
                 : r->source && !strcmp(r->source, "ui-undo") ? _("undone on screen")
                 : r->source                                  ? r->source
                                                              : "");
    char *head = xasprintf("%s  %s  (%s)", r->login ? r->login : "?", from,
                           old ? _("changed") : _("created"));
    ui_view_add(h->view, 1, when, head);
    free(head);
    add_changes(h, old, new_);
    if (old)
        store_vals_free(k, old);
    free(old);
    h->rows++;
    return 0;
}

/* ---- restore ------------------------------------------------------------ */

/* A restore: the values to put back (a copy) and the row seen. */
typedef struct restore {
    char **cells, **seen;
    char *code, *when;
} restore;

static void restore_free(void *p)
{
    restore *r = p;
    vals_free(r->cells);
    vals_free(r->seen);
    free(r->code);
    free(r->when);
    free(r);
}

static int restore_run(ui_app *app, void *p, int force, edit_result *res)
{
    restore *r = p;
    edit_seen seen = {1, force, r->seen};
    return checklist_save(app->db, r->cells, &seen, res);
}

static void restore_done(ui_app *app, void *p, int rc, edit_result *res)
{
    restore *r = p;
    ui_pop(app); /* the history: the screen below shows the row now */
    ui_changed(app);
    if (rc != TD_OK) {
        ui_save_message(app, rc, res, r->code);
        return;
    }
    char *what = xasprintf(_("%s back to %s"), r->code, r->when);
    ui_undo_push(app, res, what);
    ui_message(app, 0, _("Restored: %s (u undoes it)"), what);
    free(what);
}

static void restore_answer(ui_app *app, void *p, int yes)
{
    restore *r = p;
    if (!yes) {
        ui_message(app, 0, "%s", _("Not restored: the item stays as it is"));
        return;
    }
    restore *mine = xcalloc(1, sizeof *mine);
    *mine = *r; /* the save owns the copy; the question frees r alone */
    memset(r, 0, sizeof *r);
    ui_save(app, restore_run, restore_done, mine, restore_free);
}

static char **vals_dup(char *const *v)
{
    const kind_def *k = kind_get(KIND_CHECKLIST);
    char **d = xcalloc(k->ncols, sizeof *d);
    for (size_t i = 0; v && i < k->ncols; i++)
        d[i] = v[i] ? xstrdup(v[i]) : NULL;
    return d;
}

static void pick(ui_app *app, void *p, size_t nth)
{
    entries *e = p;
    if (nth >= e->n)
        return;
    if (!e->vals[nth]) {
        ui_message(app, 0, "%s", _("This change deleted the row: nothing to restore"));
        return;
    }
    const kind_def *k = kind_get(KIND_CHECKLIST);
    restore *r = xcalloc(1, sizeof *r);
    r->cells = vals_dup(e->vals[nth]);
    r->seen = e->seen ? vals_dup(e->seen) : NULL;
    r->code = xstrdup(e->code);
    char when[32];
    ui_when(e->when[nth], when, sizeof when);
    r->when = xstrdup(when);
    char *now = edit_diff(k, e->seen, r->cells, ui_glyph(app, "\xe2\x86\x92", "->"));
    char *body = xasprintf(_("The item goes back to the values of the change of %s:\n%s"), when,
                           now && *now ? now : _("(the same values as now)"));
    char *title = xasprintf(_("Restore %s"), e->code);
    ui_ask(app, title, body, _("Restore these values? y restores; n or Esc leaves the item"),
           restore_answer, r, restore_free);
    free(title);
    free(body);
    free(now);
}

ui_screen *ui_history_new(ui_app *app, const char *key, const char *title, const char *code,
                          char **seen)
{
    char *t = xasprintf(_("History of %s"), title);
    entries *e = xcalloc(1, sizeof *e);
    e->seen = seen;
    e->code = xstrdup(code);
    hist h = {app, ui_view_new(app, N_("History"), t), kind_get(KIND_CHECKLIST), 0, e};
    free(t);
    if (store_audit_of_key(app->db, "checklist", key, add_row, &h) != TD_OK)
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
    else if (h.rows == 0)
        ui_view_add(h.view, 0, NULL, _("No change recorded yet: the item is still to do."));
    ui_view_pick(h.view, pick, e, entries_free, ui_history_acts, ui_history_nacts);
    return h.view;
}
