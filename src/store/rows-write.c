/* rows-write.c - writing rows of every kind: the derived columns, the
 * INSERT or UPDATE, an import's new roster rows written many to a
 * statement, the audit entries, and the audit's text (see rows.c for the
 * speed notes). */
#include "config.h"

#include "rows-int.h"
#include "theodoi/text.h"

#include <stdlib.h>
#include <string.h>

/* ---- writing rows ------------------------------------------------------ */

/* Columns whose empty value is stored as '' (NOT NULL DEFAULT ''). */
static int empty_is_text(const kind_def *k, size_t i)
{
    const char *n = k->cols[i].name;
    return ((k->id == KIND_LEARNERS || k->id == KIND_HOLIDAYS) &&
            (!strcmp(n, "gender") || !strcmp(n, "village") || !strcmp(n, "name"))) ||
           (k->id == KIND_ITEMS && !strcmp(n, "due"));
}

/* A name's sort key made by the caller (the importer makes it on its
 * reading thread), used while the hint names the row's name. */
static const char *hint_name, *hint_key;

void store_name_key_hint(const char *name, const char *key)
{
    hint_name = name;
    hint_key = key;
}

/* The derived columns of a row, kept until the next call.  A person's
 * rows follow each other (one per course): the name key of the last
 * name is reused. */
static void make_extra(const kind_def *k, char *const *vals, char *extra[2])
{
    static char *fold, *collate, *name, *name_key;
    extra[0] = extra[1] = NULL;
    if (k->id == KIND_UNITS) {
        free(fold);
        free(collate);
        extra[0] = fold = text_fold(vals[1]);
        extra[1] = collate = text_collate_key(vals[1]);
    } else if (k->id == KIND_LEARNERS) {
        static int in = -1;
        if (in < 0)
            in = kind_col_index(k, "full_name");
        const char *n = vals[in] ? vals[in] : "";
        if (hint_key && hint_name && strcmp(hint_name, n) == 0) {
            extra[0] = (char *)hint_key;
            return;
        }
        if (!name || strcmp(name, n) != 0) {
            free(name);
            free(name_key);
            name = xstrdup(n);
            name_key = text_name_key(vals[in]);
        }
        extra[0] = name_key;
    }
}

static void bind_row_at(sqlite3_stmt *st, int off, const kind_def *k, char *const *vals,
                        char *const extra[2], int64_t batch, int64_t audit)
{
    static signed char text_empty[KIND__COUNT][32];
    static int known[KIND__COUNT];
    if (!known[k->id]) {
        for (size_t i = 0; i < k->ncols && i < 32; i++)
            text_empty[k->id][i] = (k->cols[i].flags & COL_KEY) || empty_is_text(k, i);
        known[k->id] = 1;
    }
    for (size_t i = 0; i < k->ncols; i++) {
        const char *v = vals[i];
        if (!v && text_empty[k->id][i])
            v = "";
        bind_val(st, off + (int)i + 1, &k->cols[i], v);
    }
    for (int i = 0; i < n_extra(k); i++)
        sqlite3_bind_text(st, off + (int)k->ncols + 1 + i, extra[i], -1, SQLITE_STATIC);
    if (batch)
        sqlite3_bind_int64(st, off + p_batch(k), batch);
    else
        sqlite3_bind_null(st, off + p_batch(k));
    if (has_audit_id(k) && audit)
        sqlite3_bind_int64(st, off + p_batch(k) + 1, audit);
    else if (has_audit_id(k))
        sqlite3_bind_null(st, off + p_batch(k) + 1);
}

static void bind_row(sqlite3_stmt *st, const kind_def *k, char *const *vals, char *const extra[2],
                     int64_t batch, int64_t audit)
{
    bind_row_at(st, 0, k, vals, extra, batch, audit);
}

/* ---- new roster rows of an import, written PEND_MAX at a time ----------- */

/* A million-row import inserts row after row: one statement of PEND_MAX
 * rows saves the cost of a statement per row (binding aside, a quarter of
 * SQLite's work per row).  The rows wait here until PEND_MAX, or until
 * anything reads or writes learners (the peek included), or COMMIT. */

static uint64_t key_hash(const char *key, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)key[i]) * 1099511628211ULL;
    return h;
}

/* "INSERT OR FAIL INTO learners(...) VALUES(?1, ...), (...), ..." for
 * PEND_MAX rows: a row's values and name key are its own parameters; the
 * batch is one parameter for all (PEND_PARAMS(k) + 1) and audit_id NULL.
 * A key stored already is an error, never a silent skip; OR FAIL keeps
 * what the statement wrote before the error, so SQLite needs no statement
 * journal (the transaction is rolled back anyway). */
