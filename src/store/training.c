/* training.c (store) - the SQL of the training screens: a commune's
 * table for a month, monthly sums for trends, groups and courses. */
#include "config.h"

#include "theodoi/training.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <string.h>

static int64_t int_or_none(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
}

static int done(sqlite3_stmt *st, int rc)
{
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

int store_training_prev_month(td_db *db, const char *unit, const char *before, char out[8])
{
    sqlite3_stmt *st =
        db_prep(db, "SELECT max(period) FROM training WHERE unit_code = ? AND period < ?");
    out[0] = '\0';
    if (!st)
        return TD_EDB;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, before, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        snprintf(out, 8, "%s", (const char *)sqlite3_column_text(st, 0));
    return done(st, rc);
}

/* ?1 unit, ?2 month, ?3 the earlier month (may be ''), ?4 the year.  The
 * row of a pair is its row of ?2, else of ?3 (max(period) of the two);
 * a pair with a target and no row has NULL counts. */
static const char TABLE_SQL[] =
    "WITH pairs(g, c) AS ("
    " SELECT group_code, course_code FROM training"
    "  WHERE unit_code = ?1 AND period IN (?2, ?3)"
    " UNION SELECT group_code, course_code FROM targets WHERE period = ?4)"
    " SELECT p.g, coalesce(g.title, p.g), p.c, coalesce(c.title, p.c), t.period,"
    "  t.population, t.registered, t.completed, t.confirmed, tg.target_pct,"
    "  EXISTS(SELECT 1 FROM learner_counts lc WHERE lc.unit_code = ?1"
    "   AND lc.group_code = p.g AND lc.course_code = p.c AND lc.registered > 0),"
    "  t.updated_at, t.updated_by"
    " FROM pairs p"
    " LEFT JOIN training t ON t.unit_code = ?1 AND t.group_code = p.g"
    "  AND t.course_code = p.c AND t.period = (SELECT max(period) FROM training t2"
    "   WHERE t2.unit_code = ?1 AND t2.period IN (?2, ?3)"
    "   AND t2.group_code = p.g AND t2.course_code = p.c)"
    " LEFT JOIN groups g ON g.group_code = p.g"
    " LEFT JOIN courses c ON c.course_code = p.c"
    " LEFT JOIN targets tg ON tg.period = ?4 AND tg.group_code = p.g"
    "  AND tg.course_code = p.c"
    " ORDER BY coalesce(g.ord, 999), p.g, p.c";

int store_training_table(td_db *db, const char *unit, const char *month, const char *prev,
                         const char *year, int (*fn)(void *ctx, const tr_raw *r), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, TABLE_SQL);
    if (!st)
        return TD_EDB;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, month, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, prev ? prev : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, year, -1, SQLITE_TRANSIENT);
    int rc;
#define TXT(i) ((const char *)sqlite3_column_text(st, i))
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        tr_raw r = {
            .group = TXT(0),
            .group_title = TXT(1),
            .course = TXT(2),
            .course_title = TXT(3),
            .period = TXT(4),
            .population = int_or_none(st, 5),
            .registered = int_or_none(st, 6),
            .completed = int_or_none(st, 7),
            .confirmed = int_or_none(st, 8),
            .target_pct =
                sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 9),
            .from_roster = sqlite3_column_int(st, 10),
            .updated_at = TXT(11),
            .updated_by = TXT(12),
        };
        if (fn(ctx, &r))
            break;
    }
#undef TXT
    return done(st, rc);
}

/* ?1 scope (NULL: all communes; 2 digits: a province; else one unit),
 * ?2 first month, ?3 last month.  Units drive the join (CROSS JOIN keeps
 * them outside), so each unit's rows are a primary-key range: the window
 * plus its latest earlier month, found by the correlated max(). */
static const char SUMS_SQL[] =
    "SELECT t.unit_code, t.period, sum(t.population), sum(t.confirmed)"
    " FROM units u CROSS JOIN training t ON t.unit_code = u.code"
    " WHERE (CASE WHEN ?1 IS NULL THEN u.kind IN ('phuong', 'xa', 'dac_khu')"
    "   WHEN length(?1) = 2 THEN u.parent_code = ?1 ELSE u.code = ?1 END)"
    " AND t.period <= ?3"
    " AND t.period >= coalesce((SELECT max(period) FROM training t2"
    "   WHERE t2.unit_code = u.code AND t2.period < ?2), ?2)"
    " GROUP BY t.unit_code, t.period ORDER BY t.unit_code, t.period";

int store_training_sums(td_db *db, const char *unit, const char *first, const char *last,
                        int (*fn)(void *ctx, const char *unit, const char *month, int64_t pop,
                                  int64_t conf),
                        void *ctx)
{
    sqlite3_stmt *st = db_prep(db, SUMS_SQL);
    if (!st)
        return TD_EDB;
    if (unit)
        sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, first, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, last, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
               (const char *)sqlite3_column_text(st, 1), int_or_none(st, 2), int_or_none(st, 3)))
            break;
    return done(st, rc);
}

int store_training_choices(td_db *db, tr_choice_kind which,
                           int (*fn)(void *ctx, const char *code, const char *title), void *ctx)
{
    sqlite3_stmt *st = db_prep(
        db, which == TR_GROUPS ? "SELECT group_code, title FROM groups ORDER BY ord, group_code"
                               : "SELECT course_code, title FROM courses ORDER BY course_code");
    if (!st)
        return TD_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
               (const char *)sqlite3_column_text(st, 1)))
            break;
    return done(st, rc);
}
