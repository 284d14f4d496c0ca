/* training-fixture.h - what test_training.c and test_roster.c share: a
 * fresh database of Hai Phong for each test (its admin is the tester),
 * the clock at 2026-03-15, helpers that enter counts, targets and
 * learners, and the runner (one CUnit suite per test). */
#ifndef THEODOI_TRAINING_FIXTURE_H
#define THEODOI_TRAINING_FIXTURE_H

#include <CUnit/Basic.h>
#include <stddef.h>
#include <stdint.h>

#include "theodoi/db.h"
#include "theodoi/training.h"

#define A "10532" /* Phường Lê Thanh Nghị */
#define B "10525" /* Phường Hải Dương */
#define NOW_MONTH "2026-03"

extern char dir[64];
extern td_db *db; /* this test's database */

int setup(void);
int teardown(void);
/* Direct entry that must succeed. */
void counts(const char *unit, const char *month, const char *group, const char *course, int64_t pop,
            int64_t reg, int64_t comp, int64_t conf);
void target(const char *year, const char *group, const char *course, const char *pct);
/* Add a learner to commune A; returns the new id (malloc'd). */
char *add(const char *name, const char *group, const char *village, const char *course,
          const char *status);
/* The row of group/course in unit's table for month (a copy). */
tr_row row_of(const char *unit, const char *month, const char *group, const char *course);

#define ASSERT_COUNTS(r, p, g, c, f)        \
    do {                                    \
        CU_ASSERT_EQUAL((r).population, p); \
        CU_ASSERT_EQUAL((r).registered, g); \
        CU_ASSERT_EQUAL((r).completed, c);  \
        CU_ASSERT_EQUAL((r).confirmed, f);  \
    } while (0)

typedef struct training_test {
    const char *name;
    void (*fn)(void);
} training_test;
#define T(f)  \
    {         \
#f, f \
    }
int training_run(const char *name, const training_test *tests, size_t n);
#define TRAINING_RUN(name, tests) training_run(name, tests, sizeof(tests) / sizeof((tests)[0]))

#endif
