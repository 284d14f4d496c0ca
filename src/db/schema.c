/* schema.c - the schema and its forward migrations.
 *
 * Each migration brings PRAGMA user_version from i to i+1 inside one
 * transaction, so a file is never left half-upgraded.  Never edit a
 * migration that has shipped: add the next one. */
#include "config.h"

#include "theodoi/db.h"
#include "theodoi/text.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>

/* clang-format off */
/* Version 1: units, the checklist template, training, roster, users,
 * import batches and the audit trail.  Tables keyed by their natural key
 * are WITHOUT ROWID (one B-tree each).  batch_id on a data row names the
 * import that last wrote it (NULL after an edit in the UI). */
static const char *const MIGRATION_1 =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
    "CREATE TABLE units(code TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " kind TEXT NOT NULL, parent_code TEXT, name_fold TEXT NOT NULL,"
    " name_key TEXT NOT NULL, updated_at TEXT, updated_by TEXT,"
    " batch_id INTEGER) WITHOUT ROWID;"
    "CREATE INDEX units_parent ON units(parent_code, name_key);"
    "CREATE TABLE tasks(task_code TEXT PRIMARY KEY, title TEXT NOT NULL,"
    " ord INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
    "CREATE TABLE items(item_code TEXT PRIMARY KEY, task_code TEXT NOT NULL,"
    " title TEXT NOT NULL, due TEXT NOT NULL DEFAULT '',"
    " ord INTEGER NOT NULL DEFAULT 0, updated_at TEXT, updated_by TEXT,"
    " batch_id INTEGER) WITHOUT ROWID;"
    "CREATE TABLE groups(group_code TEXT PRIMARY KEY, title TEXT NOT NULL,"
    " ord INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
    "CREATE TABLE courses(course_code TEXT PRIMARY KEY, title TEXT NOT NULL,"
    " updated_at TEXT, updated_by TEXT, batch_id INTEGER) WITHOUT ROWID;"
    "CREATE TABLE holidays(date TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT, updated_by TEXT, batch_id INTEGER) WITHOUT ROWID;"
    "CREATE TABLE checklist(unit_code TEXT NOT NULL REFERENCES units(code),"
    " item_code TEXT NOT NULL REFERENCES items(item_code),"
    " period TEXT NOT NULL DEFAULT '', status TEXT NOT NULL,"
    " done_on TEXT, quantity INTEGER, evidence TEXT, note TEXT,"
    " updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, batch_id INTEGER,"
    " PRIMARY KEY(unit_code, item_code, period)) WITHOUT ROWID;"
    "CREATE TABLE training(unit_code TEXT NOT NULL REFERENCES units(code),"
    " period TEXT NOT NULL, group_code TEXT NOT NULL REFERENCES groups(group_code),"
    " course_code TEXT NOT NULL REFERENCES courses(course_code),"
    " population INTEGER, registered INTEGER, completed INTEGER,"
    " confirmed INTEGER, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,"
    " batch_id INTEGER,"
    " PRIMARY KEY(unit_code, period, group_code, course_code)) WITHOUT ROWID;"
    "CREATE TABLE targets(period TEXT NOT NULL, group_code TEXT NOT NULL,"
    " course_code TEXT NOT NULL, target_pct REAL NOT NULL,"
    " updated_at TEXT, updated_by TEXT, batch_id INTEGER,"
    " PRIMARY KEY(period, group_code, course_code)) WITHOUT ROWID;"
    "CREATE TABLE learners(unit_code TEXT NOT NULL, learner_id TEXT NOT NULL,"
    " course_code TEXT NOT NULL, full_name TEXT NOT NULL,"
    " birth_year INTEGER, gender TEXT NOT NULL DEFAULT '',"
    " group_code TEXT NOT NULL, village TEXT NOT NULL DEFAULT '',"
    " status TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,"
    " batch_id INTEGER, name_key TEXT NOT NULL,"
    " PRIMARY KEY(unit_code, learner_id, course_code)) WITHOUT ROWID;"
    "CREATE INDEX learners_name ON learners(unit_code, name_key);"
    /* Roster counts kept up to date by triggers, so that no screen or
     * summary ever counts a million rows. */
    "CREATE TABLE learner_counts(unit_code TEXT NOT NULL, group_code TEXT NOT NULL,"
    " course_code TEXT NOT NULL, registered INTEGER NOT NULL,"
    " completed INTEGER NOT NULL, confirmed INTEGER NOT NULL,"
    " PRIMARY KEY(unit_code, group_code, course_code)) WITHOUT ROWID;"
    "CREATE TRIGGER learners_ai AFTER INSERT ON learners BEGIN"
    " INSERT INTO learner_counts VALUES(new.unit_code, new.group_code,"
    "  new.course_code, 1, new.status IN ('completed','confirmed'),"
    "  new.status = 'confirmed')"
    " ON CONFLICT DO UPDATE SET registered = registered + 1,"
    "  completed = completed + excluded.completed,"
    "  confirmed = confirmed + excluded.confirmed; END;"
    "CREATE TRIGGER learners_ad AFTER DELETE ON learners BEGIN"
    " UPDATE learner_counts SET registered = registered - 1,"
    "  completed = completed - (old.status IN ('completed','confirmed')),"
    "  confirmed = confirmed - (old.status = 'confirmed')"
    " WHERE unit_code = old.unit_code AND group_code = old.group_code"
    "  AND course_code = old.course_code;"
    " DELETE FROM learner_counts WHERE unit_code = old.unit_code"
    "  AND group_code = old.group_code AND course_code = old.course_code"
    "  AND registered <= 0; END;"
    "CREATE TRIGGER learners_au AFTER UPDATE OF group_code, course_code, status"
    " ON learners BEGIN"
    " UPDATE learner_counts SET registered = registered - 1,"
    "  completed = completed - (old.status IN ('completed','confirmed')),"
    "  confirmed = confirmed - (old.status = 'confirmed')"
    " WHERE unit_code = old.unit_code AND group_code = old.group_code"
    "  AND course_code = old.course_code;"
    " INSERT INTO learner_counts VALUES(new.unit_code, new.group_code,"
    "  new.course_code, 1, new.status IN ('completed','confirmed'),"
    "  new.status = 'confirmed')"
    " ON CONFLICT DO UPDATE SET registered = registered + 1,"
    "  completed = completed + excluded.completed,"
    "  confirmed = confirmed + excluded.confirmed;"
    " DELETE FROM learner_counts WHERE registered <= 0"
    "  AND unit_code = old.unit_code; END;"
    "CREATE TABLE users(login TEXT PRIMARY KEY, role TEXT NOT NULL,"
    " unit_code TEXT, added_at TEXT NOT NULL, added_by TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE batches(id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
    " login TEXT NOT NULL, files TEXT NOT NULL, sha256 TEXT NOT NULL,"
    " inserted INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,"
    " unchanged INTEGER NOT NULL DEFAULT 0, stale INTEGER NOT NULL DEFAULT 0,"
    " first_audit INTEGER, last_audit INTEGER,"
    " undone_at TEXT, undone_by TEXT);"
    "CREATE INDEX batches_sha ON batches(sha256);"
    "CREATE TABLE batch_files(batch_id INTEGER NOT NULL, file TEXT NOT NULL,"
    " sha256 TEXT NOT NULL, kind TEXT NOT NULL, rows INTEGER NOT NULL);"
    "CREATE INDEX batch_files_sha ON batch_files(sha256);"
    /* The audit trail: every change, old -> new, as CSV-quoted value lists
     * in the kind's column order.  Rows of an import carry its batch id
     * (time and login are the batch's). */
    "CREATE TABLE audit(id INTEGER PRIMARY KEY, batch_id INTEGER, at TEXT,"
    " login TEXT, source TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,"
    " old TEXT, new TEXT, old_batch INTEGER);"
    "CREATE INDEX audit_key ON audit(kind, key);";

