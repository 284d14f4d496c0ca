/* rows.c - generic SQL for the rows of every kind. */
#include "config.h"

#include "theodoi/csvio.h"
#include "theodoi/store.h"
#include "theodoi/text.h"

#include <stdlib.h>
#include <string.h>

/* SQL of one kind, made once and kept for the life of the program (the
 * statement cache is keyed by the text's address). */
typedef struct kind_sql {
    char *get, *put, *del, *filtered;
} kind_sql;

static kind_sql SQL[KIND__COUNT];

/* Extra columns the store derives for a kind: "" or ", name_fold, ...". */
static const char *extra_cols(const kind_def *k)
{
    if (k->id == KIND_UNITS)
        return ", name_fold, name_key";
    if (k->id == KIND_LEARNERS)
        return ", name_key";
    return "";
}

static int n_extra(const kind_def *k)
{
    return k->id == KIND_UNITS ? 2 : k->id == KIND_LEARNERS ? 1 : 0;
}

/* "a = ? AND b = ?" over the key columns, numbering from first. */
static void key_where(strbuf *b, const kind_def *k)
{
    int n = 0;
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].flags & COL_KEY)
            sb_addf(b, "%s%s = ?", n++ ? " AND " : "", k->cols[i].name);
}

static void col_list(strbuf *b, const kind_def *k)
{
    for (size_t i = 0; i < k->ncols; i++)
        sb_addf(b, "%s%s", i ? ", " : "", k->cols[i].name);
}

static void order_by(strbuf *b, const kind_def *k)
{
    sb_add(b, " ORDER BY ");
    int n = 0;
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].flags & COL_KEY)
            sb_addf(b, "%s%s", n++ ? ", " : "", k->cols[i].name);
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
    key_where(&b, k);
    s->get = b.s;
    b = (strbuf){0};
    sb_addf(&b, "INSERT INTO %s(", k->table);
    col_list(&b, k);
    sb_addf(&b, "%s, batch_id) VALUES(", extra_cols(k));
    for (size_t i = 0; i < k->ncols + (size_t)n_extra(k) + 1; i++)
        sb_add(&b, i ? ", ?" : "?");
    sb_add(&b, ") ON CONFLICT DO UPDATE SET ");
    for (size_t i = 0; i < k->ncols; i++)
        sb_addf(&b, "%s = excluded.%s, ", k->cols[i].name, k->cols[i].name);
    if (k->id == KIND_UNITS)
        sb_add(&b, "name_fold = excluded.name_fold, name_key = excluded.name_key, ");
    if (k->id == KIND_LEARNERS)
        sb_add(&b, "name_key = excluded.name_key, ");
    sb_add(&b, "batch_id = excluded.batch_id");
    s->put = b.s;
    b = (strbuf){0};
    sb_addf(&b, "DELETE FROM %s WHERE ", k->table);
    key_where(&b, k);
    s->del = b.s;
    b = (strbuf){0};
    sb_add(&b, "SELECT ");
    col_list(&b, k);
    sb_addf(&b, " FROM %s WHERE 1", k->table);
    if (k->unit_col >= 0)
        sb_add(&b, " AND (?1 IS NULL OR unit_code = ?1)");
    if (kind_col_index(k, "period") >= 0)
        sb_add(&b, " AND (?2 IS NULL OR period = ?2)");
    order_by(&b, k);
    s->filtered = b.s;
    return s;
}

/* Bind value v of column c at position pos. */
static void bind_val(sqlite3_stmt *st, int pos, const kind_col *c, const char *v)
{
    if (!v)
        sqlite3_bind_null(st, pos);
    else if (c->flags & COL_INT)
        sqlite3_bind_int64(st, pos, atoll(v));
    else if (c->flags & COL_REAL)
        sqlite3_bind_double(st, pos, atof(v));
    else
        sqlite3_bind_text(st, pos, v, -1, SQLITE_TRANSIENT);
}

/* Canonical text of result column i (REAL formatted as kinds.c does). */
static char *column_val(sqlite3_stmt *st, int i, const kind_col *c)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NULL;
    if (c->flags & COL_REAL) {
        char buf[32];
        kind_format_real(sqlite3_column_double(st, i), buf, sizeof buf);
        return xstrdup(buf);
    }
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t && *t ? xstrdup(t) : NULL;
}

