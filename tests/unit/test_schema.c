/* test_schema.c - an older database file is brought up to this program's
 * schema when it is opened: version 5 rewrites the roster's name keys,
 * and the roster keeps its Vietnamese order afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/Basic.h>

#include "cu-run.h"
#include "theodoi/db.h"
#include "theodoi/learners.h"
#include "theodoi/text.h"
#include "theodoi/util.h"

static char dir[64], path[96];

/* Names in Vietnamese roster order (given name, then the whole name). */
static const char *const ORDERED[] = {"Nguyễn Văn An", "Trần Văn An", "Lê Thị Ánh",
                                      "Phạm Hoài Ân",  "Vũ Thị Bình", "Đỗ Văn Dũng",
                                      "Bùi Văn Đạt",   "Hoàng Thị Em"};
#define NORD (sizeof ORDERED / sizeof *ORDERED)

static int init(void)
{
    strcpy(dir, "/tmp/test_schema.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/old.db", dir);
    return 0;
}

static int clean(void)
{
    unlink(path);
    rmdir(dir);
    return 0;
}

/* A file as version 4 left it: roster rows whose name keys are in an
 * older form (here a key that orders them backwards). */
static void make_version_4(void)
{
    td_db *db = NULL;
    char *err = NULL, sql[512];
    CU_ASSERT_EQUAL_FATAL(db_open(path, DB_OPEN_CREATE, &db, &err), TD_OK);
    CU_ASSERT_EQUAL_FATAL(db_begin(db), TD_OK);
    for (size_t i = 0; i < NORD; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO learners(unit_code, learner_id, course_code, full_name, group_code,"
                 " status, updated_at, updated_by, name_key) VALUES('10532', 'L%zu', 'KNS-CB',"
                 " '%s', 'nguoi_dan', 'learning', '2026-03-01T08:00:00+07:00', 'cb', '%c')",
                 i, ORDERED[i], (char)('z' - i));
        CU_ASSERT_EQUAL_FATAL(db_exec(db, sql), TD_OK);
    }
    CU_ASSERT_EQUAL_FATAL(db_exec(db, "PRAGMA user_version=4"), TD_OK);
    CU_ASSERT_EQUAL_FATAL(db_commit(db), TD_OK);
    db_close(&db);
}

static void test_name_keys_rewritten(void)
{
    td_db *db = NULL;
    char *err = NULL;
    learner_filter f = {.unit = "10532", .status = -1};
    learner_page p;

    make_version_4();
    CU_ASSERT_EQUAL_FATAL(db_open(path, 0, &db, &err), TD_OK);
    CU_ASSERT_EQUAL(db_user_version(db), db_schema_version());
    CU_ASSERT(db_schema_version() >= 5);
    sqlite3_stmt *st = db_prep(db, "SELECT full_name, name_key FROM learners");
    int rows = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        char *want = text_name_key((const char *)sqlite3_column_text(st, 0));
        CU_ASSERT_STRING_EQUAL(sqlite3_column_text(st, 1), want);
        free(want);
        rows++;
    }
    CU_ASSERT_EQUAL(rows, (int)NORD);
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, NULL, LP_AFTER, NORD, &p), TD_OK);
    CU_ASSERT_EQUAL_FATAL(p.n, NORD);
    for (size_t i = 0; i < NORD; i++)
        CU_ASSERT_STRING_EQUAL(p.rows[i].full_name, ORDERED[i]);
    learner_page_free(&p);
    db_close(&db);
}

int main(void)
{
    static const cu_test tests[] = {{"name_keys_rewritten", test_name_keys_rewritten}};
    return CU_RUN("schema", init, clean, NULL, NULL, tests);
}
