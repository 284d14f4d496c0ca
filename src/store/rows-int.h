/* rows-int.h - what src/store/rows.c (SQL, per-connection state, reading)
 * and src/store/rows-write.c (writing, audit, pending inserts) share.
 * Internal to those two files: nothing else includes it. */
#ifndef THEODOI_ROWS_INT_H
#define THEODOI_ROWS_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "theodoi/store.h"
#include "theodoi/util.h"

/* SQL of one kind, made once and kept for the life of the program (the
 * statement cache is keyed by the text's address). */
typedef struct kind_sql {
    char *get, *scan, *ins, *upd, *del, *filtered;
} kind_sql;

#define KEYBUF 256
#define NCOUNT 4096 /* roster keys (unit, group, course) in one transaction */

typedef struct count_slot {
    char key[96]; /* "unit\tgroup\tcourse" */
    int64_t n[3]; /* registered, completed, confirmed: changes */
    int out;      /* a row went out: the count may fall to nothing */
} count_slot;

#define PEND_MAX 64
#define PEND_BUF 16384

typedef struct pend {
    int n; /* first: end_tx empties it through an int pointer */
    int64_t batch;
    sqlite3_stmt *ins;      /* kept here, not in db_prep's cache: every
                        * parameter is bound each time, so no clearing */
    uint64_t key[PEND_MAX]; /* hashes of the keys */
    uint64_t bloom[4];      /* bit (hash >> 56) of each of them */
    char *v[PEND_MAX][32];  /* the values, then the name key, in buf */
    int len[PEND_MAX][32];  /* their lengths (bound as they are) */
    size_t used;
    char buf[PEND_BUF];
} pend;

typedef struct row_state {
    /* the cursor of store_row_peek: on row C (its key copied in ckey),
     * the smallest stored key >= the last key asked for (in lkey) */
    const kind_def *ck;
    sqlite3_stmt *cur;
    int cur_on;                              /* -1 no cursor, 0 at the end, 1 on a row */
    unsigned long cur_gen, gen[KIND__COUNT]; /* writes to the kind */
    char ckey[KEYBUF], lkey[KEYBUF];
    size_t ckey_len, lkey_len;
    /* changes of the roster counts, not yet written */
    count_slot *counts;
    size_t ncounts;
    /* the next audit id of this transaction (0: not known yet) */
    int64_t next_audit;
    char num[32][32]; /* numbers handed out as text */
    /* the learners row store_row_get handed out last, while nothing was
     * written since: its key and the values that count (so that undo,
     * which reads a row and then deletes it, reads it once) */
    const kind_def *got_k;
    char got_key[KEYBUF], got_v[4][64];
    size_t got_len;
    unsigned long got_gen;
    pend *pend;         /* new roster rows not yet written (see pend_add) */
    const kind_def *hk; /* the last key store_row_peek was asked: its hash */
    uint64_t hkey;
} row_state;

/* rows.c */
void col_list(strbuf *b, const kind_def *k);
int n_extra(const kind_def *k);
int has_audit_id(const kind_def *k);
int p_batch(const kind_def *k);
const kind_sql *sql_of(const kind_def *k);
row_state *state_of(td_db *db);
void bind_val(sqlite3_stmt *st, int pos, const kind_col *c, const char *v);
void bind_key(sqlite3_stmt *st, const kind_def *k, char *const *vals, int copy);
size_t key_of_vals(const kind_def *k, char *const *vals, char *out);
void fill_out(const kind_def *k, sqlite3_stmt *st, const char **out, char num[][32],
              int64_t *batch);
int point_get(td_db *db, const kind_def *k, char *const *vals, sqlite3_stmt **pst);
int count_add(td_db *db, row_state *s, const kind_def *k, const char *const *vals, int sign);
int write_counts(td_db *db, row_state *s);
int key_cmp(const char *a, size_t na, const char *b, size_t nb);
const char *column_ref(sqlite3_stmt *st, int i, const kind_col *c, char *buf);
const int *count_cols(const kind_def *k);
size_t key_of_row(const kind_def *k, sqlite3_stmt *st, char *out);

/* rows-write.c: write the pending new roster rows; flush them when one
 * of them has this key (store_row_peek). */
int pend_flush(td_db *db, row_state *s);
int pend_check(td_db *db, row_state *s, const char *key, size_t n);

#endif
