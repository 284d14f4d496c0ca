/* cmd-init.c - `theodoi init`: create or upgrade the database and load
 * the reference data from share/ (units in scope, the task template,
 * groups, courses, holidays).  Loading goes through the importer, so it
 * is validated and idempotent: running init again changes nothing. */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/csvio.h"
#include "theodoi/i18n.h"
#include "theodoi/init.h"
#include "theodoi/paths.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"
#include "theodoi/users.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Find code in the shipped units file: 1 found (*parent set for a
 * commune, malloc'd), 0 not found, -1 file unreadable. */
static int find_unit(const char *code, char **parent)
{
    char *path = td_share_path("units-2025.csv"), *err = NULL;
    csv_in *in = csv_in_open(path, &err);
    free(path);
    if (!in) {
        cmd_error("%s", err);
        free(err);
        return -1;
    }
    csv_rec rec;
    int found = 0;
    while (!found && csv_in_next(in, &rec) > 0)
        if (rec.n == 4 && strcmp(rec.field[0], code) == 0) {
            found = 1;
            *parent = rec.field[3][0] ? xstrdup(rec.field[3]) : NULL;
        }
    csv_in_free(&in);
    return found;
}

/* Load a two-column reference file (tasks, groups) with put(). */
static int load_ref(td_db *db, const char *name,
                    int (*put)(td_db *, const char *, const char *, int))
{
    char *path = td_share_path(name), *err = NULL;
    csv_in *in = csv_in_open(path, &err);
    if (!in) {
        cmd_error("%s: %s", path, err);
        free(path);
        free(err);
        return TD_EINPUT;
    }
    csv_rec rec;
    int ord = 0, rc = TD_OK;
    csv_in_next(in, &rec);  /* header */
    while (rc == TD_OK && csv_in_next(in, &rec) > 0)
        if (rec.n >= 2)
            rc = put(db, rec.field[0], rec.field[1], ord++);
    csv_in_free(&in);
    free(path);
    return rc;
}

int init_load(td_db *db, const char *province, const char *unit, int quiet)
{
    if (db_begin(db) != TD_OK)
        return TD_EDB;
    int rc = load_ref(db, "tasks.csv", store_task_put);
    if (rc == TD_OK)
        rc = load_ref(db, "groups.csv", store_group_put);
    if (rc == TD_OK && store_user_count(db) == 0)
        rc = store_user_put(db, td_login(), ROLE_ADMIN, NULL, td_login());
    if (rc == TD_OK) {
        store_meta_set(db, "scope_province", province);
        store_meta_set(db, "scope_unit", unit);
    }
    rc = rc == TD_OK ? db_commit(db) : (db_rollback(db), rc);
    if (rc != TD_OK)
        return rc;
    static const char *const files[] = {"units-2025.csv", "items.csv", "courses.csv",
                                        "holidays.csv"};
    char *paths[4];
    for (int i = 0; i < 4; i++)
        paths[i] = td_share_path(files[i]);
    import_opts o = {.role = ROLE_ADMIN, .login = td_login(), .max_problems = 20,
                     .scope_province = province, .scope_unit = unit};
    import_report rep;
    rc = sync_import(db, paths, 4, &o, &rep);
    for (size_t i = 0; i < rep.errors.n; i++)
        cmd_error("%s", rep.errors.msg[i]);
    if (rc == TD_OK && !quiet) {
        const import_counts *u = &rep.by_kind[KIND_UNITS];
        printf(_("Units: %ld new, %ld changed, %ld unchanged.\n"), u->inserted, u->updated,
               u->unchanged);
    }
    import_report_free(&rep);
    for (int i = 0; i < 4; i++)
        free(paths[i]);
    return rc;
}

/* Decide the scope from the options; prints the error itself. */
int init_scope(const char *province, const char *unit, char **prov_out)
{
    const char *code = unit ? unit : province;
    *prov_out = NULL;
    if (!code)
        return TD_OK;
    char *parent = NULL;
    int found = find_unit(code, &parent);
    if (found < 0)
        return TD_EINPUT;
    if (!found || (province && parent) || (unit && !parent)) {
        cmd_error(unit ? _("unknown commune %s: it is not in the units list (share/units-2025.csv)")
                       : _("unknown province %s: it is not in the units list (share/units-2025.csv)"),
                  code);
        free(parent);
        return TD_EINPUT;
    }
    *prov_out = unit ? parent : xstrdup(province);
    if (unit)
        return TD_OK;
    free(parent);
    return TD_OK;
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
    char *prov = NULL;
    int rc = init_scope(province, unit, &prov);
    if (rc != TD_OK)
        return rc;
    td_db *db = cmd_open(ctx, 1);
    if (!db) {
        free(prov);
        return TD_EDB;
    }
    char *old = store_meta_get(db, "scope_province");
    if (old && prov && strcmp(old, prov) != 0) {
        cmd_error(_("%s already holds province %s; use another --db"), ctx->db_path, old);
        rc = TD_EINPUT;
    } else {
        rc = init_load(db, prov ? prov : old, unit, 0);
    }
    if (rc == TD_OK)
        printf(_("Database ready: %s\n"), ctx->db_path);
    free(old);
    free(prov);
    db_close(&db);
    return rc;
}
