/* learners.c - the roster of a commune: keyset pages in Vietnamese name
 * order, filters and a diacritic-blind search, counts, the next free id.
 * The roster's edits go through the edit path (src/sync/edit-rows.c).
 *
 * The search folds each candidate name in C (a SQL function registered on
 * the connection) instead of storing a folded column: a filtered page is
 * one sequential pass over the unit's rows, and on a commune of 100,000
 * learners that pass takes ~25-50 ms warm whether 5 or 5,000 rows match;
 * a name_fold column would still need that pass for a substring match
 * ("nhung" inside "Nguyễn Thị Hồng Nhung"), so it would add a migration
 * and a second copy of every name for nothing. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/learners.h"
#include "theodoi/store.h"
#include "theodoi/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the search function --------------------------------------------- */

/* td_fold_has(name, folded_needle): 1 when the folded name holds the
 * needle (already folded by the caller, once per query). */
static void fold_has(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *hay = (const char *)sqlite3_value_text(argv[0]);
    const char *needle = (const char *)sqlite3_value_text(argv[1]);
    if (!hay || !needle) {
        sqlite3_result_int(cx, needle == NULL);
        return;
    }
    char *f = text_fold(hay);
    sqlite3_result_int(cx, f && strstr(f, needle) != NULL);
    free(f);
}

/* A cached statement; the first use on a connection registers the search
 * function (the statement cannot be prepared without it). */
static sqlite3_stmt *prep(td_db *db, const char *sql)
{
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st && sqlite3_create_function_v2(db_handle(db), "td_fold_has", 2,
                                          SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fold_has, NULL,
                                          NULL, NULL) == SQLITE_OK)
        st = db_prep(db, sql);
    return st;
}

/* ---- pages ------------------------------------------------------------ */

#define COLS                                                                    \
    "SELECT unit_code, learner_id, course_code, full_name, birth_year, gender," \
    " group_code, village, status, updated_at, updated_by, name_key FROM learners"
/* ?1 unit, ?2 village, ?3 group, ?4 course, ?5 status, ?6 folded search;
 * ?7..?9 the position; ?10 the limit. */
#define FILTER                                                                  \
    " AND (?2 IS NULL OR village = ?2)"                                         \
    " AND (?3 IS NULL OR group_code = ?3) AND (?4 IS NULL OR course_code = ?4)" \
    " AND (?5 IS NULL OR status = ?5) AND (?6 IS NULL OR td_fold_has(full_name, ?6))"
#define POS "(?7, ?8, ?9)"

/* Two plans.  The whole roster walks the index learners_name in order: a
 * page reads its rows only, a count reads the index only.  A filtered or
 * searched roster would walk the whole index for a rare match, looking
 * up every row; it reads the unit's rows in primary-key order instead
 * and sorts the matches ("+name_key" keeps the planner off the index):
 * one sequential pass, the same ~60 ms on 100,000 rows whatever matches. */
#define PLAN(W, K, ORD)                                                                          \
    {                                                                                            \
        COLS W ORD(""), COLS W " AND " K " > " POS ORD(""), COLS W " AND " K " >= " POS ORD(""), \
            COLS W " AND " K " < " POS ORD("DESC"), COLS W ORD("DESC"),                          \
            "SELECT count(*) FROM learners" W,                                                   \
            "SELECT count(*) FROM learners" W " AND " K " < " POS                                \
    }
#define ORDER_INDEX(d) " ORDER BY name_key " d ", learner_id " d ", course_code " d " LIMIT ?10"
#define ORDER_SCAN(d) " ORDER BY +name_key " d ", learner_id " d ", course_code " d " LIMIT ?10"

enum { Q_FIRST, Q_AFTER, Q_FROM, Q_BEFORE, Q_LAST, Q_COUNT, Q_COUNT_BEFORE, Q__N };
static const char *const SQL_INDEX[Q__N] =
    PLAN(" WHERE unit_code = ?1", "(name_key, learner_id, course_code)", ORDER_INDEX);
static const char *const SQL_SCAN[Q__N] =
    PLAN(" WHERE unit_code = ?1" FILTER, "(+name_key, learner_id, course_code)", ORDER_SCAN);

