/* codes.c - look-ups of codes, roster counts, holidays. */
#include "config.h"

#include "theodoi/codes.h"
#include "theodoi/date.h"
#include "theodoi/util.h"

#include <string.h>

int store_code_exists(td_db *db, code_kind what, const char *code, int *yearly)
{
    static const char *const sql[] = {
        "SELECT '' FROM units WHERE code = ?",
        "SELECT due FROM items WHERE item_code = ?",
        "SELECT '' FROM groups WHERE group_code = ?",
        "SELECT '' FROM courses WHERE course_code = ?",
        "SELECT '' FROM tasks WHERE task_code = ?",
    };
    sqlite3_stmt *st = db_prep(db, sql[what]);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && yearly) {
        const char *due = (const char *)sqlite3_column_text(st, 0);
        *yearly = due && strncmp(due, "yearly:", 7) == 0;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_codes_each(td_db *db, code_kind what, int (*fn)(void *ctx, const char *code, int yearly),
                     void *ctx)
{
    static const char *const sql[] = {
        "SELECT code, '' FROM units ORDER BY code",
        "SELECT item_code, due FROM items ORDER BY item_code",
        "SELECT group_code, '' FROM groups ORDER BY group_code",
        "SELECT course_code, '' FROM courses ORDER BY course_code",
        "SELECT task_code, '' FROM tasks ORDER BY task_code",
    };
    sqlite3_stmt *st = db_prep(db, sql[what]);
    if (!st)
        return TD_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(st, 0);
        const char *due = (const char *)sqlite3_column_text(st, 1);
        if (code && fn(ctx, code, due && strncmp(due, "yearly:", 7) == 0) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

int store_learner_counts(td_db *db, const char *unit, const char *group, const char *course,
                         int64_t out[3])
{
    sqlite3_stmt *st = db_prep(db, "SELECT registered, completed, confirmed FROM learner_counts"
                                   " WHERE unit_code = ? AND group_code = ? AND course_code = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, group, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, course, -1, SQLITE_TRANSIENT);
    int found = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < 3; i++)
            out[i] = sqlite3_column_int64(st, i);
        found = out[0] > 0;
    }
    sqlite3_reset(st);
    return found;
}

int store_latest_population(td_db *db, const char *unit, const char *group, const char *course,
                            const char *month, int64_t *pop)
{
    sqlite3_stmt *st =
        db_prep(db, "SELECT population FROM training WHERE unit_code = ? AND period <= ?"
                    " AND group_code = ? AND course_code = ? ORDER BY period DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, month, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, group, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, course, -1, SQLITE_TRANSIENT);
    int found = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        found = 1;
        *pop = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    return found;
}

int store_roster_pairs(td_db *db, const char *unit,
                       int (*fn)(void *ctx, const char *group, const char *course), void *ctx)
{
    sqlite3_stmt *st =
        db_prep(db, "SELECT group_code, course_code FROM learner_counts WHERE unit_code = ?"
                    " AND registered > 0 ORDER BY 1, 2");
    if (!st)
        return TD_EDB;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
               (const char *)sqlite3_column_text(st, 1)))
            break;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

char *store_unit_name(td_db *db, const char *code)
{
    sqlite3_stmt *st = db_prep(db, "SELECT name FROM units WHERE code = ?");
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    char *name = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        name = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return name;
}

int store_holidays(td_db *db, int32_t **days, size_t *n)
{
    sqlite3_stmt *st = db_prep(db, "SELECT date FROM holidays ORDER BY date");
    *days = NULL;
    *n = 0;
    if (!st)
        return TD_EDB;
    size_t cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        td_day d;
        if (day_parse((const char *)sqlite3_column_text(st, 0), &d) != 0)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *days = xrealloc(*days, cap * sizeof **days);
        }
        (*days)[(*n)++] = d;
    }
    sqlite3_reset(st);
    return TD_OK;
}
