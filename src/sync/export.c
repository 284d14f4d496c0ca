/* export.c - write the stored rows of a kind, or the summary, as CSV that
 * Excel and Calc open correctly (BOM, CRLF, formula guard). */
#include "config.h"

#include "theodoi/csvio.h"
#include "theodoi/i18n.h"
#include "theodoi/status.h"
#include "theodoi/store.h"
#include "theodoi/summary.h"
#include "theodoi/sync.h"

#include <stdlib.h>
#include <string.h>

typedef struct export_ctx {
    const kind_def *k;
    csv_out *out;
    unsigned char guard[32];
    int failed;
} export_ctx;

/* Every column a user can write text into gets the formula guard (free
 * text, names, logins, but also learner ids and codes, which may start
 * with "-" or "="); numbers do not, so a spreadsheet keeps them numbers.
 * Dates, times and periods never start with = + - @. */
static void guards(export_ctx *e)
{
    for (size_t i = 0; i < e->k->ncols; i++) {
        const kind_col *c = &e->k->cols[i];
        e->guard[i] = !(c->flags & (COL_INT | COL_REAL)) && c->type != VT_COUNT &&
                      c->type != VT_PCT && c->type != VT_BIRTH;
    }
}

static int write_row(void *ctx, char *const *vals)
{
    export_ctx *e = ctx;
    if (csv_out_row(e->out, e->k->ncols, (const char *const *)vals, e->guard) != 0)
        e->failed = 1;
    return e->failed;
}

static void write_header(export_ctx *e)
{
    const char *names[32];
    for (size_t i = 0; i < e->k->ncols; i++)
        names[i] = e->k->cols[i].name;
    unsigned char none[32] = {0};
    if (csv_out_row(e->out, e->k->ncols, names, none) != 0)
        e->failed = 1;
}

/* One summary row as the contract's columns. */
static int write_summary(void *ctx, const summary_row *r)
{
    export_ctx *e = ctx;
    char n[9][24], pct[16] = "";
    const char *v[11];
    snprintf(n[0], sizeof n[0], "%ld", r->items_total);
    snprintf(n[1], sizeof n[1], "%ld", r->items_done);
    snprintf(n[2], sizeof n[2], "%ld", r->items_overdue);
    int64_t counts[4] = {r->population, r->registered, r->completed, r->confirmed};
    for (int i = 0; i < 4; i++) {
        if (counts[i] >= 0)
            snprintf(n[3 + i], sizeof n[3 + i], "%lld", (long long)counts[i]);
        else
            n[3 + i][0] = '\0';
    }
    if (r->population > 0 && r->confirmed >= 0)
        pct_format(r->confirmed, r->population, pct, sizeof pct);
    v[0] = r->code;
    v[1] = r->name;
    for (int i = 0; i < 7; i++)
        v[2 + i] = n[i];
    v[9] = pct;
    v[10] = r->last_update;
    if (csv_out_row(e->out, 11, v, e->guard) != 0)
        e->failed = 1;
    return e->failed;
}

int sync_export(td_db *db, const kind_def *k, const char *unit, const char *period, FILE *f,
                char **err)
{
    export_ctx e = {.k = k};
    e.out = csv_out_new(f);
    if (!e.out) {
        *err = xstrdup(_("cannot write the output"));
        return TD_EINPUT;
    }
    guards(&e);
    write_header(&e);
    int rc;
    if (k->id == KIND_SUMMARY) {
        summary_query q = {.scope = unit, .order = SUM_BY_NAME};
        rc = summary_each(db, &q, write_summary, &e);
    } else {
        rc = store_rows_each(db, k, k->unit_col >= 0 ? unit : NULL, period, write_row, &e);
    }
    csv_out_free(&e.out);
    if (rc != TD_OK)
        *err = xasprintf(_("database error: %s"), db_error(db));
    else if (e.failed || fflush(f) != 0)
        *err = xstrdup(_("cannot write the output")), rc = TD_EINPUT;
    return rc;
}
