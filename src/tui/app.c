/* app.c - placeholder until the terminal UI lands. */
#include "config.h"

#include "theodoi/cmd.h"

#include <stdio.h>

int tui_run(td_db *db, const char *db_path)
{
    (void)db;
    (void)db_path;
    return 0;
}
