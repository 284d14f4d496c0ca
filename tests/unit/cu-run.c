/* cu-run.c - see cu-run.h. */
#include "config.h"

#include "cu-run.h"

#include <CUnit/Basic.h>

int cu_run(const char *name, CU_InitializeFunc init, CU_CleanupFunc clean, CU_SetUpFunc setup,
           CU_TearDownFunc teardown, const cu_test *tests, size_t n)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite_with_setup_and_teardown(name, init, clean, setup, teardown);
    for (size_t i = 0; s && i < n; i++)
        if (!CU_add_test(s, tests[i].name, tests[i].fn))
            s = NULL;
    if (!s) {
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
