/* cmd-import.c - `theodoi import [--dry-run] FILE...`. */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/i18n.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"
#include "theodoi/util.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int interrupted;

/* Ctrl-C, a dropped SSH connection or kill: stop at the next row; the
 * transaction is rolled back, so nothing of the run is written. */
static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* Print what the run did (or would do), kind by kind, and its problems. */
static void print_report(const import_report *rep, int dry_run, int rc)
{
    for (size_t i = 0; i < rep->notes.n; i++)
        fprintf(stderr, "theodoi: %s\n", rep->notes.msg[i]);
    if (rep->notes.count > rep->notes.n)
        cmd_error(_("... and %zu more notes"), rep->notes.count - rep->notes.n);
    for (size_t i = 0; i < rep->errors.n; i++)
        fprintf(stderr, "theodoi: %s\n", rep->errors.msg[i]);
    if (rep->errors.count > rep->errors.n)
        cmd_error(_("... and %zu more problems"), rep->errors.count - rep->errors.n);
    if (rc == TD_EINPUT) {
        cmd_error(_("import rejected: %zu problems; nothing was written"), rep->errors.count);
        return;
    }
    for (int k = 0; k < KIND__COUNT; k++) {
        if (!rep->kinds_seen[k])
            continue;
        const import_counts *c = &rep->by_kind[k];
        printf(dry_run ? _("%s: would insert %ld, update %ld; %ld unchanged, %ld stale\n")
                       : _("%s: %ld inserted, %ld updated, %ld unchanged, %ld stale\n"),
               kind_get((kind_id)k)->name, c->inserted, c->updated, c->unchanged, c->stale);
    }
    if (dry_run)
        printf("%s", _("Dry run: nothing was written.\n"));
    else if (rep->batch)
        printf(_("Batch %lld (undo with: theodoi undo %lld)\n"), (long long)rep->batch,
               (long long)rep->batch);
    else
        printf("%s", _("Nothing changed.\n"));
}

int cmd_import(cmd_ctx *ctx, int argc, char **argv)
{
    import_opts o = {.login = td_login(), .max_problems = 50, .cancel = &interrupted};
    int first = 1;
    for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
        if (!strcmp(argv[first], "--dry-run") || !strcmp(argv[first], "-n"))
            o.dry_run = 1;
        else if (!strcmp(argv[first], "--")) {
            first++;
            break;
        } else
            return cmd_usage("import");
    }
    if (first >= argc)
        return cmd_usage("import");
    td_db *db = cmd_open(ctx, 0);
    if (!db)
        return TD_EDB;
    char *unit = NULL;
    cmd_role(db, &o.role, &unit);
    o.own_unit = unit;
    char *prov = store_meta_get(db, "scope_province"), *su = store_meta_get(db, "scope_unit");
    o.scope_province = prov;
    o.scope_unit = su;
    import_report rep;
    catch_signals();
    int rc = sync_import(db, argv + first, (size_t)(argc - first), &o, &rep);
    if (rc == TD_EDB && !rep.errors.n)
        cmd_error(_("database error: %s"), db_error(db));
    print_report(&rep, o.dry_run, rc);
    import_report_free(&rep);
    free(unit);
    free(prov);
    free(su);
    db_close(&db);
    return rc;
}
