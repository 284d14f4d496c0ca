/* init.c - create a database's reference data: the units in scope, the
 * task template, groups, courses and holidays from share/.  Loading goes
 * through the importer, so it is validated and idempotent: running it
 * again changes nothing.  In the library (not in cmd-init.c) so that the
 * tests and the demo can build a real database without the program. */
#include "config.h"

#include "theodoi/csvio.h"
#include "theodoi/i18n.h"
#include "theodoi/init.h"
#include "theodoi/paths.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"
#include "theodoi/users.h"
#include "theodoi/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "theodoi: message" on stderr (cmd_error is the program's, not ours). */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("theodoi: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Find code in the shipped units file: 1 found (*parent set for a
 * commune, malloc'd), 0 not found, -1 file unreadable. */
static int find_unit(const char *code, char **parent)
{
    char *path = td_share_path("units-2025.csv"), *err = NULL;
    csv_in *in = csv_in_open(path, &err);
    if (!in) {
        say("%s: %s", path, err);
        free(path);
        free(err);
        return -1;
    }
    free(path);
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
        say("%s: %s", path, err);
        free(path);
        free(err);
        return TD_EINPUT;
    }
    csv_rec rec;
    int ord = 0, rc = TD_OK;
    csv_in_next(in, &rec); /* header */
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
    import_opts o = {.role = ROLE_ADMIN,
                     .login = td_login(),
                     .max_problems = 20,
                     .scope_province = province,
                     .scope_unit = unit};
    import_report rep;
    rc = sync_import(db, paths, 4, &o, &rep);
    for (size_t i = 0; i < rep.errors.n; i++)
        say("%s", rep.errors.msg[i]);
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

/* A code typed without its leading zeros, as a spreadsheet leaves it:
 * a province has 2 digits, a commune 5 ("1" is 01, "4" is 00004). */
static char *pad_arg(const char *s, int width)
{
    size_t n = strlen(s);
    if (n == 0 || n >= (size_t)width || strspn(s, "0123456789") != n)
        return xstrdup(s);
    return xasprintf("%0*d", width, atoi(s));
}

int init_scope(const char *province, const char *unit, char **prov_out)
{
    *prov_out = NULL;
    if (!unit && !province)
        return TD_OK;
    const char *arg = unit ? unit : province; /* a commune, else a province */
    char *code = pad_arg(arg, unit ? 5 : 2);
    char *parent = NULL;
    int found = find_unit(code, &parent);
    if (found < 0) {
        free(code);
        return TD_EINPUT;
    }
    if (!found || (unit ? !parent : parent != NULL)) {
        say(unit ? _("unknown commune %s: it is not in the units list (share/units-2025.csv)")
                 : _("unknown province %s: it is not in the units list (share/units-2025.csv)"),
            arg);
        free(parent);
        free(code);
        return TD_EINPUT;
    }
    if (unit) {
        *prov_out = parent;
        free(code);
    } else {
        *prov_out = code;
        free(parent);
    }
    return TD_OK;
}
