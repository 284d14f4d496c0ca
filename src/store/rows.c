/* rows.c - generic SQL for the rows of every kind.
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
 *   must go through this file.
 * - A learners audit entry written by store_row_write() leaves `new`
 *   empty: learners.audit_id names the entry while the row is the one it
 *   wrote, and the view `audit` shows the row then, or the `old` of the
 *   key's next entry (schema.c, version 4).  Audit ids are handed out
 *   here during a transaction, so the row can name its entry first. */
#include "config.h"

#include "theodoi/csvio.h"
#include "theodoi/store.h"
#include "theodoi/text.h"

#include <stdlib.h>
#include <string.h>

/* SQL of one kind, made once and kept for the life of the program (the
 * statement cache is keyed by the text's address). */
typedef struct kind_sql {
    char *get, *scan, *ins, *upd, *del, *filtered;
} kind_sql;

static kind_sql SQL[KIND__COUNT];

/* Extra columns the store derives for a kind: "" or ", name_fold, ...". */
static const char *const EXTRA[KIND__COUNT][2] = {
    [KIND_UNITS] = {"name_fold", "name_key"}, [KIND_LEARNERS] = {"name_key", NULL}};

static int n_extra(const kind_def *k)
{
    return (EXTRA[k->id][0] != NULL) + (EXTRA[k->id][1] != NULL);
}

/* Learners rows name their audit entry (schema version 2). */
static int has_audit_id(const kind_def *k)
{
    return k->id == KIND_LEARNERS;
}

/* Parameter numbers: ?1..?ncols the columns, then the extras, the batch
 * and (learners) the audit id. */
static int p_batch(const kind_def *k)
{
    return (int)k->ncols + n_extra(k) + 1;
}

static void col_list(strbuf *b, const kind_def *k)
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
static const kind_sql *sql_of(const kind_def *k)
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

static int pend_flush(td_db *db, row_state *s);
static int pend_check(td_db *db, row_state *s, const char *key, size_t n);

static int flush_counts(td_db *db, void *ctx);
static int write_counts(td_db *db, row_state *s);

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

