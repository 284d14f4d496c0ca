/* cmd.h - the command table: one file per command (src/cmd-*.c). */
#ifndef THEODOI_CMD_H
#define THEODOI_CMD_H

#include "theodoi/db.h"
#include "theodoi/status.h"

typedef struct cmd_ctx {
    const char *db_opt; /* --db */
    char *db_path;      /* resolved */
    const char *lang;   /* --lang */
} cmd_ctx;

typedef struct cmd_entry {
    const char *name;
    const char *usage; /* msgid, translated when printed */
    int (*run)(cmd_ctx *ctx, int argc, char **argv);
} cmd_entry;

int cmd_init(cmd_ctx *, int, char **);
int cmd_demo(cmd_ctx *, int, char **);
int cmd_import(cmd_ctx *, int, char **);
int cmd_export(cmd_ctx *, int, char **);
int cmd_report(cmd_ctx *, int, char **);
int cmd_history(cmd_ctx *, int, char **);
int cmd_undo(cmd_ctx *, int, char **);
int cmd_user(cmd_ctx *, int, char **);

/* Open the database of ctx; on failure print the error and return NULL
 * (the caller exits with TD_EDB).  Warns when the file is world-readable. */
td_db *cmd_open(cmd_ctx *ctx, int create);
/* The role and unit of this process's login. */
void cmd_role(td_db *db, role_kind *role, char **unit);
/* A unit code typed on the command line, with the leading zeros a
 * spreadsheet or a hurried clerk dropped restored ("4" -> "00004", "1" ->
 * "01" when there is no commune 00001).  malloc'd. */
char *cmd_unit_arg(td_db *db, const char *s);
/* A period typed as 2025, 2025-10 or 10/2025, in canonical form. */
char *cmd_period_arg(const char *s);
/* Print "theodoi: message" to stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the usage of a command to stderr and return TD_EUSAGE. */
int cmd_usage(const char *name);
/* Open the terminal UI on an open database; returns an exit status. */
int tui_run(td_db *db, const char *db_path);

#endif
