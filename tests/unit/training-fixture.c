/* training-fixture.c - the fixture of test_training.c and test_roster.c
 * (see training-fixture.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/Basic.h>

#include "training-fixture.h"

#include "theodoi/apply.h"
#include "theodoi/edit.h"
#include "theodoi/init.h"
#include "theodoi/learners.h"
#include "theodoi/store.h"
#include "theodoi/training.h"
#include "theodoi/users.h"

char dir[64];
td_db *db;

/* ---- fixture ---------------------------------------------------------- */

/* A fresh database of Hải Phòng (units, template, groups, courses) with
 * this login as its admin. */
int setup(void)
{
    static int seq;
    char path[128], *err = NULL;
    snprintf(path, sizeof path, "%s/t%d.db", dir, ++seq);
    if (db_open(path, DB_OPEN_CREATE, &db, &err) != TD_OK) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return -1;
    }
    return init_load(db, "31", NULL, 1) == TD_OK ? 0 : -1;
}

int teardown(void)
{
    db_close(&db);
    return 0;
}

/* Direct entry that must succeed. */
void counts(const char *unit, const char *month, const char *group, const char *course, int64_t pop,
            int64_t reg, int64_t comp, int64_t conf)
{
    edit_result res = {0};
    int rc = training_set_counts(db, unit, month, group, course, pop, reg, comp, conf, NULL, &res);
    CU_ASSERT_EQUAL(rc, TD_OK);
    if (res.err)
        fprintf(stderr, "unexpected: %s\n", res.err);
    edit_result_free(&res);
}

void target(const char *year, const char *group, const char *course, const char *pct)
{
    char *vals[4] = {(char *)year, (char *)group, (char *)course, (char *)pct};
    edit_result res = {0};
    CU_ASSERT_EQUAL(edit_row(db, kind_get(KIND_TARGETS), vals, NULL, &res), TD_OK);
    edit_result_free(&res);
}

/* Add a learner; returns the new id (malloc'd). */
char *add(const char *name, const char *group, const char *village, const char *course,
          const char *status)
{
    learner_form f = {name, "1980", "nu", group, village, course, status};
    char *id = NULL;
    edit_result res = {0};
    CU_ASSERT_EQUAL(learner_save(db, A, NULL, NULL, &f, NULL, &id, &res), TD_OK);
    if (res.err)
        fprintf(stderr, "unexpected: %s\n", res.err);
    edit_result_free(&res);
    return id;
}

/* The row of group/course in unit's table for month (a copy). */
tr_row row_of(const char *unit, const char *month, const char *group, const char *course)
{
    tr_table t;
    tr_row r = {.population = -9};
    CU_ASSERT_EQUAL_FATAL(training_table_load(db, unit, month, &t), TD_OK);
    for (size_t i = 0; i < t.n; i++)
        if (!strcmp(t.rows[i].group, group) && !strcmp(t.rows[i].course, course)) {
            r = t.rows[i];
            r.group_title = r.course_title = NULL;
        }
    training_table_free(&t);
    return r;
}

/* Run tests[0..n), one suite each (every test starts from a fresh
 * database), with the clock and share/ of the fixture; 0 when all pass. */
int training_run(const char *name, const training_test *tests, size_t n)
{
    snprintf(dir, sizeof dir, "/tmp/%s.XXXXXX", name);
    if (!mkdtemp(dir))
        return 99;
    setenv("THEODOI_SHARE", ABS_SRCDIR "/share", 1);
    setenv("THEODOI_TODAY", "2026-03-15", 1);
    setenv("THEODOI_NOW", "2026-03-15T10:00:00+07:00", 1);
    setenv("THEODOI_LANG", "en", 1);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    for (size_t i = 0; i < n; i++) {
        CU_pSuite s = CU_add_suite(tests[i].name, setup, teardown);
        CU_add_test(s, tests[i].name, tests[i].fn);
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        failed++;
    return failed ? 1 : 0;
}
