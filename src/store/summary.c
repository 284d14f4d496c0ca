/* summary.c - per-commune progress in one query.
 *
 * The applicable items (with their overdue flags, computed by the model)
 * sit in a temp table; checklist rows are counted against it; training
 * sums come from each commune's latest month.  Sorting and paging are SQL,
 * so the dashboard never holds more than a screenful. */
#include "config.h"

#include "theodoi/date.h"
#include "theodoi/summary.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_items_each(td_db *db,
                     int (*fn)(void *ctx, const char *task, const char *item, const char *title,
                               const char *due),
                     void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT task_code, item_code, title, due FROM items"
                                   " ORDER BY task_code, ord, length(item_code), item_code");
    if (!st)
        return TD_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
               (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
               (const char *)sqlite3_column_text(st, 3)))
            break;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

int store_summary_items(td_db *db, const cur_item *items, size_t n)
{
    if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS cur_items(item_code TEXT"
                    " PRIMARY KEY, period TEXT NOT NULL, od INTEGER NOT NULL)") != TD_OK ||
        db_exec(db, "DELETE FROM temp.cur_items") != TD_OK)
        return TD_EDB;
    sqlite3_stmt *st = db_prep(db, "INSERT OR REPLACE INTO temp.cur_items VALUES(?, ?, ?)");
    if (!st)
        return TD_EDB;
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, items[i].item_code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, items[i].period, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 3, items[i].overdue_if_open);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_reset(st);
            return TD_EDB;
        }
    }
    sqlite3_reset(st);
    return TD_OK;
}

/* clang-format off */
/* The communes of the query; ?1 scope, ?2 folded match. */
#define UNIT_FILTER \
    " u.kind IN ('phuong', 'xa', 'dac_khu')" \
    " AND (?1 IS NULL OR u.parent_code = ?1 OR u.code = ?1)" \
    " AND (?2 IS NULL OR instr(u.name_fold, ?2) > 0 OR u.code = ?2)"

/* One row per commune of src (units as u), every figure found through
 * the commune's own keys, so the cost is per commune and never grows with
 * its roster or its history: the training rows of its latest month (a
 * primary-key range), the last update of its checklist and training rows
 * (indexes checklist_last, training_last), and its checklist counts
 * packed in one number (na + done * 2^20 + overdue-closed * 2^40).  The
 * sums are made first, then the other figures (both MATERIALIZED), so
 * that each is computed once per commune, not once per training row or
 * per use.  The query goes on from f. */
#define PER_UNIT(src) \
    "WITH s AS MATERIALIZED (SELECT u.code code, u.name name, u.name_key name_key," \
    " sum(tr.population) pop, sum(tr.registered) reg, sum(tr.completed) comp," \
    " sum(tr.confirmed) conf, coalesce(tr.period, '') period," \
    " sum(CASE WHEN tg.target_pct IS NOT NULL THEN tr.population END) tpop," \
    " sum(tr.population * tg.target_pct) tsum" \
    " FROM " src \
    " LEFT JOIN training tr ON tr.unit_code = u.code AND tr.period =" \
    "  (SELECT max(t2.period) FROM training t2 WHERE t2.unit_code = u.code)" \
    " LEFT JOIN targets tg ON tg.period = substr(tr.period, 1, 4)" \
    "  AND tg.group_code = tr.group_code AND tg.course_code = tr.course_code" \
    " WHERE" UNIT_FILTER " GROUP BY u.code)," \
    " f AS MATERIALIZED (SELECT s.*," \
    " max(coalesce((SELECT max(updated_at) FROM checklist WHERE unit_code = s.code), '')," \
    "     coalesce((SELECT max(updated_at) FROM training WHERE unit_code = s.code), ''))" \
    "  last," \
    " EXISTS(SELECT 1 FROM training WHERE unit_code = s.code AND period = ?4) this_month," \
    " coalesce((SELECT sum(ch.status = 'na') + 1048576 * sum(ch.status = 'done')" \
    "   + 1099511627776 * sum(ci.od AND ch.status IN ('done', 'na'))" \
    "   FROM checklist ch JOIN temp.cur_items ci ON ci.item_code = ch.item_code" \
    "   AND ci.period = ch.period WHERE ch.unit_code = s.code), 0) cp" \
    " FROM s) "

