/* cu-run.h - the one main() of the CUnit programs in tests/unit: a table
 * of tests run as one suite, verbose, exit status 0 when all pass. */
#ifndef THEODOI_CU_RUN_H
#define THEODOI_CU_RUN_H

#include <CUnit/CUnit.h>
#include <stddef.h>

typedef struct cu_test {
    const char *name;
    CU_TestFunc fn;
} cu_test;

/* Run tests[0..n) as the suite name: init and clean once around it (NULL:
 * none), setup and teardown around each test.  0 all passed, 1 a test or
 * the suite's init failed, 2 CUnit could not start. */
int cu_run(const char *name, CU_InitializeFunc init, CU_CleanupFunc clean, CU_SetUpFunc setup,
           CU_TearDownFunc teardown, const cu_test *tests, size_t n);

#define CU_RUN(name, init, clean, setup, teardown, tests) \
    cu_run(name, init, clean, setup, teardown, tests, sizeof(tests) / sizeof((tests)[0]))

#endif
