/* users.h - who may do what: roles of Unix logins (store layer). */
#ifndef THEODOI_USERS_H
#define THEODOI_USERS_H

#include "theodoi/db.h"
#include "theodoi/status.h"

/* The role of login (ROLE_NONE when it has none) and its unit (malloc'd
 * into *unit, NULL when none).  TD_OK or TD_EDB. */
int store_user_get(td_db *db, const char *login, role_kind *role, char **unit);
int store_user_put(td_db *db, const char *login, role_kind role, const char *unit, const char *by);
/* 1 removed, 0 no such user, -1 error. */
int store_user_remove(td_db *db, const char *login);
int store_users_each(td_db *db,
                     int (*fn)(void *ctx, const char *login, const char *role, const char *unit,
                               const char *added_at, const char *added_by),
                     void *ctx);
long store_user_count(td_db *db);

/* Reference data without a CSV kind of their own: tasks and groups. */
int store_task_put(td_db *db, const char *code, const char *title, int ord);
int store_group_put(td_db *db, const char *code, const char *title, int ord);

#endif
