/* store.h - rows of every kind in the database, generic over kinds.
 *
 * The SQL for a kind is made once from its column table (kinds.h) and the
 * statements are cached.  Values are canonical text (NULL when empty);
 * integer columns are bound as integers.  Derived columns (search and sort
 * keys of names) are computed here, so no caller forgets them. */
#ifndef THEODOI_STORE_H
#define THEODOI_STORE_H

#include <stdint.h>

#include "theodoi/db.h"
#include "theodoi/kinds.h"

/* Fetch the stored row whose key columns equal vals' key columns.
 * 1 found (out[0..ncols) malloc'd, *batch the row's batch id or 0),
 * 0 not found, -1 database error. */
int store_row_get(td_db *db, const kind_def *k, char *const *vals, char **out, int64_t *batch);
/* The same without copies, fastest when keys come in key order (an
 * import): 1 found (out[i] point at the stored values, NULL when empty,
 * valid until the next call of the store), 0 not found, -1 error. */
int store_row_peek(td_db *db, const kind_def *k, char *const *vals, const char **out,
                   int64_t *batch);
/* Insert or update the row (all columns) written by batch (0 = none). */
int store_row_put(td_db *db, const kind_def *k, char *const *vals, int64_t batch);
/* Write the row as apply_row() does, with its audit entry (source, key,
 * the batch that wrote the old row): an INSERT when old is NULL, else an
 * UPDATE of the stored row whose values old holds (as store_row_peek
 * gave them).  1 written; 0 when old was NULL but the key is stored
 * (nothing written); -1 error.  key may be NULL: the store makes it
 * (kind_key) when it writes an entry, which a learners row new to the
 * database from an import does not get. */
int store_row_write(td_db *db, const kind_def *k, char *const *vals, int64_t batch,
                    char *const *old, const char *source, const char *key, int64_t old_batch);
/* The sort key of a learner's name (text_name_key(name)), made by the
 * caller: the next writes of a row with this name use it instead of
 * making it again.  Both strings must live until the hint is cleared
 * (NULL, NULL). */
void store_name_key_hint(const char *name, const char *key);
/* Delete the row with vals' key. */
int store_row_delete(td_db *db, const kind_def *k, char *const *vals);
void store_vals_free(const kind_def *k, char **vals);

/* Serialise a row's values as one CSV line (for the audit trail), and back
 * (vals gets k->ncols malloc'd values or NULLs).  0 ok. */
char *store_vals_text(const kind_def *k, char *const *vals);
int store_vals_parse(const kind_def *k, const char *text, char **vals);

/* Append to the audit trail (batch 0: a UI edit, stamped now by this
 * login; old_batch: the batch that had written the old row); returns the
 * new row's id or -1. */
int64_t store_audit(td_db *db, int64_t batch, const char *source, const kind_def *k,
                    const char *key, const char *old_text, const char *new_text, int64_t old_batch);

/* Iterate over every stored row of a kind, optionally one unit's and one
 * period's (NULL = all), in key order, calling fn with canonical values
 * (valid during the call only: copy what you keep).
 * fn returns non-zero to stop.  TD_OK or TD_EDB. */
typedef int (*store_row_fn)(void *ctx, char *const *vals);
/* Every row of kind k (learners) that batch inserted without an audit
 * entry of its own (an import's new roster rows), for fn (values valid
 * during the call; fn may delete the row it is given; non-zero stops). */
int store_rows_unaudited(td_db *db, const kind_def *k, int64_t batch, store_row_fn fn, void *ctx);
int store_rows_each(td_db *db, const kind_def *k, const char *unit, const char *period,
                    store_row_fn fn, void *ctx);

/* Meta values (scope of the database, its creator). NULL if unset. */
char *store_meta_get(td_db *db, const char *key);
int store_meta_set(td_db *db, const char *key, const char *value);

#endif