/* Version 2: big rosters (bench/README.md tells the measurements).
 * - The roster counts of inserted learners are added up by the store in
 *   memory and written before COMMIT (src/store/rows.c), instead of a
 *   trigger per row; updates and deletes keep their triggers.  Every write
 *   of learners goes through the store.
 * - The audit trail moves to audit_log; `audit` is a view of it.  An entry
 *   of learners may keep `new` empty ('') while the row it wrote is
 *   unchanged: learners.audit_id names the entry, the view shows the row's
 *   values as the entry's `new`, and the triggers below write them into
 *   the entry before the row is updated or deleted.  So a big import does
 *   not store every row twice; the view reads as version 1's table did.
 * - Indexes for the summary: the last update of a commune. */
#define KEY_UNIT "substr(a.key, 1, instr(a.key, '|') - 1)"
#define KEY_HEAD "rtrim(a.key, replace(a.key, '|', ''))"   /* up to the last '|' */
#define KEY_COURSE "substr(a.key, length(" KEY_HEAD ") + 1)"
#define KEY_LEARNER \
    "substr(a.key, instr(a.key, '|') + 1, length(" KEY_HEAD ") - instr(a.key, '|') - 1)"
/* One value as store_vals_text() quotes it. */
#define Q(x) \
    "(CASE WHEN " x " IS NULL OR " x " = '' THEN ''" \
    " WHEN " x " GLOB '*[,\"' || char(13) || char(10) || ']*' OR " x " GLOB ' *'" \
    " OR " x " GLOB '* ' THEN '\"' || replace(" x ", '\"', '\"\"') || '\"'" \
    " ELSE " x " END)"