/* The columns store_summary_each reads, after PER_UNIT; ?3 overdue only. */
#define SUMMARY_COLS \
    "SELECT code, name," \
    " (SELECT count(*) FROM temp.cur_items) - (cp & 1048575) total," \
    " (cp >> 20) & 1048575 done," \
    " (SELECT count(*) FROM temp.cur_items WHERE od) - (cp >> 40) overdue," \
    " pop, reg, comp, conf, last, period," \
    " CASE WHEN tpop > 0 THEN tsum / tpop END target, this_month," \
    " CASE WHEN pop > 0 THEN conf * 1.0 / pop END ratio"

/* clang-format on */

static const char *const ORDER_COLS[] = {"name_key", "done * 1.0 / max(total, 1)", "overdue",
                                         "coalesce(ratio, -1)", "last"};

/* The SQL for an order, made once per order and direction.  In name
 * order without the overdue filter, the page of communes is chosen first
 * (index units_parent) and only its figures are computed. */
static const char *summary_sql(summary_order o, int desc, int only_overdue)
{
    static char *sql[5][2][2];
    const char *dir = desc ? "DESC" : "ASC";
    int paged = o == SUM_BY_NAME && !only_overdue;
    if (sql[o][desc][paged])
        return sql[o][desc][paged];
    if (paged)
        sql[o][desc][paged] =
            xasprintf(PER_UNIT("(SELECT * FROM units u WHERE" UNIT_FILTER
                               " ORDER BY u.name_key %s, u.code %s LIMIT ?5 OFFSET ?6) u")
                          SUMMARY_COLS " FROM f ORDER BY name_key %s, code %s",
                      dir, dir, dir, dir);
    else
        sql[o][desc][paged] = xasprintf(PER_UNIT("units u") SUMMARY_COLS
                                        " FROM f WHERE ?3 = 0 OR overdue > 0"
                                        " ORDER BY %s %s, name_key, code LIMIT ?5 OFFSET ?6",
                                        ORDER_COLS[o], dir);
    return sql[o][desc][paged];
}

/* Bind the query's filters. */
static void bind_query(sqlite3_stmt *st, const summary_query *q)
{
    if (q->scope)
        sqlite3_bind_text(st, 1, q->scope, -1, SQLITE_TRANSIENT);
    if (q->match && *q->match)
        sqlite3_bind_text(st, 2, q->match, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, q->only_overdue);
    char month[8];
    int y, m, d;
    day_to_ymd(day_today(), &y, &m, &d);
    snprintf(month, sizeof month, "%04d-%02d", y, m);
    sqlite3_bind_text(st, 4, month, -1, SQLITE_TRANSIENT);
}

static int64_t int_or_none(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
}

int store_summary_each(td_db *db, const summary_query *q,
                       int (*fn)(void *ctx, const summary_row *r), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, summary_sql(q->order, q->descending != 0, q->only_overdue != 0));
    if (!st)
        return TD_EDB;
    bind_query(st, q);
    sqlite3_bind_int64(st, 5, q->limit > 0 ? q->limit : -1);
    sqlite3_bind_int64(st, 6, q->offset);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        summary_row r = {
            .code = (const char *)sqlite3_column_text(st, 0),
            .name = (const char *)sqlite3_column_text(st, 1),
            .items_total = sqlite3_column_int(st, 2),
            .items_done = sqlite3_column_int(st, 3),
            .items_overdue = sqlite3_column_int(st, 4),
            .population = int_or_none(st, 5),
            .registered = int_or_none(st, 6),
            .completed = int_or_none(st, 7),
            .confirmed = int_or_none(st, 8),
            .last_update = (const char *)sqlite3_column_text(st, 9),
            .period = (const char *)sqlite3_column_text(st, 10),
            .target_pct =
                sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 11),
            .reported_this_month = sqlite3_column_int(st, 12),
        };
        if (fn(ctx, &r))
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

long store_summary_count(td_db *db, const summary_query *q)
{
    static const char all[] = "SELECT count(*) FROM units u WHERE" UNIT_FILTER;
    static const char overdue[] =
        PER_UNIT("units u") "SELECT count(*) FROM (" SUMMARY_COLS " FROM f) WHERE overdue > 0";
    sqlite3_stmt *st = db_prep(db, q->only_overdue ? overdue : all);
    if (!st)
        return -1;
    bind_query(st, q);
    long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}
