/* cmd-user.c - `theodoi user add|list|remove`: roles of Unix logins. */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/codes.h"
#include "theodoi/i18n.h"
#include "theodoi/users.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int print_user(void *ctx, const char *login, const char *role, const char *unit,
                      const char *at, const char *by)
{
    (void)ctx;
    printf("%-16s %-8s %-6s %s %s\n", login, role, unit, at, by);
    return 0;
}

static int count_admin(void *ctx, const char *login, const char *role, const char *unit,
                       const char *at, const char *by)
{
    (void)login, (void)unit, (void)at, (void)by;
    if (role && strcmp(role, role_code(ROLE_ADMIN)) == 0)
        ++*(long *)ctx;
    return 0;
}

/* 1 when login is the only admin left: removing it, or giving it another
 * role, would leave a database that nobody can manage. */
static int last_admin(td_db *db, const char *login)
{
    role_kind r = ROLE_NONE;
    char *unit = NULL;
    long admins = 0;
    if (store_user_get(db, login, &r, &unit) != TD_OK)
        r = ROLE_NONE;
    free(unit);
    if (r != ROLE_ADMIN || store_users_each(db, count_admin, &admins) != TD_OK)
        return 0;
    if (admins > 1)
        return 0;
    cmd_error(_("%s is the last admin of this database; make another login admin first"), login);
    return 1;
}

/* `user add LOGIN --role R [--unit CODE]`. */
static int user_add(td_db *db, int argc, char **argv)
{
    const char *login = NULL, *rs = NULL, *unit = NULL;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--role") && i + 1 < argc)
            rs = argv[++i];
        else if (!strcmp(argv[i], "--unit") && i + 1 < argc)
            unit = argv[++i];
        else if (!login && argv[i][0] != '-')
            login = argv[i];
        else
            return cmd_usage("user");
    }
    role_kind role;
    if (!login || !rs || role_parse(rs, &role) != 0 || role == ROLE_NONE)
        return cmd_usage("user");
    if (role != ROLE_ADMIN && last_admin(db, login))
        return TD_EINPUT;
    char *code = NULL;
    if (role == ROLE_COMMUNE) {
        if (!unit) {
            cmd_error("%s", _("a commune login needs --unit CODE"));
            return TD_EUSAGE;
        }
        code = cmd_unit_arg(db, unit);
        if (store_code_exists(db, CODE_UNIT, code, NULL) != 1) {
            cmd_error(_("unknown unit %s"), code);
            free(code);
            return TD_EINPUT;
        }
    }
    int rc = store_user_put(db, login, role, code, td_login());
    if (rc == TD_OK)
        printf(_("%s is now %s%s%s.\n"), login, role_code(role), code ? " " : "", code ? code : "");
    free(code);
    return rc;
}

int cmd_user(cmd_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cmd_usage("user");
    td_db *db = cmd_open(ctx, 0);
    if (!db)
        return TD_EDB;
    int rc;
    role_kind role;
    char *unit = NULL;
    cmd_role(db, &role, &unit);
    free(unit);
    if (!strcmp(argv[1], "list") && argc == 2) {
        rc = store_users_each(db, print_user, NULL);
    } else if (role != ROLE_ADMIN) {
        cmd_error(_("only an admin may change users; your login (%s) is %s"), td_login(),
                  role_code(role));
        rc = TD_EINPUT;
    } else if (!strcmp(argv[1], "add")) {
        rc = user_add(db, argc, argv);
    } else if (!strcmp(argv[1], "remove") && argc == 3 && last_admin(db, argv[2])) {
        rc = TD_EINPUT;
    } else if (!strcmp(argv[1], "remove") && argc == 3) {
        int r = store_user_remove(db, argv[2]);
        rc = r < 0 ? TD_EDB : r == 0 ? TD_EINPUT : TD_OK;
        if (r == 0)
            cmd_error(_("no such user: %s"), argv[2]);
    } else {
        rc = cmd_usage("user");
    }
    db_close(&db);
    return rc;
}