/* A learners row (alias t) as store_vals_text() writes it. */
#define LEARNER_TEXT(t) \
    Q(t ".unit_code") "||','||" Q(t ".learner_id") "||','||" Q(t ".full_name") \
    "||','||" Q(t ".birth_year") "||','||" Q(t ".gender") "||','||" \
    Q(t ".group_code") "||','||" Q(t ".village") "||','||" Q(t ".course_code") \
    "||','||" Q(t ".status") "||','||" Q(t ".updated_at") "||','||" Q(t ".updated_by")

static const char *const MIGRATION_2 =
    "DROP TRIGGER learners_ai;"
    "ALTER TABLE audit RENAME TO audit_log;"
    "ALTER TABLE learners ADD COLUMN audit_id INTEGER;"
    "CREATE VIEW audit AS SELECT a.id AS id, a.batch_id AS batch_id, a.at AS at,"
    " a.login AS login, a.source AS source, a.kind AS kind, a.key AS key, a.old AS old,"
    " CASE WHEN a.new = '' AND a.kind = 'learners' THEN (SELECT " LEARNER_TEXT("l")
    "  FROM learners l WHERE l.unit_code = " KEY_UNIT " AND l.learner_id = " KEY_LEARNER
    "  AND l.course_code = " KEY_COURSE " AND l.audit_id = a.id)"
    " ELSE a.new END AS new, a.old_batch AS old_batch FROM audit_log a;"
    "CREATE TRIGGER learners_audit_bu BEFORE UPDATE ON learners"
    " WHEN old.audit_id IS NOT NULL BEGIN"
    " UPDATE audit_log SET new = " LEARNER_TEXT("old")
    "  WHERE id = old.audit_id AND new = ''; END;"
    "CREATE TRIGGER learners_audit_bd BEFORE DELETE ON learners"
    " WHEN old.audit_id IS NOT NULL BEGIN"
    " UPDATE audit_log SET new = " LEARNER_TEXT("old")
    "  WHERE id = old.audit_id AND new = ''; END;"
    "CREATE INDEX checklist_last ON checklist(unit_code, updated_at);"
    "CREATE INDEX training_last ON training(unit_code, updated_at);";

/* Version 3: learners has no triggers left.  The store (rows.c) keeps the
 * roster counts of every insert, update and delete in memory and writes
 * them before COMMIT, and fills in a learners audit entry before its row
 * changes: a trigger per row made each write a statement with a
 * sub-journal, and undoing a big import five times slower.  The view
 * quotes only the columns that may need it (codes, numbers and times
 * never do). */
#define Q3(x) \
    "(CASE WHEN " x " IS NULL THEN '' WHEN instr(" x ", ',') OR instr(" x ", '\"')" \
    " OR instr(" x ", char(10)) OR instr(" x ", char(13)) OR substr(" x ", 1, 1) = ' '" \
    " OR substr(" x ", -1) = ' ' THEN '\"' || replace(" x ", '\"', '\"\"') || '\"'" \
    " ELSE " x " END)"
#define P3(x) "coalesce(" x ", '')"
#define LEARNER_TEXT3(t) \
    P3(t ".unit_code") "||','||" Q3(t ".learner_id") "||','||" Q3(t ".full_name") \
    "||','||" P3(t ".birth_year") "||','||" P3(t ".gender") "||','||" \
    P3(t ".group_code") "||','||" Q3(t ".village") "||','||" P3(t ".course_code") \
    "||','||" P3(t ".status") "||','||" P3(t ".updated_at") "||','||" Q3(t ".updated_by")

