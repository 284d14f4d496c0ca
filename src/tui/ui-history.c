/* ui-history.c - an item's history (`h` on the commune screen): each
 * change of its checklist row from the audit trail, newest first: when,
 * who, from where (an import batch or the screen), and old -> new value
 * of every field that changed. */
#include "config.h"

#include "theodoi/batches.h"
#include "theodoi/i18n.h"
#include "theodoi/kinds.h"
#include "theodoi/status.h"
#include "theodoi/store.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct hist {
    ui_app *app;
    ui_screen *view;
    const kind_def *k;
    int rows;
} hist;

/* A value as the user reads it: a status word, a Vietnamese date, or a
 * dash for nothing (malloc'd). */
static char *shown(const char *col, const char *v)
{
    if (!v || !*v)
        return xstrdup("-");
    item_status st;
    if (!strcmp(col, "status") && status_parse(v, &st) == 0)
        return xstrdup(status_label(st));
    if (!strcmp(col, "done_on")) {
        char b[16];
        ui_date_vn(v, b, sizeof b);
        return xstrdup(b);
    }
    return xstrdup(v);
}

static const char *col_label(const char *col)
{
    if (!strcmp(col, "status"))
        return _("Status");
    if (!strcmp(col, "done_on"))
        return _("Done on");
    if (!strcmp(col, "quantity"))
        return _("Quantity");
    if (!strcmp(col, "evidence"))
        return _("Evidence");
    if (!strcmp(col, "note"))
        return _("Note");
    return col;
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
        char *sa = shown(col, a), *sb = shown(col, b);
        char *line = xasprintf("%s: %s %s %s", col_label(col), sa,
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
    if (r->at && strlen(r->at) >= 16)
        snprintf(when, sizeof when, "%.2s/%.2s/%.4s %.5s", r->at + 8, r->at + 5, r->at, r->at + 11);
    if (r->batch > 0)
        snprintf(from, sizeof from, _("import #%lld"), (long long)r->batch);
    else
        snprintf(from, sizeof from, "%s",
                 r->source && !strcmp(r->source, "ui") ? _("on screen")
                 : r->source                           ? r->source
                                                       : "");
    char *head = xasprintf("%s  %s  (%s)", r->login ? r->login : "?", from,
                           old ? _("changed") : _("created"));
    ui_view_add(h->view, 1, when, head);
    free(head);
    add_changes(h, old, new_);
    if (old)
        store_vals_free(k, old);
    if (new_)
        store_vals_free(k, new_);
    free(old);
    free(new_);
    h->rows++;
    return 0;
}

ui_screen *ui_history_new(ui_app *app, const char *key, const char *title)
{
    char *t = xasprintf(_("History of %s"), title);
    hist h = {app, ui_view_new(app, N_("History"), t), kind_get(KIND_CHECKLIST), 0};
    free(t);
    if (store_audit_of_key(app->db, "checklist", key, add_row, &h) != TD_OK)
        ui_message(app, 1, _("database error: %s"), db_error(app->db));
    else if (h.rows == 0)
        ui_view_add(h.view, 0, NULL, _("No change recorded yet: the item is still to do."));
    return h.view;
}
