/* checklist.c (store) - the template joined with one unit's rows. */
#include "config.h"

#include "theodoi/checklist.h"
#include "theodoi/util.h"

#include <stdio.h>

int store_checklist_rows(td_db *db, const char *unit, int year,
                         int (*fn)(void *ctx, const cl_row *r), void *ctx)
{
    sqlite3_stmt *st = db_prep(
        db, "SELECT i.task_code, coalesce(t.title, i.task_code), i.item_code, i.title, i.due,"
            " c.status, c.done_on, c.quantity, c.evidence, c.note, c.updated_at, c.updated_by"
            " FROM items i LEFT JOIN tasks t ON t.task_code = i.task_code"
            " LEFT JOIN checklist c ON c.unit_code = ?1 AND c.item_code = i.item_code"
            "  AND c.period = CASE WHEN i.due LIKE 'yearly:%' THEN ?2 ELSE '' END"
            " ORDER BY coalesce(t.ord, 999), i.task_code, i.ord, length(i.item_code), i.item_code");
    if (!st)
        return TD_EDB;
    char y[8];
    snprintf(y, sizeof y, "%04d", year);
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, y, -1, SQLITE_TRANSIENT);
    int rc;
#define TXT(i) ((const char *)sqlite3_column_text(st, i))
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cl_row r = {
            TXT(0),  TXT(1),
            TXT(2),  TXT(3),
            TXT(4),  TXT(5),
            TXT(6),  sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 7),
            TXT(8),  TXT(9),
            TXT(10), TXT(11)};
        if (fn(ctx, &r))
            break;
    }
#undef TXT
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : TD_EDB;
}
