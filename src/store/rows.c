/* rows.c - generic SQL for the rows of every kind: the statements, the
 * state kept per connection, reading rows, roster counts (writing is in
 * rows-write.c; what the two share is in rows-int.h).
 *
 * Speed (measured by bench/, see bench/README.md):
 * - An import asks for rows in key order, so store_row_peek() walks one
 *   open cursor forward over the primary key instead of seeking from the
 *   root for every row, and hands out the stored values in place.
 * - Values are bound as they are (SQLITE_STATIC) and read in place.
 * - A row is written by a plain INSERT that says when the key exists,
 *   else by an UPDATE.
 * - The roster counts (learner_counts) change with every write of
 *   learners: the changes are added up in memory and written before
 *   COMMIT or before the counts are read (db_pending); learners has no
 *   triggers (schema.c, versions 2 and 3).  So every write of learners
 *   must go through these files.
 * - A learners audit entry written by store_row_write() leaves `new`
 *   empty: learners.audit_id names the entry while the row is the one it
 *   wrote, and the view `audit` shows the row then, or the `old` of the
 *   key's next entry (schema.c, version 4).  Audit ids are handed out
 *   here during a transaction, so the row can name its entry first. */
#include "config.h"

#include "rows-int.h"
#include "theodoi/csvio.h"
#include "theodoi/store.h"
#include "theodoi/text.h"

#include <stdlib.h>
#include <string.h>

static kind_sql SQL[KIND__COUNT];

/* Extra columns the store derives for a kind: "" or ", name_fold, ...". */
static const char *const EXTRA[KIND__COUNT][2] = {
    [KIND_UNITS] = {"name_fold", "name_key"}, [KIND_LEARNERS] = {"name_key", NULL}};

int n_extra(const kind_def *k)
{
    return (EXTRA[k->id][0] != NULL) + (EXTRA[k->id][1] != NULL);
}

/* Learners rows name their audit entry (schema version 2). */
int has_audit_id(const kind_def *k)
{
    return k->id == KIND_LEARNERS;
}

/* Parameter numbers: ?1..?ncols the columns, then the extras, the batch
 * and (learners) the audit id. */
int p_batch(const kind_def *k)
{
    return (int)k->ncols + n_extra(k) + 1;
}

void col_list(strbuf *b, const kind_def *k)
{
    for (size_t i = 0; i < k->ncols; i++)
        sb_addf(b, "%s%s", i ? ", " : "", k->cols[i].name);
}

/* The key columns, sep between them: "a = ?1 AND b = ?2" (eq) or "a, b". */
static void key_terms(strbuf *b, const kind_def *k, int eq, const char *sep)
{
    int n = 0;
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].flags & COL_KEY) {
            sb_add(b, n++ ? sep : "");
            sb_add(b, k->cols[i].name);
            if (eq)
                sb_addf(b, " = ?%d", (int)i + 1);
        }
}

/* The key's parameters: "?1, ?2, ?8". */
static void key_params(strbuf *b, const kind_def *k)
{
    int n = 0;
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].flags & COL_KEY)
            sb_addf(b, "%s?%d", n++ ? ", " : "", (int)i + 1);
}

static char *make_ins(const kind_def *k)
{
    strbuf b = {0};
    sb_addf(&b, "INSERT INTO %s(", k->table);
    col_list(&b, k);
    for (int i = 0; i < n_extra(k); i++)
        sb_addf(&b, ", %s", EXTRA[k->id][i]);
    sb_add(&b, has_audit_id(k) ? ", batch_id, audit_id) VALUES(" : ", batch_id) VALUES(");
    int n = p_batch(k) + has_audit_id(k);
    for (int i = 1; i <= n; i++)
        sb_addf(&b, "%s?%d", i > 1 ? ", " : "", i);
    sb_add(&b, ") ON CONFLICT DO NOTHING");
    return b.s;
}