static row_state *state_of(td_db *db)
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
static void bind_val(sqlite3_stmt *st, int pos, const kind_col *c, const char *v)
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
static const char *column_ref(sqlite3_stmt *st, int i, const kind_col *c, char *buf)
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
static void bind_key(sqlite3_stmt *st, const kind_def *k, char *const *vals, int copy)
{
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].flags & COL_KEY)
            sqlite3_bind_text(st, (int)i + 1, vals[i] ? vals[i] : "", -1,
                              copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

/* The key of vals as NUL-separated text (the order of the primary key,
 * whose columns are the kind's key columns in column order). */
static size_t key_of_vals(const kind_def *k, char *const *vals, char *out)
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

static size_t key_of_row(const kind_def *k, sqlite3_stmt *st, char *out)
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
static int key_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

/* ---- reading rows ----------------------------------------------------- */

static void fill_out(const kind_def *k, sqlite3_stmt *st, const char **out, char num[][32],
                     int64_t *batch)
{
    for (size_t i = 0; i < k->ncols; i++)
        out[i] = column_ref(st, (int)i, &k->cols[i], num[i]);
    if (batch)
        *batch = sqlite3_column_int64(st, (int)k->ncols);
}

/* The row with vals' key by a point look-up: st is left on it. */
static int point_get(td_db *db, const kind_def *k, char *const *vals, sqlite3_stmt **pst)
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

static void vals_text_into(strbuf *b, const kind_def *k, const char *const *vals);

/* Columns of learners that the roster counts use. */
static const int *count_cols(const kind_def *k)
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
static int count_add(td_db *db, row_state *s, const kind_def *k, const char *const *vals, int sign)
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
static int write_counts(td_db *db, row_state *s)
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

/* "INSERT OR FAIL INTO learners(...) VALUES(?, ...), (...), ..." for
 * PEND_MAX rows: a key stored already is an error, never a silent skip;
 * OR FAIL keeps what the statement wrote before the error, so SQLite needs
 * no statement journal (the transaction is rolled back anyway). */
static const char *pend_sql(const kind_def *k)
{
    static char *sql;
    if (sql)
        return sql;
    const char *one = sql_of(k)->ins;
    const char *cols = strchr(one, '('), *vals = strstr(one, ") VALUES(");
    int np = p_batch(k) + has_audit_id(k);
    strbuf b = {0};
    sb_addf(&b, "INSERT OR FAIL INTO %s", k->table);
    sb_addn(&b, cols, (size_t)(vals - cols) + 1);
    sb_add(&b, " VALUES");
    for (int r = 0; r < PEND_MAX; r++) {
        sb_add(&b, r ? ", (" : "(");
        for (int i = 0; i < np; i++)
            sb_add(&b, i ? ", ?" : "?");
        sb_add(&b, ")");
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
    sqlite3_bind_int64(st, off + p_batch(k), p->batch);
    sqlite3_bind_null(st, off + p_batch(k) + 1);
}

/* Write the pending rows (one statement when there are PEND_MAX). */
static int pend_flush(td_db *db, row_state *s)
{
    pend *p = s->pend;
    if (!p || !p->n)
        return 0;
    const kind_def *k = kind_get(KIND_LEARNERS);
    int np = p_batch(k) + has_audit_id(k), rc = 0;
    if (p->n == PEND_MAX) {
        if (!p->ins && sqlite3_prepare_v3(db_handle(db), pend_sql(k), -1, SQLITE_PREPARE_PERSISTENT,
                                          &p->ins, NULL) != SQLITE_OK)
            p->ins = NULL;
        sqlite3_stmt *st = p->ins;
        for (int r = 0; st && r < p->n; r++)
            bind_pend(st, r * np, k, p, r);
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
    s->gen[k->id]++;
    if (s->cur) /* the peek's cursor looks again */
        sqlite3_reset(s->cur);
    s->cur_on = -1;
    return rc;
}

/* Before a key of learners is looked up: write the pending rows if one of
 * them has this key. */
static int pend_check(td_db *db, row_state *s, const char *key, size_t n)
{
    uint64_t h = key_hash(key, n);
    s->hk = kind_get(KIND_LEARNERS);
    s->hkey = h;
    if (!s->pend || !s->pend->n)
        return 0;
    for (int r = 0; r < s->pend->n; r++)
        if (s->pend->key[r] == h)
            return pend_flush(db, s);
    return 0;
}

static void make_extra(const kind_def *k, char *const *vals, char *extra[2]);
static int count_add(td_db *db, row_state *s, const kind_def *k, const char *const *vals, int sign);

/* Keep a new roster row of an import (its key is not stored) for the next
 * flush.  1 kept, 0 it does not fit (write it now), -1 error. */
static int pend_add(td_db *db, row_state *s, const kind_def *k, char *const *vals, int64_t batch)
{
    if (!s->pend)
        s->pend = xcalloc(1, sizeof *s->pend);
    pend *p = s->pend;
    if ((p->n == PEND_MAX || (p->n && p->batch != batch)) && pend_flush(db, s) != 0)
        return -1;
    char *extra[2];
    make_extra(k, vals, extra);
    size_t need = extra[0] ? strlen(extra[0]) + 1 : 0;
    for (size_t i = 0; i < k->ncols; i++)
        need += vals[i] ? strlen(vals[i]) + 1 : 0;
    if (need > PEND_BUF - p->used && pend_flush(db, s) != 0)
        return -1;
    if (need > PEND_BUF - p->used || k->ncols >= 32)
        return 0;
    char **v = p->v[p->n];
    for (size_t i = 0; i <= k->ncols; i++) {
        const char *src = i < k->ncols ? vals[i] : extra[0];
        v[i] = NULL;
        if (src) {
            size_t len = strlen(src) + 1;
            v[i] = memcpy(p->buf + p->used, src, len);
            p->len[p->n][i] = (int)len - 1;
            p->used += len;
        }
    }
    if (s->hk == k) { /* apply_row peeked this row just before */
        p->key[p->n] = s->hkey;
    } else {
        char key[KEYBUF + 1];
        size_t kn = key_of_vals(k, vals, key);
        p->key[p->n] = key_hash(key, kn > KEYBUF ? KEYBUF : kn);
    }
    s->hk = NULL;
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
    return audit_put(db, s, id, batch, source, k, key, old_text, new_text, old_batch) < 0 ? -1 : 1;
}

/* ---- reading many rows, meta, the audit's text ------------------------- */

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
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v[32];
        char num[32][32];
        fill_out(k, st, v, num, NULL);
        stop = fn(ctx, (char *const *)v);
    }
    sqlite3_reset(st);
    return stop || rc == SQLITE_DONE ? TD_OK : TD_EDB;
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
    const char *vals[32];
    char num[32][32];
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; i < k->ncols; i++)
            vals[i] = column_ref(st, (int)i, &k->cols[i], num[i]);
        if (fn(ctx, (char *const *)vals))
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
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
