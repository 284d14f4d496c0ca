/* main.c - parse the global options and run a command from the table. */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/i18n.h"
#include "theodoi/paths.h"
#include "theodoi/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const cmd_entry COMMANDS[] = {
    {"init", N_("init [--province CODE | --unit CODE]"), cmd_init},
    {"demo", N_("demo [--no-ui]"), cmd_demo},
    {"import", N_("import [--dry-run] FILE..."), cmd_import},
    {"export", N_("export KIND [--unit CODE] [--period P] [-o FILE]"), cmd_export},
    {"report", N_("report [--unit CODE]"), cmd_report},
    {"history", N_("history"), cmd_history},
    {"undo", N_("undo BATCH"), cmd_undo},
    {"user",
     N_("user add LOGIN --role admin|city|commune [--unit CODE] | user list | user remove LOGIN"),
     cmd_user},
};
#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

void cmd_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("theodoi: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cmd_usage(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(COMMANDS[i].name, name) == 0)
            fprintf(stderr, _("usage: theodoi [--db PATH] %s\n"), _(COMMANDS[i].usage));
    return TD_EUSAGE;
}

static void help(FILE *f)
{
    fprintf(
        f, "%s",
        _("theodoi - checklists of the five directive tasks and \"Binh dan hoc vu so\" training, per commune\n\n"));
    fprintf(f, "%s", _("usage: theodoi [--db PATH] [--lang vi|en] [COMMAND [ARGS...]]\n"));
    fprintf(f, "%s", _("  (no command)    open the terminal UI\n"));
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %s\n", _(COMMANDS[i].usage));
    fprintf(f, "%s", _("  --help, --version\n\n"));
    fprintf(
        f, "%s",
        _("The database is --db PATH, else $THEODOI_DB, else $XDG_DATA_HOME/theodoi/theodoi.db.\n"));
    fprintf(f, "%s",
            _("Exit status: 0 success, 1 input rejected, 2 usage error, 3 database trouble.\n"));
    fprintf(f, "%s", _("See theodoi(1) and theodoi-csv(5).\n"));
}

td_db *cmd_open(cmd_ctx *ctx, int create)
{
    char *err = NULL;
    td_db *db = NULL;
    struct stat sb;
    if (!create && stat(ctx->db_path, &sb) != 0) {
        cmd_error(_("%s: no database here; create one with: theodoi --db %s init"), ctx->db_path,
                  ctx->db_path);
        return NULL;
    }
    if (create && td_make_parent(ctx->db_path) != 0) {
        cmd_error(_("%s: cannot create its directory"), ctx->db_path);
        return NULL;
    }
    if (db_open(ctx->db_path, create ? DB_OPEN_CREATE : DB_OPEN_EXISTING, &db, &err) != TD_OK) {
        cmd_error("%s", err ? err : ctx->db_path);
        free(err);
        return NULL;
    }
    if (db_world_readable(ctx->db_path))
        cmd_error(_("warning: %s can be read by every user of this server; run: chmod o-rwx %s"),
                  ctx->db_path, ctx->db_path);
    return db;
}

/* Take the global options off argv; returns the index of the command or
 * -1 after a usage error. */
static int global_options(cmd_ctx *ctx, int argc, char **argv, int *done)
{
    int i = 1;
    *done = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc)
            ctx->db_opt = argv[++i];
        else if (!strncmp(argv[i], "--db=", 5))
            ctx->db_opt = argv[i] + 5;
        else if (!strcmp(argv[i], "--lang") && i + 1 < argc)
            ctx->lang = argv[++i];
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help(stdout);
            *done = 1;
        } else if (!strcmp(argv[i], "--version")) {
            printf("theodoi %s\n"
                   "Copyright (C) 2025-2026 the theodoi authors.\n"
                   "License GPLv3+: GNU GPL version 3 or later "
                   "<https://gnu.org/licenses/gpl.html>.\n"
                   "This is free software: you are free to change and redistribute it.\n"
                   "There is NO WARRANTY, to the extent permitted by law.\n",
                   PACKAGE_VERSION);
            *done = 1;
        } else if (!strcmp(argv[i], "--db") || !strcmp(argv[i], "--lang")) {
            cmd_error(_("option %s needs a value (see theodoi --help)"), argv[i]);
            return -1;
        } else {
            cmd_error(_("unknown option %s (see theodoi --help)"), argv[i]);
            return -1;
        }
        if (*done)
            return i;
    }
    return i;
}

int main(int argc, char **argv)
{
    cmd_ctx ctx = {0};
    /* --lang must be known before any message: look for it first */
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--lang"))
            ctx.lang = argv[i + 1];
    i18n_init(ctx.lang);
    int done;
    int i = global_options(&ctx, argc, argv, &done);
    if (i < 0)
        return TD_EUSAGE;
    if (done)
        return TD_OK;
    ctx.db_path = td_db_path(ctx.db_opt);
    int rc = TD_EUSAGE;
    if (i >= argc) {
        td_db *db = cmd_open(&ctx, 0);
        rc = db ? tui_run(db, ctx.db_path) : TD_EDB;
        db_close(&db);
    } else {
        size_t c = 0;
        while (c < N_COMMANDS && strcmp(COMMANDS[c].name, argv[i]) != 0)
            c++;
        if (c == N_COMMANDS)
            cmd_error(_("unknown command %s (see theodoi --help)"), argv[i]);
        else
            rc = COMMANDS[c].run(&ctx, argc - i, argv + i);
    }
    free(ctx.db_path);
    return rc;
}