#define PEND_PARAMS(k) ((int)(k)->ncols + 1)
static const char *pend_sql(const kind_def *k)
{
    static char *sql;
    if (sql)
        return sql;
    const char *one = sql_of(k)->ins;
    const char *cols = strchr(one, '('), *vals = strstr(one, ") VALUES(");
    int m = PEND_PARAMS(k);
    strbuf b = {0};
    sb_addf(&b, "INSERT OR FAIL INTO %s", k->table);
    sb_addn(&b, cols, (size_t)(vals - cols) + 1);
    sb_add(&b, " VALUES");
    for (int r = 0; r < PEND_MAX; r++) {
        sb_add(&b, r ? ", (" : "(");
        for (int i = 0; i < m; i++)
            sb_addf(&b, i ? ", ?%d" : "?%d", r * m + i + 1);
        sb_addf(&b, ", ?%d%s)", PEND_MAX * m + 1, has_audit_id(k) ? ", NULL" : "");
    }
    sql = b.s;
    return sql;
}

/* Bind pending row r at parameter offset off, lengths known. */
static void bind_pend(sqlite3_stmt *st, int off, const kind_def *k, const pend *p, int r)
{
    for (size_t i = 0; i < k->ncols; i++) {
        const char *v = p->v[r][i];
        int pos = off + (int)i + 1;
        if (!v)
            bind_val(st, pos, &k->cols[i],
                     (k->cols[i].flags & COL_KEY) || empty_is_text(k, i) ? "" : NULL);
        else if (k->cols[i].flags & (COL_INT | COL_REAL))
            bind_val(st, pos, &k->cols[i], v);
        else
            sqlite3_bind_text(st, pos, v, p->len[r][i], SQLITE_STATIC);
    }
    const char *key = p->v[r][k->ncols];
    sqlite3_bind_text(st, off + (int)k->ncols + 1, key, key ? p->len[r][k->ncols] : 0,
                      SQLITE_STATIC);
}

/* Write the pending rows (one statement when there are PEND_MAX). */
int pend_flush(td_db *db, row_state *s)
{
    pend *p = s->pend;
    if (!p || !p->n)
        return 0;
    const kind_def *k = kind_get(KIND_LEARNERS);
    int rc = 0;
    if (p->n == PEND_MAX) {
        if (!p->ins && sqlite3_prepare_v3(db_handle(db), pend_sql(k), -1, SQLITE_PREPARE_PERSISTENT,
                                          &p->ins, NULL) != SQLITE_OK)
            p->ins = NULL;
        sqlite3_stmt *st = p->ins;
        for (int r = 0; st && r < p->n; r++)
            bind_pend(st, r * PEND_PARAMS(k), k, p, r);
        if (st)
            sqlite3_bind_int64(st, PEND_MAX * PEND_PARAMS(k) + 1, p->batch);
        rc = st && sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(db_handle(db)) == p->n ? 0
                                                                                             : -1;
        if (st)
            sqlite3_reset(st);
    } else {
        for (int r = 0; r < p->n && rc == 0; r++) {
            sqlite3_stmt *st = db_prep(db, sql_of(k)->ins);
            if (!st)
                return -1;
            bind_row(st, k, p->v[r], (char *[2]){p->v[r][k->ncols], NULL}, p->batch, 0);
            rc = sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(db_handle(db)) == 1 ? 0 : -1;
            sqlite3_reset(st);
        }
    }
    p->n = 0;
    p->used = 0;
    memset(p->bloom, 0, sizeof p->bloom);
    s->gen[k->id]++;
    if (s->cur) /* the peek's cursor looks again */
        sqlite3_reset(s->cur);
    s->cur_on = -1;
    return rc;
}

/* Before a key of learners is looked up: write the pending rows if one of
 * them has this key. */
int pend_check(td_db *db, row_state *s, const char *key, size_t n)
{
    uint64_t h = key_hash(key, n);
    s->hk = kind_get(KIND_LEARNERS);
    s->hkey = h;
    if (!s->pend || !s->pend->n || !(s->pend->bloom[h >> 62] & (1ULL << (h >> 56 & 63))))
        return 0;
    for (int r = 0; r < s->pend->n; r++)
        if (s->pend->key[r] == h)
            return pend_flush(db, s);
    return 0;
}