static const char *const MIGRATION_3 =
    "DROP TRIGGER learners_ad;"
    "DROP TRIGGER learners_au;"
    "DROP TRIGGER learners_audit_bu;"
    "DROP TRIGGER learners_audit_bd;"
    "DROP VIEW audit;"
    "CREATE VIEW audit AS SELECT a.id AS id, a.batch_id AS batch_id, a.at AS at,"
    " a.login AS login, a.source AS source, a.kind AS kind, a.key AS key, a.old AS old,"
    " CASE WHEN a.new = '' AND a.kind = 'learners' THEN (SELECT " LEARNER_TEXT3("l")
    "  FROM learners l WHERE l.unit_code = " KEY_UNIT " AND l.learner_id = " KEY_LEARNER
    "  AND l.course_code = " KEY_COURSE " AND l.audit_id = a.id)"
    " ELSE a.new END AS new, a.old_batch AS old_batch FROM audit_log a;";

/* Version 4: a learners entry that left `new` empty is never filled in
 * (that cost a write per undone or changed row): while its row is the
 * one it wrote (audit_id), the view shows the row; once the row changed
 * or went, every later write left an entry whose `old` is the row before
 * it, so the next entry of the same key tells (index audit_key). */
static const char *const MIGRATION_4 =
    "DROP VIEW audit;"
    "CREATE VIEW audit AS SELECT a.id AS id, a.batch_id AS batch_id, a.at AS at,"
    " a.login AS login, a.source AS source, a.kind AS kind, a.key AS key, a.old AS old,"
    " CASE WHEN a.new = '' AND a.kind = 'learners' THEN coalesce((SELECT " LEARNER_TEXT3("l")
    "  FROM learners l WHERE l.unit_code = " KEY_UNIT " AND l.learner_id = " KEY_LEARNER
    "  AND l.course_code = " KEY_COURSE " AND l.audit_id = a.id),"
    " (SELECT n.old FROM audit_log n WHERE n.kind = a.kind AND n.key = a.key"
    "  AND n.id > a.id ORDER BY n.id LIMIT 1))"
    " ELSE a.new END AS new, a.old_batch AS old_batch FROM audit_log a;";

/* Version 5: roster name keys are shorter (text_name_key() writes the
 * tone and case levels sparse, and the second half is the surname and
 * middle names, not the whole name again: 46 -> 30 bytes on average),
 * which makes the learners table and its name index smaller and a big
 * import faster (bench/README.md).  The keys are rewritten with the
 * function the program uses (td_name_key, registered for this migration
 * by migrate_functions()). */
static const char *const MIGRATION_5 =
    "UPDATE learners SET name_key = td_name_key(full_name)"
    " WHERE name_key IS NOT td_name_key(full_name);";

/* clang-format on */

static const char *const MIGRATIONS[] = {MIGRATION_1, MIGRATION_2, MIGRATION_3, MIGRATION_4,
                                         MIGRATION_5};
#define N_MIGRATIONS (int)(sizeof MIGRATIONS / sizeof MIGRATIONS[0])

/* td_name_key(name): text_name_key() in SQL, for migration 5. */
static void name_key_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *n = (const char *)sqlite3_value_text(argv[0]);
    char *k = text_name_key(n ? n : "");
    if (k)
        sqlite3_result_text(cx, k, -1, free);
    else
        sqlite3_result_error_nomem(cx);
}

/* The SQL functions that migrations use (the program's own code, so that
 * a migrated file holds what the program would have written). */
static int migrate_functions(td_db *db)
{
    return sqlite3_create_function_v2(db_handle(db), "td_name_key", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, name_key_fn, NULL,
                                      NULL, NULL) == SQLITE_OK
               ? TD_OK
               : TD_EDB;
}

int db_schema_version(void)
{
    return N_MIGRATIONS;
}

/* Bring the file's schema up to this program's version, one migration
 * per transaction.  A file newer than the program is refused. */
int db_migrate(td_db *db, char **err)
{
    int v = db_user_version(db);
    if (v < 0)
        return TD_EDB;
    if (v > N_MIGRATIONS) {
        *err = xasprintf("database schema version %d is newer than this program's (%d)", v,
                         N_MIGRATIONS);
        return TD_EDB;
    }
    if (v < N_MIGRATIONS && migrate_functions(db) != TD_OK)
        return TD_EDB;
    while (v < N_MIGRATIONS) {
        if (db_begin(db) != TD_OK)
            return TD_EDB;
        if (db_user_version(db) != v) { /* another process migrated */
            db_rollback(db);
            v = db_user_version(db);
            continue;
        }
        char pragma[48];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
        if (db_exec(db, MIGRATIONS[v]) != TD_OK || db_exec(db, pragma) != TD_OK) {
            *err = xasprintf("schema migration %d failed: %s", v + 1, db_error(db));
            db_rollback(db);
            return TD_EDB;
        }
        if (db_commit(db) != TD_OK)
            return TD_EDB;
        v++;
    }
    return TD_OK;
}
