/* test_rowpipe.c - the import's reading thread (rowpipe) and its conflict
 * set (seen), without a database. */
#include "config.h"

#include "theodoi/kinds.h"
#include "theodoi/rowpipe.h"
#include "theodoi/seen.h"
#include "theodoi/sha256.h"
#include "theodoi/util.h"

#include "cu-run.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A producer of n rows: row i has line i + 1, values "i" and "x<i>", a
 * problem on every 1000th row, a read problem at the end when asked. */
typedef struct gen {
    long n, done;
    int fail_at_end;
} gen;

static int produce(void *ctx, pipe_row *row)
{
    gen *g = ctx;
    if (g->done == g->n) {
        if (g->fail_at_end)
            problems_add(&row->errs, "f.csv", g->n + 2, NULL, "broken quoting");
        return g->fail_at_end ? -1 : 0;
    }
    long i = g->done++;
    row->line = i + 1;
    row->vals[0] = xasprintf("%ld", i);
    row->vals[1] = xasprintf("x%ld", i);
    row->apply = i % 1000 != 999;
    if (!row->apply)
        problems_add(&row->errs, "f.csv", i + 1, "count", "bad row %ld", i);
    return 1;
}

/* Every row arrives once, in order, with its values and problems. */
static void test_order(void)
{
    gen g = {10000, 0, 1};
    rowpipe *p = rowpipe_start(2, 4, produce, &g);
    problems all;
    problems_init(&all, 50);
    long seen = 0, bad = 0;
    int ordered = 1, read_problem = 0;
    pipe_row *r;
    while ((r = rowpipe_next(p))) {
        if (r->line == 0) { /* the end, with the read problem */
            read_problem = r->errs.count == 1 && strstr(r->errs.msg[0], "f.csv:10002:");
            continue;
        }
        char want[32];
        snprintf(want, sizeof want, "%ld", seen);
        ordered &= r->line == seen + 1 && strcmp(r->vals[0], want) == 0 && r->vals[1][0] == 'x';
        bad += !r->apply;
        problems_move(&all, &r->errs);
        seen++;
    }
    CU_ASSERT_EQUAL(seen, 10000);
    CU_ASSERT(ordered);
    CU_ASSERT_EQUAL(bad, 10);
    CU_ASSERT_EQUAL(all.count, 10);
    CU_ASSERT_PTR_NOT_NULL(strstr(all.msg[0], "f.csv:1000: count: bad row 999"));
    CU_ASSERT(read_problem);
    rowpipe_free(&p);
    CU_ASSERT_PTR_NULL(p);
    problems_free(&all);
}

/* Stopping early (an interrupted import) neither hangs nor leaks; an empty
 * file gives no row. */
static void test_stop_and_empty(void)
{
    gen g = {1000000, 0, 0};
    rowpipe *p = rowpipe_start(2, 4, produce, &g);
    for (int i = 0; i < 3000; i++)
        CU_ASSERT_PTR_NOT_NULL(rowpipe_next(p));
    const pipe_row *ahead = rowpipe_ahead(p, 1);
    CU_ASSERT(ahead == NULL || ahead->line == 3001);
    rowpipe_free(&p);
    CU_ASSERT(g.done < 1000000);
    gen e = {0, 0, 0};
    p = rowpipe_start(2, 4, produce, &e);
    CU_ASSERT_PTR_NULL(rowpipe_next(p));
    rowpipe_free(&p);
}

/* A checklist row: unit, item, period, status, ..., updated_at (8). */
static seen_hash row_hash(const char *unit, const char *status, const char *at)
{
    char *v[10] = {(char *)unit, "NV1.1", NULL, (char *)status, NULL,
                   NULL,         NULL,    NULL, (char *)at,     "cb"};
    return seen_hash_of(kind_get(KIND_CHECKLIST), v);
}

/* Same key and time with other values conflict, wherever the first row
 * was; other times, other keys and equal rows do not. */
static void check_set(seen_set *s, long rows)
{
    int tf;
    long tl;
    char unit[16];
    for (long i = 0; i < rows; i++) {
        snprintf(unit, sizeof unit, "%05ld", i);
        CU_ASSERT_EQUAL_FATAL(seen_check(s, row_hash(unit, "done", "2026-01-01T00:00:00+07:00"),
                                         i % 3, i + 2, &tf, &tl),
                              0);
    }
    /* the same rows again: no conflict */
    CU_ASSERT_EQUAL(
        seen_check(s, row_hash("00000", "done", "2026-01-01T00:00:00+07:00"), 5, 9, &tf, &tl), 0);
    /* another time: another row of the key, no conflict */
    CU_ASSERT_EQUAL(
        seen_check(s, row_hash("00007", "todo", "2026-01-02T00:00:00+07:00"), 5, 9, &tf, &tl), 0);
    /* other values at the same time: a conflict, and where the first was */
    snprintf(unit, sizeof unit, "%05ld", rows - 1);
    CU_ASSERT_EQUAL(
        seen_check(s, row_hash(unit, "todo", "2026-01-01T00:00:00+07:00"), 5, 9, &tf, &tl), 1);
    CU_ASSERT_EQUAL(tf, (int)((rows - 1) % 3));
    CU_ASSERT_EQUAL(tl, rows + 1);
    CU_ASSERT_EQUAL(
        seen_check(s, row_hash("00001", "doing", "2026-01-01T00:00:00+07:00"), 5, 9, &tf, &tl), 1);
    CU_ASSERT_EQUAL(tl, 3);
}

static void test_seen(void)
{
    seen_set *s = seen_new(10);
    check_set(s, 20000); /* grows past its first size */
    seen_free(&s);
    CU_ASSERT_PTR_NULL(s);
}

/* Past the memory table, rows go to the spill file and still conflict. */
static void test_seen_spill(void)
{
    seen_set *s = seen_new(0);
    seen_limit(s, 4096); /* 3,072 rows in memory, the rest spilled */
    check_set(s, 10000);
    seen_free(&s);
}

/* SHA-256 (with the CPU's SHA instructions where it has them) of the
 * empty string, "abc" and a megabyte, as coreutils' sha256sum says. */
static void test_sha256(void)
{
    char h[65];
    sha256_hex("", 0, h);
    CU_ASSERT_STRING_EQUAL(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_hex("abc", 3, h);
    CU_ASSERT_STRING_EQUAL(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    char *big = xmalloc(1000000);
    for (int i = 0; i < 1000000; i++)
        big[i] = (char)(i * 7);
    sha256_hex(big, 1000000, h);
    CU_ASSERT_STRING_EQUAL(h, "36d8612204e70e840d13eda28f71fdb28725faaba02ae27e3eae7b0770b03fe6");
    free(big);
}

int main(void)
{
    static const cu_test tests[] = {
        {"rows arrive once, in order, with their problems", test_order},
        {"stopping early, an empty file", test_stop_and_empty},
        {"the conflict set", test_seen},
        {"the conflict set beyond memory", test_seen_spill},
        {"SHA-256 of files imported before", test_sha256},
    };
    return CU_RUN("rowpipe", NULL, NULL, NULL, NULL, tests);
}