/* The statement q of the plan that suits the filter. */
static const char *sql_for(const learner_filter *f, int q)
{
    int filtered = (f->village && *f->village) || (f->group && *f->group) ||
                   (f->course && *f->course) || (f->status >= 0 && f->status < LS__COUNT);
    if (!filtered && f->search) {
        char *needle = text_fold(f->search);
        filtered = needle && *needle;
        free(needle);
    }
    return filtered ? SQL_SCAN[q] : SQL_INDEX[q];
}

void learner_clear(learner *l)
{
    free(l->full_name);
    free(l->village);
    free(l->name_key);
    memset(l, 0, sizeof *l);
}

learner_pos learner_pos_of(const learner *l)
{
    return (learner_pos){l->name_key, l->id, l->course};
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

/* Bind the filter (?1..?6) and, when given, the position (?7..?9). */
static void bind_filter(sqlite3_stmt *st, const learner_filter *f, const learner_pos *p)
{
    sqlite3_bind_text(st, 1, f->unit, -1, SQLITE_TRANSIENT);
    bind_opt(st, 2, f->village);
    bind_opt(st, 3, f->group);
    bind_opt(st, 4, f->course);
    if (f->status >= 0 && f->status < LS__COUNT)
        sqlite3_bind_text(st, 5, lstatus_code((learner_status)f->status), -1, SQLITE_STATIC);
    char *needle = f->search ? text_fold(f->search) : NULL;
    if (needle && *needle)
        sqlite3_bind_text(st, 6, needle, -1, SQLITE_TRANSIENT);
    free(needle);
    if (p) {
        sqlite3_bind_text(st, 7, p->name_key ? p->name_key : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 8, p->id ? p->id : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 9, p->course ? p->course : "", -1, SQLITE_TRANSIENT);
    }
}

static void copy_text(char *dst, size_t size, sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    snprintf(dst, size, "%s", t ? t : "");
}

static char *dup_text(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return xstrdup(t ? t : "");
}

/* Fill l from a row of COLS. */
static void read_learner(sqlite3_stmt *st, learner *l)
{
    memset(l, 0, sizeof *l);
    copy_text(l->unit, sizeof l->unit, st, 0);
    copy_text(l->id, sizeof l->id, st, 1);
    copy_text(l->course, sizeof l->course, st, 2);
    l->full_name = dup_text(st, 3);
    l->birth_year = sqlite3_column_int(st, 4);
    copy_text(l->gender, sizeof l->gender, st, 5);
    copy_text(l->group, sizeof l->group, st, 6);
    l->village = dup_text(st, 7);
    if (lstatus_parse((const char *)sqlite3_column_text(st, 8), &l->status) != 0)
        l->status = LS_REGISTERED;
    copy_text(l->updated_at, sizeof l->updated_at, st, 9);
    copy_text(l->updated_by, sizeof l->updated_by, st, 10);
    l->name_key = dup_text(st, 11);
}

/* Run one page statement; rows come in statement order.  *more: a row
 * beyond limit exists. */
static int run_page(td_db *db, const char *sql, const learner_filter *f, const learner_pos *pos,
                    size_t limit, learner_page *out, int *more)
{
    sqlite3_stmt *st = prep(db, sql);
    if (!st)
        return TD_EDB;
    bind_filter(st, f, pos);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)limit + 1);
    out->rows = xcalloc(limit + 1, sizeof *out->rows);
    out->n = 0;
    *more = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == limit) {
            *more = 1;
            break;
        }
        read_learner(st, &out->rows[out->n++]);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

/* Is there a matching row before (dir < 0) or after the position? */
static int exists_beyond(td_db *db, const learner_filter *f, const learner_pos *pos, int dir,
                         int *yes)
{
    learner_page p = {0};
    int rc = run_page(db, sql_for(f, dir < 0 ? Q_BEFORE : Q_AFTER), f, pos, 0, &p, yes);
    learner_page_free(&p);
    return rc;
}

static void reverse(learner_page *p)
{
    for (size_t i = 0, j = p->n; i + 1 < j; i++, j--) {
        learner t = p->rows[i];
        p->rows[i] = p->rows[j - 1];
        p->rows[j - 1] = t;
    }
}

