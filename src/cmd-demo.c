/* cmd-demo.c - `theodoi demo [--no-ui]`: a demo database of Hải Phòng.
 * An existing demo database is reused; a real one is never touched. */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/i18n.h"
#include "theodoi/init.h"
#include "theodoi/store.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cmd_demo(cmd_ctx *ctx, int argc, char **argv)
{
    int ui = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--no-ui"))
            ui = 0;
        else
            return cmd_usage("demo");
    }
    struct stat sb;
    int exists = stat(ctx->db_path, &sb) == 0;
    td_db *db = cmd_open(ctx, 1);
    if (!db)
        return TD_EDB;
    char *demo = store_meta_get(db, "demo"), *scope = store_meta_get(db, "scope_province");
    int rc = TD_OK;
    if (exists && scope && !demo) {
        cmd_error(
            _("%s holds real data, not a demo; give the demo its own file: theodoi --db demo.db demo"),
            ctx->db_path);
        rc = TD_EINPUT;
    } else if (!demo) {
        printf("%s", _("Creating the demo database of Hai Phong (114 communes)...\n"));
        rc = init_load(db, "31", NULL, 1);
        if (rc == TD_OK)
            rc = demo_fill(db);
        if (rc == TD_OK)
            printf(_("Demo ready: %s\n"), ctx->db_path);
        else
            cmd_error(_("database error: %s"), db_error(db));
    }
    if (rc == TD_OK && ui)
        rc = tui_run(db, ctx->db_path);
    free(demo);
    free(scope);
    db_close(&db);
    return rc;
}
