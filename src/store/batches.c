/* batches.c - import batches, their files, and the audit trail queries. */
#include "config.h"

#include "theodoi/batches.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <string.h>

int64_t store_batch_new(td_db *db, const char *login, const char *at)
{
    sqlite3_stmt *st =
        db_prep(db, "INSERT INTO batches(at, login, files, sha256) VALUES(?, ?, '', '')");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, login, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? sqlite3_last_insert_rowid(db_handle(db)) : -1;
}

int store_batch_file(td_db *db, int64_t batch, const char *file, const char *sha, const char *kind,
                     long rows)
{
    sqlite3_stmt *st = db_prep(db, "INSERT INTO batch_files VALUES(?, ?, ?, ?, ?)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, batch);
    sqlite3_bind_text(st, 2, file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, sha, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, rows);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Record the batch's totals and the range of its audit rows. */
int store_batch_finish(td_db *db, int64_t batch, const char *files, const char *sha, long ins,
                       long upd, long same, long stale)
{
    sqlite3_stmt *st = db_prep(
        db, "UPDATE batches SET files = ?1, sha256 = ?2, inserted = ?3, updated = ?4,"
            " unchanged = ?5, stale = ?6,"
            " first_audit = (SELECT min(id) FROM audit WHERE batch_id = ?7 AND source = 'import'),"
            " last_audit = (SELECT max(id) FROM audit WHERE batch_id = ?7 AND source = 'import')"
            " WHERE id = ?7");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, files, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, sha, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, ins);
    sqlite3_bind_int64(st, 4, upd);
    sqlite3_bind_int64(st, 5, same);
    sqlite3_bind_int64(st, 6, stale);
    sqlite3_bind_int64(st, 7, batch);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Fill info from a row of SELECT id, at, login, files, inserted, updated,
 * unchanged, stale, first_audit, last_audit, undone_at. */
static void batch_from_row(sqlite3_stmt *st, batch_info *b)
{
    memset(b, 0, sizeof *b);
    b->id = sqlite3_column_int64(st, 0);
    snprintf(b->at, sizeof b->at, "%s", (const char *)sqlite3_column_text(st, 1));
    snprintf(b->login, sizeof b->login, "%s", (const char *)sqlite3_column_text(st, 2));
    b->files = xstrdup((const char *)sqlite3_column_text(st, 3));
    b->inserted = sqlite3_column_int(st, 4);
    b->updated = sqlite3_column_int(st, 5);
    b->unchanged = sqlite3_column_int(st, 6);
    b->stale = sqlite3_column_int(st, 7);
    b->first_audit = sqlite3_column_int64(st, 8);
    b->last_audit = sqlite3_column_int64(st, 9);
    if (sqlite3_column_text(st, 10))
        snprintf(b->undone_at, sizeof b->undone_at, "%s",
                 (const char *)sqlite3_column_text(st, 10));
}

#define BATCH_COLS                                               \
    "SELECT id, at, login, files, inserted, updated, unchanged," \
    " stale, first_audit, last_audit, undone_at FROM batches"

int store_batch_by_sha(td_db *db, const char *sha, batch_info *info)
{
    sqlite3_stmt *st = db_prep(
        db, BATCH_COLS " WHERE undone_at IS NULL AND id IN (SELECT batch_id FROM batch_files"
                       " WHERE sha256 = ?) ORDER BY id DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_TRANSIENT);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found)
        batch_from_row(st, info);
    sqlite3_reset(st);
    return found;
}

int store_batch_get(td_db *db, int64_t id, batch_info *info)
{
    sqlite3_stmt *st = db_prep(db, BATCH_COLS " WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found)
        batch_from_row(st, info);
    sqlite3_reset(st);
    return found;
}

int store_batches_each(td_db *db, int (*fn)(void *ctx, const batch_info *b), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, BATCH_COLS " ORDER BY id DESC");
    if (!st)
        return TD_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        batch_info b;
        batch_from_row(st, &b);
        int stop = fn(ctx, &b);
        xfree(&b.files);
        if (stop)
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

int store_batch_undone(td_db *db, int64_t id, const char *at, const char *login)
{
    sqlite3_stmt *st = db_prep(db, "UPDATE batches SET undone_at = ?, undone_by = ? WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Run an audit query and hand each row to fn. */
static int audit_rows(sqlite3_stmt *st, int (*fn)(void *ctx, const audit_row *r), void *ctx)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        audit_row r = {
            .id = sqlite3_column_int64(st, 0),
            .batch = sqlite3_column_int64(st, 1),
            .at = (const char *)sqlite3_column_text(st, 2),
            .login = (const char *)sqlite3_column_text(st, 3),
            .source = (const char *)sqlite3_column_text(st, 4),
            .kind = (const char *)sqlite3_column_text(st, 5),
            .key = (const char *)sqlite3_column_text(st, 6),
            .old = (const char *)sqlite3_column_text(st, 7),
            .new_ = (const char *)sqlite3_column_text(st, 8),
            .old_batch = sqlite3_column_int64(st, 9),
        };
        if (fn(ctx, &r))
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

int store_audit_of_batch(td_db *db, int64_t first, int64_t last,
                         int (*fn)(void *ctx, const audit_row *r), void *ctx)
{
    sqlite3_stmt *st =
        db_prep(db, "SELECT id, batch_id, at, login, source, kind, key, old, new, old_batch"
                    " FROM audit WHERE id BETWEEN ? AND ? ORDER BY id DESC");
    if (!st)
        return TD_EDB;
    sqlite3_bind_int64(st, 1, first);
    sqlite3_bind_int64(st, 2, last);
    return audit_rows(st, fn, ctx);
}

int store_audit_of_key(td_db *db, const char *kind, const char *key,
                       int (*fn)(void *ctx, const audit_row *r), void *ctx)
{
    sqlite3_stmt *st =
        db_prep(db, "SELECT a.id, a.batch_id, coalesce(a.at, b.at), coalesce(a.login, b.login),"
                    " a.source, a.kind, a.key, a.old, a.new, a.old_batch"
                    " FROM audit a LEFT JOIN batches b ON b.id = a.batch_id"
                    " WHERE a.kind = ? AND a.key = ? ORDER BY a.id DESC");
    if (!st)
        return TD_EDB;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
    return audit_rows(st, fn, ctx);
}

int store_audit_changed_after(td_db *db, int64_t batch, int (*fn)(void *ctx, const audit_row *r),
                              void *ctx)
{
    /* every write leaves old_batch = the batch of the row it replaced;
     * undone batches and undo's own entries do not count */
    sqlite3_stmt *st =
        db_prep(db, "SELECT a.id, a.batch_id, a.at, a.login, a.source, a.kind, a.key, a.old, a.new,"
                    " a.old_batch FROM audit_log a WHERE a.old_batch = ?1"
                    " AND (a.batch_id IS NULL OR a.batch_id != ?1) AND a.source != 'undo'"
                    " AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = a.batch_id"
                    "  AND coalesce(b.undone_at, '') != '') ORDER BY a.id LIMIT 100");
    if (!st)
        return TD_EDB;
    sqlite3_bind_int64(st, 1, batch);
    return audit_rows(st, fn, ctx);
}