static char *make_upd(const kind_def *k)
{
    strbuf b = {0};
    sb_addf(&b, "UPDATE %s SET ", k->table);
    for (size_t i = 0; i < k->ncols; i++)
        if (!(k->cols[i].flags & COL_KEY))
            sb_addf(&b, "%s = ?%d, ", k->cols[i].name, (int)i + 1);
    for (int i = 0; i < n_extra(k); i++)
        sb_addf(&b, "%s = ?%d, ", EXTRA[k->id][i], (int)k->ncols + i + 1);
    sb_addf(&b, "batch_id = ?%d", p_batch(k));
    if (has_audit_id(k))
        sb_addf(&b, ", audit_id = ?%d", p_batch(k) + 1);
    sb_add(&b, " WHERE ");
    key_terms(&b, k, 1, " AND ");
    return b.s;
}

/* Build the statements of a kind on first use. */
const kind_sql *sql_of(const kind_def *k)
{
    kind_sql *s = &SQL[k->id];
    if (s->get)
        return s;
    strbuf b = {0};
    sb_add(&b, "SELECT ");
    col_list(&b, k);
    sb_addf(&b, ", batch_id FROM %s WHERE ", k->table);
    key_terms(&b, k, 1, " AND ");
    s->get = b.s;
    b = (strbuf){0};
    sb_add(&b, "SELECT ");
    col_list(&b, k);
    sb_addf(&b, ", batch_id FROM %s WHERE (", k->table);
    key_terms(&b, k, 0, ", ");
    sb_add(&b, ") >= (");
    key_params(&b, k);
    sb_add(&b, ") ORDER BY ");
    key_terms(&b, k, 0, ", ");
    s->scan = b.s;
    s->ins = make_ins(k);
    s->upd = make_upd(k);
    b = (strbuf){0};
    sb_addf(&b, "DELETE FROM %s WHERE ", k->table);
    key_terms(&b, k, 1, " AND ");
    s->del = b.s;
    b = (strbuf){0};
    sb_add(&b, "SELECT ");
    col_list(&b, k);
    sb_addf(&b, " FROM %s WHERE 1", k->table);
    if (k->unit_col >= 0)
        sb_add(&b, " AND (?1 IS NULL OR unit_code = ?1)");
    if (kind_col_index(k, "period") >= 0)
        sb_add(&b, " AND (?2 IS NULL OR period = ?2)");
    sb_add(&b, " ORDER BY ");
    key_terms(&b, k, 0, ", ");
    s->filtered = b.s;
    return s;
}

/* ---- state kept per connection during a transaction -------------------- */

static int flush_counts(td_db *db, void *ctx);

static void end_tx(td_db *db, void *ctx)
{
    (void)db;
    row_state *s = ctx;
    if (s->cur)
        sqlite3_reset(s->cur);
    s->cur_on = -1;
    s->ncounts = 0;
    if (s->pend)
        *(int *)s->pend = 0; /* the pending rows go with the transaction */
    if (s->counts)
        memset(s->counts, 0, NCOUNT * sizeof *s->counts);
    s->next_audit = 0;
}

static void drop_state(td_db *db, void *ctx)
{
    (void)db;
    row_state *s = ctx;
    free(s->counts);
    if (s->pend)
        sqlite3_finalize(s->pend->ins);
    free(s->pend);
    free(s);
}

row_state *state_of(td_db *db)
{
    const db_pending *p = db_get_pending(db);
    if (p->ctx && p->flush == flush_counts)
        return p->ctx;
    row_state *s = xcalloc(1, sizeof *s);
    s->cur_on = -1;
    db_set_pending(db, &(db_pending){flush_counts, end_tx, drop_state, s});
    return s;
}

/* ---- values in and out ------------------------------------------------ */

/* Bind value v of column c at position pos (v stays valid until reset). */
void bind_val(sqlite3_stmt *st, int pos, const kind_col *c, const char *v)
{
    if (!v)
        sqlite3_bind_null(st, pos);
    else if (c->flags & COL_INT)
        sqlite3_bind_int64(st, pos, atoll(v));
    else if (c->flags & COL_REAL)
        sqlite3_bind_double(st, pos, atof(v));
    else
        sqlite3_bind_text(st, pos, v, -1, SQLITE_STATIC);
}

