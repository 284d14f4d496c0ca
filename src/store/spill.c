/* spill.c - the import's conflict set beyond memory (see seen.h): a
 * private temporary SQLite database (file name ""), deleted on close,
 * used by one thread only.  Only very big runs ever open it. */
#include "config.h"

#include "theodoi/seen.h"
#include "theodoi/util.h"

#include <sqlite3.h>
#include <stdlib.h>

struct store_spill {
    sqlite3 *h;
    sqlite3_stmt *get, *put;
};

store_spill *store_spill_open(void)
{
    store_spill *sp = xcalloc(1, sizeof *sp);
    if (sqlite3_open_v2("", &sp->h,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK ||
        sqlite3_exec(sp->h,
                     "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000;"
                     "CREATE TABLE seen(key INTEGER PRIMARY KEY, vals INTEGER, at INTEGER);"
                     "BEGIN",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(sp->h, "SELECT vals, at FROM seen WHERE key = ?", -1, &sp->get, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(sp->h, "INSERT INTO seen VALUES(?, ?, ?)", -1, &sp->put, NULL) !=
            SQLITE_OK) {
        store_spill_close(&sp);
        return NULL;
    }
    return sp;
}

int store_spill_check(store_spill *sp, uint64_t key, uint32_t vals, uint32_t where,
                      uint32_t *old_vals, uint32_t *old_where)
{
    sqlite3_bind_int64(sp->get, 1, (sqlite3_int64)key);
    int rc = sqlite3_step(sp->get);
    if (rc == SQLITE_ROW) {
        *old_vals = (uint32_t)sqlite3_column_int64(sp->get, 0);
        *old_where = (uint32_t)sqlite3_column_int64(sp->get, 1);
    }
    sqlite3_reset(sp->get);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc != SQLITE_DONE)
        return -1;
    sqlite3_bind_int64(sp->put, 1, (sqlite3_int64)key);
    sqlite3_bind_int64(sp->put, 2, vals);
    sqlite3_bind_int64(sp->put, 3, where);
    rc = sqlite3_step(sp->put);
    sqlite3_reset(sp->put);
    return rc == SQLITE_DONE ? 0 : -1;
}

void store_spill_close(store_spill **psp)
{
    store_spill *sp = *psp;
    if (!sp)
        return;
    sqlite3_finalize(sp->get);
    sqlite3_finalize(sp->put);
    sqlite3_close(sp->h);
    free(sp);
    *psp = NULL;
}
