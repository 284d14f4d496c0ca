/* undo.c - revert one import batch exactly, or refuse and say why.
 *
 * No row the batch wrote may have been written since (by a batch not
 * undone, or in the UI).  Then the batch's audit rows are walked from last
 * to first.  Each row's current state must still be what the batch wrote
 * (same values, same batch id); then an inserted row is deleted and an
 * updated row gets its old values and old batch back.  Last, the roster
 * rows it inserted (they carry its batch id and no entry each) are
 * deleted.  Every step is audited as 'undo'.  Any conflict rolls the whole
 * undo back. */
#include "config.h"

#include "theodoi/apply.h"
#include "theodoi/batches.h"
#include "theodoi/i18n.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"

#include <stdlib.h>
#include <string.h>

typedef struct undo_ctx {
    td_db *db;
    int64_t batch;
    problems *out;
    int failed;
} undo_ctx;

/* 1 when the stored row equals what the batch wrote. */
static int still_ours(undo_ctx *u, const kind_def *k, char **newv, char **cur, int *found)
{
    int64_t cur_batch = 0;
    *found = store_row_get(u->db, k, newv, cur, &cur_batch);
    if (*found <= 0 || cur_batch != u->batch)
        return 0;
    for (size_t i = 0; i < k->ncols; i++)
        if (strcmp(newv[i] ? newv[i] : "", cur[i] ? cur[i] : "") != 0)
            return 0;
    return 1;
}

/* Revert one audit row. */
static int undo_row(void *ctx, const audit_row *a)
{
    undo_ctx *u = ctx;
    const kind_def *k = kind_by_name(a->kind);
    if (!k || !a->new_)
        return 0;
    char **newv = xcalloc(k->ncols, sizeof *newv), **cur = xcalloc(k->ncols, sizeof *cur);
    char **oldv = xcalloc(k->ncols, sizeof *oldv);
    store_vals_parse(k, a->new_, newv);
    int found;
    if (!still_ours(u, k, newv, cur, &found)) {
        problems_add(u->out, NULL, 0, NULL,
                     found > 0
                         ? _("%s %s was changed after this import; undo the later change first")
                         : _("%s %s was removed after this import"),
                     k->name, a->key);
    } else {
        int rc;
        if (a->old) {
            store_vals_parse(k, a->old, oldv);
            rc = store_row_put(u->db, k, oldv, a->old_batch);
            apply_note(k, oldv);
        } else {
            rc = store_row_delete(u->db, k, newv);
        }
        apply_note(k, newv);
        if (rc != 0)
            problems_add(u->out, NULL, 0, NULL, _("%s %s cannot be reverted: %s"), k->name, a->key,
                         db_error(u->db));
        else
            store_audit(u->db, 0, "undo", k, a->key, a->new_, a->old, u->batch);
    }
    store_vals_free(k, newv);
    store_vals_free(k, cur);
    store_vals_free(k, oldv);
    free(newv);
    free(cur);
    free(oldv);
    return 0;
}

/* A later write of a row the batch wrote: the undo cannot go on. */
static int changed_after(void *ctx, const audit_row *a)
{
    undo_ctx *u = ctx;
    problems_add(u->out, NULL, 0, NULL,
                 a->new_ ? _("%s %s was changed after this import; undo the later change first")
                         : _("%s %s was removed after this import"),
                 a->kind, a->key);
    return 0;
}

/* Delete one roster row the batch inserted without an entry of its own
 * (see store_row_write), audited as 'undo'. */
static int undo_insert(void *ctx, char *const *vals)
{
    undo_ctx *u = ctx;
    const kind_def *k = kind_get(KIND_LEARNERS);
    char *key = kind_key(k, vals), *text = store_vals_text(k, vals);
    apply_note(k, vals);
    if (store_row_delete(u->db, k, vals) != 0 ||
        store_audit(u->db, 0, "undo", k, key, text, NULL, u->batch) < 0) {
        problems_add(u->out, NULL, 0, NULL, _("%s %s cannot be reverted: %s"), k->name, key,
                     db_error(u->db));
        u->failed = 1;
    }
    free(key);
    free(text);
    return u->failed;
}

int sync_undo(td_db *db, int64_t batch, const char *login, problems *out)
{
    if (db_begin(db) != TD_OK)
        return TD_EDB;
    batch_info b;
    int found = store_batch_get(db, batch, &b);
    if (found <= 0) {
        db_rollback(db);
        if (found < 0)
            return TD_EDB;
        problems_add(out, NULL, 0, NULL, _("there is no import batch %lld"), (long long)batch);
        return TD_EINPUT;
    }
    if (b.undone_at[0]) {
        problems_add(out, NULL, 0, NULL, _("batch %lld was undone already (%s)"), (long long)batch,
                     b.undone_at);
        free(b.files);
        db_rollback(db);
        return TD_EINPUT;
    }
    free(b.files);
    undo_ctx u = {db, batch, out, 0};
    size_t before = out->count;
    int rc = store_audit_changed_after(db, batch, changed_after, &u);
    if (rc == TD_OK && out->count == before && b.first_audit > 0)
        rc = store_audit_of_batch(db, b.first_audit, b.last_audit, undo_row, &u);
    if (rc == TD_OK && out->count == before)
        rc = store_rows_unaudited(db, kind_get(KIND_LEARNERS), batch, undo_insert, &u);
    char now[32];
    ts_format(ts_now(), now);
    if (rc == TD_OK && out->count == before) {
        /* the batch's derived training rows were reverted with it */
        rc = store_batch_undone(db, batch, now, login) == 0 ? TD_OK : TD_EDB;
        apply_forget();
    }
    if (rc != TD_OK || out->count != before) {
        apply_forget();
        db_rollback(db);
        return rc != TD_OK ? rc : TD_EINPUT;
    }
    return db_commit(db);
}