/* Canonical text of result column i, NULL when empty: text points into
 * the statement; numbers are written into buf (32 bytes), REAL as kinds.c
 * formats it, INTEGER as SQLite would (without its conversion). */
const char *column_ref(sqlite3_stmt *st, int i, const kind_col *c, char *buf)
{
    if (!(c->flags & (COL_INT | COL_REAL))) {
        const char *t = (const char *)sqlite3_column_text(st, i);
        return t && *t ? t : NULL; /* NULL: SQL NULL */
    }
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
        return NULL;
    case SQLITE_INTEGER:
        if (!(c->flags & COL_REAL)) {
            long long v = sqlite3_column_int64(st, i);
            unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
            char *p = buf + 31;
            *p = '\0';
            do
                *--p = (char)('0' + u % 10);
            while (u /= 10);
            if (v < 0)
                *--p = '-';
            return p;
        }
        /* a whole REAL: */
        /* fall through */
    case SQLITE_FLOAT:
        if (c->flags & COL_REAL) {
            kind_format_real(sqlite3_column_double(st, i), buf, 32);
            return buf;
        }
        break;
    default:
        break;
    }
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t && *t ? t : NULL;
}

/* Key columns are bound as text, "" for none (an empty period is ''). */
void bind_key(sqlite3_stmt *st, const kind_def *k, char *const *vals, int copy)
{
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].flags & COL_KEY)
            sqlite3_bind_text(st, (int)i + 1, vals[i] ? vals[i] : "", -1,
                              copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

/* The key of vals as NUL-separated text (the order of the primary key,
 * whose columns are the kind's key columns in column order). */
size_t key_of_vals(const kind_def *k, char *const *vals, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].flags & COL_KEY) {
            const char *v = vals[i] ? vals[i] : "";
            size_t l = strlen(v);
            if (n + l + 1 > KEYBUF)
                return KEYBUF + 1; /* too long: never matches */
            memcpy(out + n, v, l + 1);
            n += l + 1;
        }
    return n;
}

size_t key_of_row(const kind_def *k, sqlite3_stmt *st, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].flags & COL_KEY) {
            const char *v = (const char *)sqlite3_column_text(st, (int)i);
            size_t l = v ? strlen(v) : 0;
            if (n + l + 1 > KEYBUF)
                return KEYBUF + 1;
            memcpy(out + n, v ? v : "", l);
            out[n + l] = '\0';
            n += l + 1;
        }
    return n;
}

/* Compare two keys made by key_of_*: column by column as SQLite's BINARY
 * collation does (the bytes, then the length).  The columns end with a
 * NUL, which sorts first, so one memcmp does it. */
int key_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

/* ---- reading rows ----------------------------------------------------- */

void fill_out(const kind_def *k, sqlite3_stmt *st, const char **out, char num[][32], int64_t *batch)
{
    for (size_t i = 0; i < k->ncols; i++)
        out[i] = column_ref(st, (int)i, &k->cols[i], num[i]);
    if (batch)
        *batch = sqlite3_column_int64(st, (int)k->ncols);
}

