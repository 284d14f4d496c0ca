/* cmd-undo.c - `theodoi undo BATCH`: revert one import batch. */
#include "config.h"

#include "theodoi/batches.h"
#include "theodoi/cmd.h"
#include "theodoi/i18n.h"
#include "theodoi/sync.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_undo(cmd_ctx *ctx, int argc, char **argv)
{
    long long id;
    if (argc != 2 || str_to_long(argv[1], &id) != 0)
        return cmd_usage("undo");
    td_db *db = cmd_open(ctx, 0);
    if (!db)
        return TD_EDB;
    role_kind role;
    char *unit = NULL;
    cmd_role(db, &role, &unit);
    free(unit);
    int rc;
    problems p;
    problems_init(&p, 50);
    batch_info b = {0};
    int own = role != ROLE_NONE && store_batch_get(db, id, &b) == 1 && !strcmp(b.login, td_login());
    free(b.files);
    if (role != ROLE_ADMIN && role != ROLE_CITY && !own) {
        cmd_error(_("your login (%s) may not undo imports: ask the city office or an admin"),
                  td_login());
        rc = TD_EINPUT;
    } else {
        rc = sync_undo(db, id, td_login(), &p);
    }
    for (size_t i = 0; i < p.n; i++)
        cmd_error("%s", p.msg[i]);
    if (p.count > p.n)
        cmd_error(_("... and %zu more problems"), p.count - p.n);
    if (rc == TD_OK)
        printf(_("Batch %lld undone.\n"), id);
    else if (rc == TD_EINPUT && p.count)
        cmd_error(_("batch %lld was not undone; nothing was changed"), id);
    else if (rc == TD_EDB)
        cmd_error(_("database error: %s"), db_error(db));
    problems_free(&p);
    db_close(&db);
    return rc;
}