/* Keep a new roster row of an import (its key is not stored) for the next
 * flush.  1 kept, 0 it does not fit (write it now), -1 error. */
static int pend_add(td_db *db, row_state *s, const kind_def *k, char *const *vals, int64_t batch)
{
    if (!s->pend)
        s->pend = xcalloc(1, sizeof *s->pend);
    pend *p = s->pend;
    if (!p->n) /* a rolled-back transaction empties the rows, not the buffer */
        p->used = 0;
    if ((p->n == PEND_MAX || (p->n && p->batch != batch)) && pend_flush(db, s) != 0)
        return -1;
    char *extra[2];
    make_extra(k, vals, extra);
    if (k->ncols >= 32)
        return 0;
    size_t len[32], need = 0;
    for (size_t i = 0; i <= k->ncols; i++) {
        const char *src = i < k->ncols ? vals[i] : extra[0];
        len[i] = src ? strlen(src) + 1 : 0;
        need += len[i];
    }
    if (need > PEND_BUF - p->used && pend_flush(db, s) != 0)
        return -1;
    if (need > PEND_BUF - p->used)
        return 0;
    char **v = p->v[p->n];
    for (size_t i = 0; i <= k->ncols; i++) {
        const char *src = i < k->ncols ? vals[i] : extra[0];
        v[i] = src ? memcpy(p->buf + p->used, src, len[i]) : NULL;
        p->len[p->n][i] = src ? (int)len[i] - 1 : 0;
        p->used += len[i];
    }
    if (s->hk == k) { /* apply_row peeked this row just before */
        p->key[p->n] = s->hkey;
    } else {
        char key[KEYBUF + 1];
        size_t kn = key_of_vals(k, vals, key);
        p->key[p->n] = key_hash(key, kn > KEYBUF ? KEYBUF : kn);
    }
    s->hk = NULL;
    p->bloom[p->key[p->n] >> 62] |= 1ULL << (p->key[p->n] >> 56 & 63);
    p->batch = batch;
    p->n++;
    return count_add(db, s, k, (const char *const *)vals, 1) ? -1 : 1;
}

/* Run the INSERT (exists 0) or the UPDATE of a row.  1 written, 0 when
 * the INSERT found the key stored, -1 error. */
static int put_row(td_db *db, row_state *s, const kind_def *k, char *const *vals, int64_t batch,
                   int64_t audit, int exists)
{
    char *extra[2];
    make_extra(k, vals, extra);
    int written = -1;
    sqlite3_stmt *st = db_prep(db, exists ? sql_of(k)->upd : sql_of(k)->ins);
    if (st) {
        bind_row(st, k, vals, extra, batch, audit);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE)
            written = sqlite3_changes(db_handle(db)) > 0 ? 1 : exists ? -1 : 0;
    }
    if (written == 1 && k->id == KIND_LEARNERS &&
        count_add(db, s, k, (const char *const *)vals, 1) != 0)
        written = -1;
    s->gen[k->id]++;
    return written;
}

/* A stored learners row (values old) is about to change or go: count it
 * out of the roster.  Before the write. */
static int row_leaves(td_db *db, row_state *s, const kind_def *k, const char *const *old)
{
    return k->id == KIND_LEARNERS ? count_add(db, s, k, old, -1) : 0;
}

/* The stored row with vals' key, for a write that replaces or deletes
 * it: 1 found (counted out), 0 not found, -1 error.  The row
 * store_row_get handed out last is not read again. */
static int fetch_leaving(td_db *db, row_state *s, const kind_def *k, char *const *vals)
{
    char key[KEYBUF + 1];
    size_t n = k->id == KIND_LEARNERS ? key_of_vals(k, vals, key) : KEYBUF + 1;
    if (s->got_k == k && s->got_gen == s->gen[k->id] && n <= KEYBUF &&
        key_cmp(key, n, s->got_key, s->got_len) == 0) {
        const char *old[32] = {0};
        const int *c = count_cols(k);
        for (int i = 0; i < 4; i++)
            old[c[i]] = s->got_v[i];
        s->got_k = NULL;
        return row_leaves(db, s, k, old) ? -1 : 1;
    }
    sqlite3_stmt *st;
    int found = point_get(db, k, vals, &st);
    if (found == 1) {
        const char *old[32];
        fill_out(k, st, old, s->num, NULL);
        if (row_leaves(db, s, k, old) != 0)
            found = -1;
    }
    if (st)
        sqlite3_reset(st);
    return found;
}

