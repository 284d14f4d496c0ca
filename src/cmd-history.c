/* cmd-history.c - `theodoi history`: the import batches, newest first. */
#include "config.h"

#include "theodoi/batches.h"
#include "theodoi/cmd.h"
#include "theodoi/i18n.h"
#include "theodoi/util.h"

#include <stdio.h>

/* One batch per line; an undone batch ends with "[undone TIME]". */
static int print_batch(void *ctx, const batch_info *b)
{
    (void)ctx;
    printf("%-6lld %-25s %-12s %6ld %6ld %6ld %6ld  %s", (long long)b->id, b->at, b->login,
           b->inserted, b->updated, b->unchanged, b->stale, b->files);
    if (b->undone_at[0])
        printf("%s%s]", _("  [undone "), b->undone_at);
    putchar('\n');
    return 0;
}

int cmd_history(cmd_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cmd_usage("history");
    td_db *db = cmd_open(ctx, 0);
    if (!db)
        return TD_EDB;
    printf("%-6s %-25s %-12s %6s %6s %6s %6s  %s\n", _("batch"), _("time"), _("login"), _("new"),
           _("upd"), _("same"), _("stale"), _("files"));
    int rc = store_batches_each(db, print_batch, NULL);
    db_close(&db);
    return rc;
}
