/* cmd-common.c - what several commands share: the login's role, the scope
 * of the database, printing an import report. */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/codes.h"
#include "theodoi/date.h"
#include "theodoi/i18n.h"
#include "theodoi/store.h"
#include "theodoi/users.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cmd_role(td_db *db, role_kind *role, char **unit)
{
    if (store_user_get(db, td_login(), role, unit) != TD_OK)
        *role = ROLE_NONE;
}

char *cmd_unit_arg(td_db *db, const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= 5 || strspn(s, "0123456789") != n)
        return xstrdup(s);
    char *commune = xasprintf("%05d", atoi(s));
    if (n > 2 || store_code_exists(db, CODE_UNIT, commune, NULL) == 1)
        return commune;
    free(commune);
    return xasprintf("%02d", atoi(s));
}

char *cmd_period_arg(const char *s)
{
    int y, m;
    if (period_parse_month(s, &y, &m) == 0)
        return xasprintf("%04d-%02d", y, m);
    if (period_parse_year(s, &y) == 0)
        return xasprintf("%04d", y);
    return xstrdup(s);
}
