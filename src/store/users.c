/* users.c - roles of logins; tasks and groups. */
#include "config.h"

#include "theodoi/date.h"
#include "theodoi/users.h"
#include "theodoi/util.h"

int store_user_get(td_db *db, const char *login, role_kind *role, char **unit)
{
    sqlite3_stmt *st = db_prep(db, "SELECT role, unit_code FROM users WHERE login = ?");
    *role = ROLE_NONE;
    *unit = NULL;
    if (!st)
        return TD_EDB;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        role_parse((const char *)sqlite3_column_text(st, 0), role);
        if (sqlite3_column_text(st, 1))
            *unit = xstrdup((const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

int store_user_put(td_db *db, const char *login, role_kind role, const char *unit, const char *by)
{
    sqlite3_stmt *st = db_prep(db, "INSERT OR REPLACE INTO users VALUES(?1, ?2, ?3, ?5, ?4)");
    if (!st)
        return TD_EDB;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, role_code(role), -1, SQLITE_STATIC);
    if (unit)
        sqlite3_bind_text(st, 3, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, by, -1, SQLITE_TRANSIENT);
    char now[32];
    ts_format(ts_now(), now);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

int store_user_remove(td_db *db, const char *login)
{
    sqlite3_stmt *st = db_prep(db, "DELETE FROM users WHERE login = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return -1;
    return sqlite3_changes(db_handle(db)) > 0;
}

int store_users_each(td_db *db,
                     int (*fn)(void *ctx, const char *login, const char *role, const char *unit,
                               const char *added_at, const char *added_by),
                     void *ctx)
{
    sqlite3_stmt *st = db_prep(
        db,
        "SELECT login, role, coalesce(unit_code, ''), added_at, added_by FROM users ORDER BY login");
    if (!st)
        return TD_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
               (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
               (const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4)))
            break;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

long store_user_count(td_db *db)
{
    sqlite3_stmt *st = db_prep(db, "SELECT count(*) FROM users");
    if (!st)
        return -1;
    long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

/* Insert or update a row of a small reference table. */
static int ref_put(td_db *db, const char *sql, const char *code, const char *title, int ord)
{
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return TD_EDB;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, ord);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? TD_OK : TD_EDB;
}

int store_task_put(td_db *db, const char *code, const char *title, int ord)
{
    return ref_put(db, "INSERT OR REPLACE INTO tasks VALUES(?, ?, ?)", code, title, ord);
}

int store_group_put(td_db *db, const char *code, const char *title, int ord)
{
    return ref_put(db, "INSERT OR REPLACE INTO groups VALUES(?, ?, ?)", code, title, ord);
}