int store_row_put(td_db *db, const kind_def *k, char *const *vals, int64_t batch)
{
    row_state *s = state_of(db);
    if (k->id == KIND_LEARNERS && pend_flush(db, s) != 0)
        return -1;
    int w = put_row(db, s, k, vals, batch, 0, 0);
    if (w == 0)
        w = fetch_leaving(db, s, k, vals) == 1 ? put_row(db, s, k, vals, batch, 0, 1) : -1;
    return w == 1 ? 0 : -1;
}

int store_row_delete(td_db *db, const kind_def *k, char *const *vals)
{
    row_state *s = state_of(db);
    if (k->id == KIND_LEARNERS && pend_flush(db, s) != 0)
        return -1;
    if (fetch_leaving(db, s, k, vals) < 0)
        return -1;
    sqlite3_stmt *st = db_prep(db, sql_of(k)->del);
    if (!st)
        return -1;
    bind_key(st, k, vals, 0);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    s->gen[k->id]++;
    return rc == SQLITE_DONE ? 0 : -1;
}

void store_vals_free(const kind_def *k, char **vals)
{
    for (size_t i = 0; i < k->ncols; i++)
        xfree(&vals[i]);
}

/* Append the row's values as one CSV line (csv_quote's rules) to b. */
static void vals_text_into(strbuf *b, const kind_def *k, const char *const *vals)
{
    for (size_t i = 0; i < k->ncols; i++) {
        const char *v = vals[i] ? vals[i] : "";
        size_t n = strlen(v);
        if (i)
            sb_addn(b, ",", 1);
        if (!n || (v[0] != ' ' && v[n - 1] != ' ' && !strpbrk(v, ",\"\r\n"))) {
            sb_addn(b, v, n);
            continue;
        }
        sb_addn(b, "\"", 1);
        for (const char *q; (q = strchr(v, '"')); v = q + 1)
            sb_addn(b, v, (size_t)(q - v) + 1), sb_addn(b, "\"", 1);
        sb_add(b, v);
        sb_addn(b, "\"", 1);
    }
}

char *store_vals_text(const kind_def *k, char *const *vals)
{
    strbuf b = {0};
    vals_text_into(&b, k, (const char *const *)vals);
    return b.s ? b.s : xstrdup("");
}

/* The id the next audit entry of this transaction gets (0 outside one:
 * then SQLite chooses). */
static int64_t audit_next(td_db *db, row_state *s)
{
    if (!db_in_tx(db))
        return 0;
    if (!s->next_audit) {
        sqlite3_stmt *st = db_prep(db, "SELECT coalesce(max(id), 0) + 1 FROM audit_log");
        if (!st || sqlite3_step(st) != SQLITE_ROW)
            return st ? (sqlite3_reset(st), 0) : 0;
        s->next_audit = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    return s->next_audit;
}

static int64_t audit_put(td_db *db, row_state *s, int64_t id, int64_t batch, const char *source,
                         const kind_def *k, const char *key, const char *old_text,
                         const char *new_text, int64_t old_batch)
{
    static const char sql[] =
        "INSERT INTO audit_log(id, batch_id, at, login, source, kind, key, old, new,"
        " old_batch) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return -1;
    char now[32];
    if (id)
        sqlite3_bind_int64(st, 1, id);
    if (batch) {
        sqlite3_bind_int64(st, 2, batch);
    } else {
        ts_format(ts_now(), now);
        sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, td_login(), -1, SQLITE_STATIC);
    }
    sqlite3_bind_text(st, 5, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, k->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, old_text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, new_text, -1, SQLITE_STATIC);
    if (old_batch)
        sqlite3_bind_int64(st, 10, old_batch);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return -1;
    int64_t got = sqlite3_last_insert_rowid(db_handle(db));
    if (s->next_audit)
        s->next_audit = got + 1;
    return got;
}

int64_t store_audit(td_db *db, int64_t batch, const char *source, const kind_def *k,
                    const char *key, const char *old_text, const char *new_text, int64_t old_batch)
{
    row_state *s = state_of(db);
    return audit_put(db, s, audit_next(db, s), batch, source, k, key, old_text, new_text,
                     old_batch);
}

