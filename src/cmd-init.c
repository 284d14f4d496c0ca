/* cmd-init.c - `theodoi init`: create or upgrade the database and load
 * the reference data from share/ (units in scope, the task template,
 * groups, courses, holidays) with init_load() (src/sync/init.c).  Without
 * --province or --unit an existing database keeps its scope. */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/i18n.h"
#include "theodoi/init.h"
#include "theodoi/store.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A code typed without its leading zeros ("4" for 00004, "1" for 01). */
static char *pad_arg(const char *s, int width)
{
    size_t n = strlen(s);
    if (n == 0 || n >= (size_t)width || strspn(s, "0123456789") != n)
        return xstrdup(s);
    return xasprintf("%0*d", width, atoi(s));
}

int cmd_init(cmd_ctx *ctx, int argc, char **argv)
{
    const char *province = NULL, *unit = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--province") && i + 1 < argc)
            province = argv[++i];
        else if (!strcmp(argv[i], "--unit") && i + 1 < argc)
            unit = argv[++i];
        else
            return cmd_usage("init");
    }
    if (province && unit)
        return cmd_usage("init");
    char *p = province ? pad_arg(province, 2) : NULL, *u = unit ? pad_arg(unit, 5) : NULL;
    char *prov = NULL;
    int rc = init_scope(p, u, &prov);
    td_db *db = rc == TD_OK ? cmd_open(ctx, 1) : NULL;
    if (rc == TD_OK && !db)
        rc = TD_EDB;
    if (rc != TD_OK) {
        free(p);
        free(u);
        free(prov);
        return rc;
    }
    char *old = store_meta_get(db, "scope_province"), *old_unit = store_meta_get(db, "scope_unit");
    if (old && prov && strcmp(old, prov) != 0) {
        cmd_error(_("%s already holds province %s; use another --db"), ctx->db_path, old);
        rc = TD_EINPUT;
    } else {
        /* without options an existing database keeps its scope */
        rc = init_load(db, prov ? prov : old, u ? u : p ? NULL : old_unit, 0);
    }
    if (rc == TD_OK)
        printf(_("Database ready: %s\n"), ctx->db_path);
    free(old);
    free(old_unit);
    free(prov);
    free(p);
    free(u);
    db_close(&db);
    return rc;
}
