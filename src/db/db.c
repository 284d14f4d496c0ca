/* db.c - the SQLite connection, its settings, statements and transactions. */
#include "config.h"

#include "theodoi/db.h"
#include "theodoi/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STMT_SLOTS 256

struct td_db {
    sqlite3 *h;
    int in_tx;
    const char *sql[STMT_SLOTS]; /* cache key: the SQL text's address */
    sqlite3_stmt *stmt[STMT_SLOTS];
    db_pending pending; /* work the store keeps for COMMIT */
};

int db_migrate(td_db *db, char **err); /* schema.c */

/* Collation "vi" is not used in the schema (keys are stored), but a
 * scalar function lets ad-hoc SQL order like the program does. */

/* A new database gets pages of 16 KB (SQLite's default is 4 KB): a big
 * import splits and writes a quarter as many pages (measured: 17% less
 * time for a million learners); the page cache keeps its size in bytes. */
static void db_new_page_size(td_db *db)
{
    sqlite3_stmt *st = NULL;
    int empty = sqlite3_prepare_v2(db->h, "PRAGMA page_count", -1, &st, NULL) == SQLITE_OK &&
                sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == 0;
    sqlite3_finalize(st);
    if (empty)
        db_exec(db, "PRAGMA page_size=16384");
}

/* Apply the connection settings every session needs.  The page cache is
 * 16 MB at most, so that a big import stays well under 64 MB of memory
 * (the cache spills to the WAL).  No memory-mapped I/O: mapped pages
 * count in the resident size of every reader. */
static int db_settings(td_db *db, int readonly)
{
    sqlite3_busy_timeout(db->h, 10000);
    if (db_exec(db, "PRAGMA foreign_keys=ON") != TD_OK)
        return TD_EDB;
    if (!readonly && db_exec(db, "PRAGMA journal_mode=WAL") != TD_OK)
        return TD_EDB;
    db_exec(db, "PRAGMA synchronous=NORMAL");
    db_exec(db, "PRAGMA temp_store=MEMORY");
    db_exec(db, "PRAGMA cache_size=-16000");
    return TD_OK;
}

int db_open(const char *path, int flags, td_db **out, char **err)
{
    *out = NULL;
    /* one connection is never used by two threads at once: no mutex on
     * every call into SQLite */
    int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (flags & DB_OPEN_CREATE)
        oflags |= SQLITE_OPEN_CREATE;
    if (flags & DB_OPEN_READONLY)
        oflags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    /* no memory statistics: they take a global mutex on every malloc of
     * SQLite (only possible before SQLite starts; later calls fail
     * harmlessly) */
    static int configured;
    if (!configured++)
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    td_db *db = xcalloc(1, sizeof *db);
    mode_t old = umask(0);
    umask(old | 007); /* never create a world-readable database */
    int rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
    umask(old);
    if (rc != SQLITE_OK) {
        *err = xasprintf("%s: %s", path, db->h ? sqlite3_errmsg(db->h) : "cannot open");
        db_close(&db);
        return TD_EDB;
    }
    sqlite3_extended_result_codes(db->h, 1);
    if (!(flags & DB_OPEN_READONLY))
        db_new_page_size(db);
    if (db_settings(db, flags & DB_OPEN_READONLY) != TD_OK || db_migrate(db, err) != TD_OK) {
        if (!*err)
            *err = xasprintf("%s: %s", path, sqlite3_errmsg(db->h));
        db_close(&db);
        return TD_EDB;
    }
    *out = db;
    return TD_OK;
}

void db_close(td_db **pdb)
{
    td_db *db = *pdb;
    if (!db)
        return;
    if (db->pending.drop)
        db->pending.drop(db, db->pending.ctx);
    for (int i = 0; i < STMT_SLOTS; i++)
        sqlite3_finalize(db->stmt[i]);
    sqlite3_close_v2(db->h);
    free(db);
    *pdb = NULL;
}

sqlite3 *db_handle(td_db *db)
{
    return db->h;
}

/* Statements are cached by the address of their SQL text, which is a
 * string literal or a string kept for the life of the program. */
sqlite3_stmt *db_prep(td_db *db, const char *sql)
{
    uintptr_t k = (uintptr_t)sql;
    unsigned i = (unsigned)((k >> 3) ^ (k >> 11)) % STMT_SLOTS;
    for (unsigned probe = 0; probe < STMT_SLOTS; probe++, i = (i + 1) % STMT_SLOTS) {
        if (db->sql[i] == sql) {
            sqlite3_reset(db->stmt[i]);
            sqlite3_clear_bindings(db->stmt[i]);
            return db->stmt[i];
        }
        if (!db->sql[i]) {
            if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &db->stmt[i], NULL) !=
                SQLITE_OK)
                return NULL;
            db->sql[i] = sql;
            return db->stmt[i];
        }
    }
    return NULL;
}

int db_exec(td_db *db, const char *sql)
{
    return sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK ? TD_OK : TD_EDB;
}

int db_begin(td_db *db)
{
    if (db_exec(db, "BEGIN IMMEDIATE") != TD_OK)
        return TD_EDB;
    db->in_tx = 1;
    return TD_OK;
}

void db_set_pending(td_db *db, const db_pending *p)
{
    db->pending = *p;
}

const db_pending *db_get_pending(td_db *db)
{
    return &db->pending;
}

int db_flush(td_db *db)
{
    if (db->pending.flush && db->pending.flush(db, db->pending.ctx) != 0)
        return TD_EDB;
    return TD_OK;
}

int db_commit(td_db *db)
{
    if (db_flush(db) != TD_OK)
        return TD_EDB;
    int rc = db_exec(db, "COMMIT");
    if (rc == TD_OK)
        db->in_tx = 0;
    if (db->pending.end)
        db->pending.end(db, db->pending.ctx);
    return rc;
}

int db_rollback(td_db *db)
{
    db->in_tx = 0;
    if (db->pending.end)
        db->pending.end(db, db->pending.ctx);
    return db_exec(db, "ROLLBACK");
}

int db_in_tx(td_db *db)
{
    return db->in_tx;
}

const char *db_error(td_db *db)
{
    return sqlite3_errmsg(db->h);
}

int db_user_version(td_db *db)
{
    sqlite3_stmt *st = db_prep(db, "PRAGMA user_version");
    int v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    if (st)
        sqlite3_reset(st);
    return v;
}

long db_data_version(td_db *db)
{
    sqlite3_stmt *st = db_prep(db, "PRAGMA data_version");
    long v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    if (st)
        sqlite3_reset(st);
    return v;
}

int db_world_readable(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && (sb.st_mode & S_IROTH);
}
