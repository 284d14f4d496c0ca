/* cmd-export.c - `theodoi export KIND [--unit CODE] [--period P] [-o FILE]`. */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/i18n.h"
#include "theodoi/sync.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cmd_export(cmd_ctx *ctx, int argc, char **argv)
{
    const char *unit = NULL, *period = NULL, *out = NULL;
    const kind_def *k = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--unit") && i + 1 < argc)
            unit = argv[++i];
        else if (!strcmp(argv[i], "--period") && i + 1 < argc)
            period = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!k && argv[i][0] != '-' && (k = kind_by_name(argv[i])) != NULL)
            continue;
        else {
            if (argv[i][0] != '-')
                cmd_error(
                    _("unknown kind %s (units, items, courses, holidays, checklist, training, targets, learners, summary)"),
                    argv[i]);
            return cmd_usage("export");
        }
    }
    if (!k)
        return cmd_usage("export");
    if (k->id == KIND_LEARNERS)
        cmd_error(
            "%s",
            _("reminder: this file holds personal data of learners (Law 91/2025/QH15 on personal data protection); keep it in the commune, do not e-mail it"));
    td_db *db = cmd_open(ctx, 0);
    if (!db)
        return TD_EDB;
    FILE *f = stdout;
    char *tmp = NULL;
    if (out) {
        tmp = xasprintf("%s.tmp%ld", out, (long)getpid());
        /* personal data: readable by its owner only; others: never by
         * every user of the server */
        mode_t old = umask(077);
        umask(k->id == KIND_LEARNERS ? 077 : (old | 007));
        f = fopen(tmp, "wb");
        umask(old);
        if (!f) {
            cmd_error(_("%s: cannot write"), out);
            free(tmp);
            db_close(&db);
            return TD_EINPUT;
        }
    }
    char *err = NULL, *u = unit ? cmd_unit_arg(db, unit) : NULL;
    char *p = period ? cmd_period_arg(period) : NULL;
    int rc = sync_export(db, k, u, p, f, &err);
    free(p);
    if (out) {
        if (fclose(f) != 0 && rc == TD_OK)
            rc = TD_EINPUT;
        if (rc == TD_OK && rename(tmp, out) != 0)
            rc = TD_EINPUT;
        if (rc != TD_OK)
            unlink(tmp);
    }
    if (err)
        cmd_error("%s", err);
    free(err);
    free(tmp);
    free(u);
    db_close(&db);
    return rc;
}