static void bind_key(sqlite3_stmt *st, const kind_def *k, char *const *vals)
{
    int pos = 1;
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].flags & COL_KEY)
            sqlite3_bind_text(st, pos++, vals[i] ? vals[i] : "", -1, SQLITE_TRANSIENT);
}

int store_row_get(td_db *db, const kind_def *k, char *const *vals, char **out,
                  int64_t *batch)
{
    sqlite3_stmt *st = db_prep(db, sql_of(k)->get);
    if (!st)
        return -1;
    bind_key(st, k, vals);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        for (size_t i = 0; i < k->ncols; i++)
            out[i] = column_val(st, (int)i, &k->cols[i]);
        if (batch)
            *batch = sqlite3_column_int64(st, (int)k->ncols);
        sqlite3_reset(st);
        return 1;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_row_put(td_db *db, const kind_def *k, char *const *vals, int64_t batch)
{
    sqlite3_stmt *st = db_prep(db, sql_of(k)->put);
    if (!st)
        return -1;
    int pos = 1;
    for (size_t i = 0; i < k->ncols; i++) {
        const char *v = vals[i];
        /* key columns are never NULL: an empty period is '' */
        if (!v && (k->cols[i].flags & COL_KEY))
            v = "";
        if (!v && (k->id == KIND_LEARNERS || k->id == KIND_HOLIDAYS) &&
            (!strcmp(k->cols[i].name, "gender") || !strcmp(k->cols[i].name, "village") ||
             !strcmp(k->cols[i].name, "name")))
            v = "";
        bind_val(st, pos++, &k->cols[i], v);
    }
    char *a = NULL, *b = NULL;
    if (k->id == KIND_UNITS) {
        a = text_fold(vals[1]);
        b = text_collate_key(vals[1]);
        sqlite3_bind_text(st, pos++, a, -1, free);
        sqlite3_bind_text(st, pos++, b, -1, free);
    } else if (k->id == KIND_LEARNERS) {
        b = text_name_key(vals[kind_col_index(k, "full_name")]);
        sqlite3_bind_text(st, pos++, b, -1, free);
    }
    if (batch)
        sqlite3_bind_int64(st, pos, batch);
    else
        sqlite3_bind_null(st, pos);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_row_delete(td_db *db, const kind_def *k, char *const *vals)
{
    sqlite3_stmt *st = db_prep(db, sql_of(k)->del);
    if (!st)
        return -1;
    bind_key(st, k, vals);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

void store_vals_free(const kind_def *k, char **vals)
{
    for (size_t i = 0; i < k->ncols; i++)
        xfree(&vals[i]);
}

char *store_vals_text(const kind_def *k, char *const *vals)
{
    strbuf b = {0};
    for (size_t i = 0; i < k->ncols; i++) {
        char *q = csv_quote(vals[i] ? vals[i] : "");
        sb_addf(&b, "%s%s", i ? "," : "", q);
        free(q);
    }
    return b.s;
}

int64_t store_audit(td_db *db, int64_t batch, const char *source,
                    const kind_def *k, const char *key, const char *old_text,
                    const char *new_text, int64_t old_batch)
{
    static const char sql[] =
        "INSERT INTO audit(batch_id, at, login, source, kind, key, old, new, old_batch)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return -1;
    if (batch) {
        sqlite3_bind_int64(st, 1, batch);
    } else {
        char now[32];
        ts_format(ts_now(), now);
        sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, td_login(), -1, SQLITE_STATIC);
    }
    sqlite3_bind_text(st, 4, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, k->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, old_text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, new_text, -1, SQLITE_STATIC);
    if (old_batch)
        sqlite3_bind_int64(st, 9, old_batch);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? sqlite3_last_insert_rowid(db_handle(db)) : -1;
}

int store_rows_each(td_db *db, const kind_def *k, const char *unit,
                    const char *period, store_row_fn fn, void *ctx)
{
    sqlite3_stmt *st = db_prep(db, sql_of(k)->filtered);
    if (!st)
        return TD_EDB;
    if (unit && k->unit_col >= 0)
        sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    if (period && kind_col_index(k, "period") >= 0)
        sqlite3_bind_text(st, 2, period, -1, SQLITE_TRANSIENT);
    char **vals = xcalloc(k->ncols, sizeof *vals);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; i < k->ncols; i++)
            vals[i] = column_val(st, (int)i, &k->cols[i]);
        int stop = fn(ctx, vals);
        store_vals_free(k, vals);
        if (stop)
            break;
    }
    free(vals);
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
