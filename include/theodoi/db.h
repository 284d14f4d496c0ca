/* db.h - the SQLite connection: open, migrate, transactions.
 *
 * One module owns the connection.  Opening sets WAL, foreign keys and a
 * busy timeout so that concurrent sessions wait instead of failing, and
 * brings the schema up to date with forward migrations numbered by
 * PRAGMA user_version.  All SQL lives in src/db and src/store. */
#ifndef THEODOI_DB_H
#define THEODOI_DB_H

#include <sqlite3.h>

typedef struct td_db td_db;

enum { DB_OPEN_EXISTING = 0, DB_OPEN_CREATE = 1, DB_OPEN_READONLY = 2 };

/* Open (and with DB_OPEN_CREATE create) the database at path and migrate
 * it.  TD_OK, or TD_EDB with a malloc'd message in *err. */
int db_open(const char *path, int flags, td_db **out, char **err);
void db_close(td_db **db);

/* The raw handle, for the store modules only. */
sqlite3 *db_handle(td_db *db);

/* A prepared statement cached under its SQL text (prepared once, reset
 * and unbound on every call).  NULL on error (db_error tells). */
sqlite3_stmt *db_prep(td_db *db, const char *sql);

/* Write transactions: BEGIN IMMEDIATE (waits for other writers up to the
 * busy timeout), COMMIT, ROLLBACK.  TD_OK or TD_EDB.  db_commit first
 * writes the work the store keeps pending (see db_pending). */
int db_begin(td_db *db);
int db_commit(td_db *db);
int db_rollback(td_db *db);
int db_in_tx(td_db *db);

/* Work that the store keeps in memory during a transaction (the roster
 * counts of inserted learners): flush writes it (before COMMIT, and when
 * the store wants to read it back), end forgets what it knew about the
 * transaction (after COMMIT or ROLLBACK), drop frees ctx (at close). */
typedef struct db_pending {
    int (*flush)(td_db *db, void *ctx);
    void (*end)(td_db *db, void *ctx);
    void (*drop)(td_db *db, void *ctx);
    void *ctx;
} db_pending;
void db_set_pending(td_db *db, const db_pending *p);
const db_pending *db_get_pending(td_db *db);
/* Write the pending work now (inside the transaction).  TD_OK or TD_EDB. */
int db_flush(td_db *db);

/* Run SQL without results (schema, pragmas). TD_OK or TD_EDB. */
int db_exec(td_db *db, const char *sql);

/* The last error message of the connection. */
const char *db_error(td_db *db);

/* Schema version this program writes, and the one the file has. */
int db_schema_version(void);
int db_user_version(td_db *db);

/* PRAGMA data_version: changes when another connection commits. */
long db_data_version(td_db *db);

/* While a big write transaction runs: a thread that asks the kernel to
 * start writing the database file and its WAL to disk now and then, so
 * that COMMIT's syncs find little left to wait for (writeback.c).  NULL
 * when it cannot run (not Linux, a database in memory); stop joins it. */
typedef struct db_writeback db_writeback;
db_writeback *db_writeback_start(td_db *db);
void db_writeback_stop(db_writeback **w);

/* 1 when the file is readable by others (mode & 004). */
int db_world_readable(const char *path);

#endif