/* The row with vals' key by a point look-up: st is left on it. */
int point_get(td_db *db, const kind_def *k, char *const *vals, sqlite3_stmt **pst)
{
    *pst = NULL;
    if (k->id == KIND_LEARNERS && pend_flush(db, state_of(db)) != 0)
        return -1;
    sqlite3_stmt *st = db_prep(db, sql_of(k)->get);
    *pst = st;
    if (!st)
        return -1;
    bind_key(st, k, vals, 0);
    int rc = sqlite3_step(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Columns of learners that the roster counts use. */
const int *count_cols(const kind_def *k)
{
    static int c[4] = {-1};
    if (c[0] < 0) {
        c[1] = kind_col_index(k, "group_code");
        c[2] = kind_col_index(k, "course_code");
        c[3] = kind_col_index(k, "status");
        c[0] = 0;
    }
    return c;
}

/* Remember the learners row st is on (see row_state.got_*). */
static void remember_got(row_state *s, const kind_def *k, sqlite3_stmt *st, const char *const *ref)
{
    s->got_k = NULL;
    const int *c = count_cols(k);
    for (int i = 0; i < 4; i++) {
        const char *v = ref[c[i]] ? ref[c[i]] : "";
        if (strlen(v) >= sizeof s->got_v[i])
            return;
        strcpy(s->got_v[i], v);
    }
    s->got_len = key_of_row(k, st, s->got_key);
    if (s->got_len > KEYBUF)
        return;
    s->got_gen = s->gen[k->id];
    s->got_k = k;
}

int store_row_get(td_db *db, const kind_def *k, char *const *vals, char **out, int64_t *batch)
{
    sqlite3_stmt *st;
    int found = point_get(db, k, vals, &st);
    if (found == 1) {
        const char *ref[32];
        char num[32][32];
        fill_out(k, st, ref, num, batch);
        for (size_t i = 0; i < k->ncols; i++)
            out[i] = ref[i] ? xstrdup(ref[i]) : NULL;
        if (has_audit_id(k))
            remember_got(state_of(db), k, st, ref);
    }
    if (st)
        sqlite3_reset(st);
    return found;
}

/* Move the cursor to the first stored key >= key. */
static int cursor_seek(td_db *db, row_state *s, const kind_def *k, char *const *vals)
{
    s->cur = db_prep(db, sql_of(k)->scan);
    if (!s->cur) {
        s->cur_on = -1;
        return -1;
    }
    bind_key(s->cur, k, vals, 1);
    s->ck = k;
    s->cur_on = 0;
    return 0;
}

/* Step the cursor; copy the key of the row it lands on. */
static int cursor_step(row_state *s)
{
    int rc = sqlite3_step(s->cur);
    s->cur_gen = s->gen[s->ck->id];
    if (rc == SQLITE_ROW) {
        s->cur_on = 1;
        s->ckey_len = key_of_row(s->ck, s->cur, s->ckey);
        return 0;
    }
    sqlite3_reset(s->cur);
    s->cur_on = 0;
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_row_peek(td_db *db, const kind_def *k, char *const *vals, const char **out,
                   int64_t *batch)
{
    row_state *s = state_of(db);
    char key[KEYBUF + 1];
    size_t n = key_of_vals(k, vals, key);
    if (k->id == KIND_LEARNERS && pend_check(db, s, key, n > KEYBUF ? KEYBUF : n) != 0)
        return -1;
    if (n > KEYBUF) {
        /* a key this long is looked up the plain way */
        sqlite3_stmt *st;
        int found = point_get(db, k, vals, &st);
        if (found == 1)
            fill_out(k, st, out, s->num, batch); /* st stays on the row */
        return found;
    }
    int seek = s->cur_on < 0 || s->ck != k || key_cmp(key, n, s->lkey, s->lkey_len) < 0;
    for (int steps = 0; !seek && s->cur_on == 1 && key_cmp(key, n, s->ckey, s->ckey_len) > 0;
         steps++)
        if (steps == 8 || cursor_step(s) < 0)
            seek = 1; /* far ahead: seek instead */
    /* a row read before this kind was written may be stale */
    if (!seek && s->cur_on == 1 && s->cur_gen != s->gen[k->id] &&
        key_cmp(key, n, s->ckey, s->ckey_len) == 0)
        seek = 1;
    if (seek && (cursor_seek(db, s, k, vals) < 0 || cursor_step(s) < 0)) {
        s->cur_on = -1;
        return -1;
    }
    memcpy(s->lkey, key, n);
    s->lkey_len = n;
    if (s->cur_on != 1 || key_cmp(key, n, s->ckey, s->ckey_len) != 0)
        return 0;
    fill_out(k, s->cur, out, s->num, batch);
    return 1;
}

/* ---- roster counts of learners ----------------------------------------- */

/* Add sign (+1 a row in, -1 a row out) to the counts of the row's unit,
 * group and course, in memory until flush_counts. */
int count_add(td_db *db, row_state *s, const kind_def *k, const char *const *vals, int sign)
{
    const int *cc = count_cols(k);
    int ig = cc[1], ic = cc[2], is = cc[3];
    if (!s->counts)
        s->counts = xcalloc(NCOUNT, sizeof *s->counts);
    if (s->ncounts * 4 >= NCOUNT * 3 && write_counts(db, s) != 0)
        return -1;
    char key[96];
    size_t n = 0;
    const char *part[3] = {vals[0], vals[ig], vals[ic]};
    for (int i = 0; i < 3; i++) {
        size_t l = part[i] ? strlen(part[i]) : 0;
        if (n + l + 2 > sizeof key)
            return -1;
        memcpy(key + n, part[i] ? part[i] : "", l);
        n += l;
        key[n++] = i < 2 ? '\t' : '\0';
    }
    n--;
    unsigned long h = 5381;
    for (const char *p = key; *p; p++)
        h = h * 33 + (unsigned char)*p;
    count_slot *c = &s->counts[h % NCOUNT];
    while (c->key[0] && strcmp(c->key, key) != 0)
        c = c + 1 == s->counts + NCOUNT ? s->counts : c + 1;
    if (!c->key[0]) {
        memcpy(c->key, key, n + 1);
        s->ncounts++;
    }
    const char *st = vals[is] ? vals[is] : "";
    c->n[0] += sign;
    c->n[1] += sign * (!strcmp(st, "completed") || !strcmp(st, "confirmed"));
    c->n[2] += sign * !strcmp(st, "confirmed");
    c->out |= sign < 0;
    return 0;
}

/* db_pending's flush: before COMMIT (or a read of the counts) no read
 * is left open and the counts go in. */
static int flush_counts(td_db *db, void *ctx)
{
    row_state *s = ctx;
    if (pend_flush(db, s) != 0)
        return -1;
    if (s->cur) {
        sqlite3_reset(s->cur);
        s->cur_on = -1;
    }
    return write_counts(db, s);
}

/* Write the counts kept in memory; a count that falls to nothing loses
 * its row, as the triggers of version 1 did. */
int write_counts(td_db *db, row_state *s)
{
    if (!s->ncounts)
        return 0;
    sqlite3_stmt *up =
        db_prep(db, "INSERT INTO learner_counts VALUES(?1, ?2, ?3, ?4, ?5, ?6)"
                    " ON CONFLICT DO UPDATE SET registered = registered + excluded.registered,"
                    " completed = completed + excluded.completed,"
                    " confirmed = confirmed + excluded.confirmed");
    sqlite3_stmt *del =
        db_prep(db, "DELETE FROM learner_counts WHERE unit_code = ?1 AND group_code = ?2"
                    " AND course_code = ?3 AND registered <= 0");
    if (!up || !del)
        return -1;
    for (size_t i = 0; i < NCOUNT; i++) {
        count_slot *c = &s->counts[i];
        if (!c->key[0])
            continue;
        char *g = strchr(c->key, '\t'), *co = g ? strchr(g + 1, '\t') : NULL;
        if (!co)
            return -1;
        for (int pass = 0; pass < 1 + c->out; pass++) {
            sqlite3_stmt *st = pass ? del : up;
            sqlite3_bind_text(st, 1, c->key, (int)(g - c->key), SQLITE_STATIC);
            sqlite3_bind_text(st, 2, g + 1, (int)(co - g - 1), SQLITE_STATIC);
            sqlite3_bind_text(st, 3, co + 1, -1, SQLITE_STATIC);
            for (int j = 0; !pass && j < 3; j++)
                sqlite3_bind_int64(st, 4 + j, c->n[j]);
            int rc = sqlite3_step(st);
            sqlite3_reset(st);
            if (rc != SQLITE_DONE)
                return -1;
        }
        memset(c, 0, sizeof *c);
    }
    s->ncounts = 0;
    return 0;
}
