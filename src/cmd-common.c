/* cmd-common.c - what several commands share: the login's role, the scope
 * of the database, printing an import report. */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/i18n.h"
#include "theodoi/store.h"
#include "theodoi/users.h"
#include "theodoi/util.h"

#include <stdlib.h>

void cmd_role(td_db *db, role_kind *role, char **unit)
{
    if (store_user_get(db, td_login(), role, unit) != TD_OK)
        *role = ROLE_NONE;
}
