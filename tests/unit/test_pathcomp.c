/* test_pathcomp.c - Tab completion and directory listings for import. */
#include "config.h"

#include "theodoi/pathcomp.h"
#include "theodoi/util.h"

#include "cu-run.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void touch(const char *name)
{
    char *p = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    if (f)
        fclose(f);
    free(p);
}

static int setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/theodoi-pc.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    touch("xa-10532.csv");
    touch("xa-10525.CSV");
    touch("notes.odt");
    touch(".hidden.csv");
    char *sub = xasprintf("%s/thang11", dir);
    mkdir(sub, 0700);
    free(sub);
    return 0;
}

static int teardown(void)
{
    char *cmd = xasprintf("rm -rf %s", dir);
    int rc = system(cmd);
    free(cmd);
    return rc;
}

/* "xa-1" completes to the common part "xa-105" and offers both files. */
static void test_complete_common_prefix(void)
{
    char *typed = xasprintf("%s/xa", dir), *out, **m;
    size_t n;
    CU_ASSERT_EQUAL(path_complete(typed, &out, &m, &n), 2);
    char *want = xasprintf("%s/xa-105", dir);
    CU_ASSERT_STRING_EQUAL(out, want);
    CU_ASSERT_STRING_EQUAL(m[0], "xa-10525.CSV");
    CU_ASSERT_STRING_EQUAL(m[1], "xa-10532.csv");
    free(want);
    free(out);
    free(typed);
    path_matches_free(m, n);
}

/* A single directory match completes with its slash. */
static void test_complete_directory(void)
{
    char *typed = xasprintf("%s/th", dir), *out, **m;
    size_t n;
    CU_ASSERT_EQUAL(path_complete(typed, &out, &m, &n), 1);
    char *want = xasprintf("%s/thang11/", dir);
    CU_ASSERT_STRING_EQUAL(out, want);
    free(want);
    free(out);
    free(typed);
    path_matches_free(m, n);
}

/* Nothing matches: the text stays as typed. */
static void test_complete_none(void)
{
    char *typed = xasprintf("%s/zz", dir), *out, **m;
    size_t n;
    CU_ASSERT_EQUAL(path_complete(typed, &out, &m, &n), 0);
    CU_ASSERT_STRING_EQUAL(out, typed);
    free(out);
    free(typed);
    path_matches_free(m, n);
}

/* The listing shows ../ and directories first, then CSV files only. */
static void test_listing(void)
{
    dir_entry *e;
    size_t n;
    CU_ASSERT_EQUAL(dir_list_csv(dir, &e, &n), 0);
    CU_ASSERT_EQUAL(n, 4);
    if (n == 4) {
        CU_ASSERT_STRING_EQUAL(e[0].name, "../");
        CU_ASSERT_STRING_EQUAL(e[1].name, "thang11/");
        CU_ASSERT_STRING_EQUAL(e[2].name, "xa-10525.CSV");
        CU_ASSERT_STRING_EQUAL(e[3].name, "xa-10532.csv");
    }
    dir_list_free(e, n);
    CU_ASSERT_EQUAL(dir_list_csv("/nonexistent/dir", &e, &n), -1);
}

static void test_tilde(void)
{
    setenv("HOME", "/home/lan", 1);
    char *p = path_expand("~/xa.csv");
    CU_ASSERT_STRING_EQUAL(p, "/home/lan/xa.csv");
    free(p);
}

int main(void)
{
    static const cu_test tests[] = {
        {"completion to the common prefix", test_complete_common_prefix},
        {"completion of a directory", test_complete_directory},
        {"no completion", test_complete_none},
        {"directory listing for import", test_listing},
        {"~ expands to HOME", test_tilde},
    };
    return CU_RUN("pathcomp", setup, teardown, NULL, NULL, tests);
}