int store_row_write(td_db *db, const kind_def *k, char *const *vals, int64_t batch,
                    char *const *old, const char *source, const char *key, int64_t old_batch)
{
    row_state *s = state_of(db);
    static strbuf ob, nb;
    const char *old_text = NULL;
    if (old) {
        /* old may point into the cursor: use it before anything is written */
        sb_reset(&ob);
        vals_text_into(&ob, k, (const char *const *)old);
        old_text = ob.s ? ob.s : "";
        if (row_leaves(db, s, k, (const char *const *)old) != 0)
            return -1;
    }
    /* a roster row new to the database, from an import: its batch_id is
     * all undo needs (store_rows_unaudited), no entry each */
    if (k->id == KIND_LEARNERS && batch && !old) {
        int kept = pend_add(db, s, k, vals, batch);
        return kept != 0 ? kept : put_row(db, s, k, vals, batch, 0, 0);
    }
    int64_t id = audit_next(db, s);
    int compact = has_audit_id(k) && id > 0;
    int w = put_row(db, s, k, vals, batch, compact ? id : 0, old != NULL);
    if (w != 1)
        return w;
    sb_reset(&nb);
    if (!compact)
        vals_text_into(&nb, k, (const char *const *)vals);
    const char *new_text = compact || !nb.s ? "" : nb.s;
    char *made = key ? NULL : kind_key(k, vals);
    int rc =
        audit_put(db, s, id, batch, source, k, key ? key : made, old_text, new_text, old_batch);
    free(made);
    return rc < 0 ? -1 : 1;
}

/* ---- reading many rows, meta, the audit's text ------------------------- */

/* Step st (a SELECT of k's columns) and hand each row to fn, which may
 * stop it; the statement is reset.  TD_OK or TD_EDB. */
static int each_row(sqlite3_stmt *st, const kind_def *k, store_row_fn fn, void *ctx)
{
    const char *vals[32];
    char num[32][32];
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fill_out(k, st, vals, num, NULL);
        if (fn(ctx, (char *const *)vals))
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

int store_rows_unaudited(td_db *db, const kind_def *k, int64_t batch, store_row_fn fn, void *ctx)
{
    if (!has_audit_id(k))
        return TD_OK;
    if (pend_flush(db, state_of(db)) != 0)
        return TD_EDB;
    static char *sql[KIND__COUNT]; /* kept: db_prep caches by pointer */
    if (!sql[k->id]) {
        strbuf b = {0};
        sb_add(&b, "SELECT ");
        col_list(&b, k);
        sb_addf(&b, " FROM %s WHERE batch_id = ? AND audit_id IS NULL", k->table);
        sql[k->id] = b.s;
    }
    sqlite3_stmt *st = db_prep(db, sql[k->id]);
    if (!st)
        return TD_EDB;
    sqlite3_bind_int64(st, 1, batch);
    return each_row(st, k, fn, ctx);
}

int store_rows_each(td_db *db, const kind_def *k, const char *unit, const char *period,
                    store_row_fn fn, void *ctx)
{
    if (k->id == KIND_LEARNERS && pend_flush(db, state_of(db)) != 0)
        return TD_EDB;
    sqlite3_stmt *st = db_prep(db, sql_of(k)->filtered);
    if (!st)
        return TD_EDB;
    if (unit && k->unit_col >= 0)
        sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    if (period && kind_col_index(k, "period") >= 0)
        sqlite3_bind_text(st, 2, period, -1, SQLITE_TRANSIENT);
    return each_row(st, k, fn, ctx);
}

char *store_meta_get(td_db *db, const char *key)
{
    sqlite3_stmt *st = db_prep(db, "SELECT value FROM meta WHERE key = ?");
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    char *v = NULL;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        v = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return v;
}

int store_meta_set(td_db *db, const char *key, const char *value)
{
    sqlite3_stmt *st = db_prep(db, "INSERT OR REPLACE INTO meta VALUES(?, ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Read back a line written by store_vals_text (our own quoting: fields
 * separated by ',', quoted with '"' when needed, '""' inside quotes). */
int store_vals_parse(const kind_def *k, const char *text, char **vals)
{
    const char *p = text;
    for (size_t i = 0; i < k->ncols; i++) {
        strbuf b = {0};
        if (*p == '"') {
            for (p++; *p; p++) {
                if (*p == '"' && p[1] == '"')
                    sb_addn(&b, p++, 1);
                else if (*p == '"')
                    break;
                else
                    sb_addn(&b, p, 1);
            }
            if (*p == '"')
                p++;
        } else {
            size_t n = strcspn(p, ",");
            sb_addn(&b, p, n);
            p += n;
        }
        vals[i] = b.len ? b.s : (free(b.s), NULL);
        if (*p == ',')
            p++;
        else if (i + 1 < k->ncols) {
            for (size_t j = i + 1; j < k->ncols; j++)
                vals[j] = NULL;
            return -1;
        }
    }
    return 0;
}
