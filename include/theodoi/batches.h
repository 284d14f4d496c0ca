/* batches.h - import batches and their history (store layer). */
#ifndef THEODOI_BATCHES_H
#define THEODOI_BATCHES_H

#include <stdint.h>

#include "theodoi/db.h"

typedef struct batch_info {
    int64_t id;
    char at[32], login[64];
    char *files;
    long inserted, updated, unchanged, stale;
    int64_t first_audit, last_audit;
    char undone_at[32];
} batch_info;

/* Start a batch (inside the import's transaction); returns its id or -1. */
int64_t store_batch_new(td_db *db, const char *login, const char *at);
int store_batch_file(td_db *db, int64_t batch, const char *file, const char *sha, const char *kind,
                     long rows);
int store_batch_finish(td_db *db, int64_t batch, const char *files, const char *sha, long ins,
                       long upd, long same, long stale);
/* The latest batch (not undone) that imported a file with this sha256:
 * 1 found (info filled; free info->files), 0 none. */
int store_batch_by_sha(td_db *db, const char *sha, batch_info *info);
int store_batch_get(td_db *db, int64_t id, batch_info *info);
/* All batches, newest first. */
int store_batches_each(td_db *db, int (*fn)(void *ctx, const batch_info *b), void *ctx);
int store_batch_undone(td_db *db, int64_t id, const char *at, const char *login);

/* One audit row. */
typedef struct audit_row {
    int64_t id, batch, old_batch;
    const char *at, *login, *source, *kind, *key, *old, *new_;
} audit_row;
/* Audit rows of a batch from last to first (for undo). */
int store_audit_of_batch(td_db *db, int64_t first, int64_t last,
                         int (*fn)(void *ctx, const audit_row *r), void *ctx);
/* Later writes (not undone) of rows that batch wrote, the first 100:
 * what stops an undo of batch. */
int store_audit_changed_after(td_db *db, int64_t batch, int (*fn)(void *ctx, const audit_row *r),
                              void *ctx);
/* Audit rows of one row of a kind, newest first (time and login filled
 * from the batch for imports). */
int store_audit_of_key(td_db *db, const char *kind, const char *key,
                       int (*fn)(void *ctx, const audit_row *r), void *ctx);

#endif