int learner_page_load(td_db *db, const learner_filter *f, const learner_pos *pos, learner_dir dir,
                      size_t limit, learner_page *out)
{
    memset(out, 0, sizeof *out);
    int back = dir == LP_BEFORE, more = 0;
    int q = back ? (pos ? Q_BEFORE : Q_LAST) : !pos ? Q_FIRST : dir == LP_FROM ? Q_FROM : Q_AFTER;
    const char *sql = sql_for(f, q);
    int rc = run_page(db, sql, f, pos, limit, out, &more);
    if (back)
        reverse(out);
    if (back)
        out->more_before = more;
    else
        out->more_after = more;
    /* the other side: anything beyond the page's edge (or pos) */
    if (rc == TD_OK && pos) {
        learner_pos edge = *pos;
        if (out->n)
            edge = learner_pos_of(&out->rows[back ? out->n - 1 : 0]);
        int *other = back ? &out->more_after : &out->more_before;
        rc = exists_beyond(db, f, &edge, back ? 1 : -1, other);
    }
    if (rc != TD_OK)
        learner_page_free(out);
    return rc;
}

void learner_page_free(learner_page *p)
{
    for (size_t i = 0; p->rows && i < p->n; i++)
        learner_clear(&p->rows[i]);
    free(p->rows);
    memset(p, 0, sizeof *p);
}

long learner_count(td_db *db, const learner_filter *f, const learner_pos *before)
{
    sqlite3_stmt *st = prep(db, sql_for(f, before ? Q_COUNT_BEFORE : Q_COUNT));
    if (!st)
        return -1;
    bind_filter(st, f, before);
    long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

static int by_collation(const void *a, const void *b)
{
    return text_collate(*(char *const *)a, *(char *const *)b);
}

int learner_villages(td_db *db, const char *unit, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st =
        prep(db, "SELECT DISTINCT village FROM learners WHERE unit_code = ? AND village <> ''");
    if (!st)
        return TD_EDB;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        (*out)[(*n)++] = dup_text(st, 0);
    }
    sqlite3_reset(st);
    if (*n)
        qsort(*out, *n, sizeof **out, by_collation);
    return rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

void learner_villages_free(char ***list, size_t n)
{
    for (size_t i = 0; *list && i < n; i++)
        free((*list)[i]);
    xfree(list);
}

int learner_get(td_db *db, const char *unit, const char *id, const char *course, learner *out)
{
    sqlite3_stmt *st = prep(db, COLS " WHERE unit_code = ? AND learner_id = ?"
                                     " AND course_code = ?");
    memset(out, 0, sizeof *out);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, course, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_learner(st, out);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

char *store_learner_next_id(td_db *db, const char *unit)
{
    sqlite3_stmt *st = prep(db, "SELECT max(learner_id) FROM learners WHERE unit_code = ?"
                                " AND learner_id BETWEEN 'L000000' AND 'L999999'"
                                " AND learner_id GLOB 'L[0-9][0-9][0-9][0-9][0-9][0-9]'");
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    long next = 1;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        next = atol((const char *)sqlite3_column_text(st, 0) + 1) + 1;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return NULL;
    /* never hand out again the id of a deleted learner: the audit trail
     * and undo know rows by their key */
    char meta[32], *seen;
    snprintf(meta, sizeof meta, "learner_seq.%s", unit);
    if ((seen = store_meta_get(db, meta)) && atol(seen) >= next)
        next = atol(seen) + 1;
    free(seen);
    char num[24];
    snprintf(num, sizeof num, "%ld", next);
    if (store_meta_set(db, meta, num) != 0)
        return NULL;
    return xasprintf("L%06ld", next);
}

int store_learner_courses(td_db *db, const char *unit, const char *id,
                          int (*fn)(void *ctx, const char *course), void *ctx)
{
    sqlite3_stmt *st =
        prep(db, "SELECT course_code FROM learners WHERE unit_code = ? AND learner_id = ?");
    if (!st)
        return TD_EDB;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(st, 0)))
            break;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}
