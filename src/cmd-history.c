/* cmd-history.c - `theodoi history`: the import batches, newest first. */
#include "config.h"

#include "theodoi/batches.h"
#include "theodoi/cmd.h"
#include "theodoi/i18n.h"
#include "theodoi/text.h"
#include "theodoi/util.h"

#include <stdio.h>

/* Print s in a column of width terminal columns, to the left (or the
 * right), padded by its display width: Vietnamese labels and logins have
 * letters of two or three bytes, which printf's %-12s would count. */
static void column(const char *s, int width, int right)
{
    int pad = width - text_width(s);
    if (right)
        printf("%*s", pad > 0 ? pad : 0, "");
    fputs(s, stdout);
    if (!right)
        printf("%*s", pad > 0 ? pad : 0, "");
}

/* One batch per line; an undone batch ends with "[undone TIME]". */
static int print_batch(void *ctx, const batch_info *b)
{
    (void)ctx;
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)b->id);
    column(num, 7, 0);
    column(b->at, 26, 0);
    column(b->login, 13, 0);
    long counts[4] = {b->inserted, b->updated, b->unchanged, b->stale};
    for (int i = 0; i < 4; i++) {
        snprintf(num, sizeof num, "%ld", counts[i]);
        column(num, 8, 1);
    }
    printf("  %s", b->files);
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
    column(_("batch"), 7, 0);
    column(_("time"), 26, 0);
    column(_("login"), 13, 0);
    const char *heads[4] = {_("new"), _("upd"), _("same"), _("stale")};
    for (int i = 0; i < 4; i++)
        column(heads[i], 8, 1);
    printf("  %s\n", _("files"));
    int rc = store_batches_each(db, print_batch, NULL);
    db_close(&db);
    return rc;
}
