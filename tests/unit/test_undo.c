/* test_undo.c - undo of an import on real SQLite files: the exact
 * revert, the refusal when later writes depend on it, a roster's rows
 * found by their batch.  The fixture is sync-fixture.c's (a fresh
 * database of Hai Phong per test, the clock fixed at
 * 2026-11-22T10:00:00+07:00). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "theodoi/apply.h"
#include "theodoi/batches.h"
#include "theodoi/codes.h"
#include "theodoi/db.h"
#include "theodoi/edit.h"
#include "theodoi/init.h"
#include "theodoi/kinds.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"
#include "theodoi/util.h"

#include "cu-run.h"
#include "sync-fixture.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- undo ---------------------------------------------------------------- */

static void test_undo(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_EQUAL(
        import1(file("u0.csv", HC "10532,NV1.1,,doing,,,,,2025-08-10T09:00:00+07:00,\n")), TD_OK);
    char *before = export_all();
    CU_ASSERT_EQUAL(
        import_as(
            ROLE_ADMIN, NULL, 0,
            file("u1.csv", HC "10532,NV1.1,,done,2025-08-20,,,,2025-08-20T09:00:00+07:00,\n"
                              "10532,NV2.2,2026,done,2026-10-01,5,,,2026-10-01T09:00:00+07:00,\n"),
            file(
                "u2.csv", HL
                "10532,A1,Ngô Thị Mai,1983,nu,cbccvc,,KNS-CB,confirmed,2026-11-01T08:00:00+07:00,\n"),
            file("u3.csv", "period,group_code,course_code,target_pct\n2026,cbccvc,KNS-CB,95\n")),
        TD_OK);
    int64_t b1 = rep.batch;
    CU_ASSERT(b1 > 0);
    char *during = export_all();
    CU_ASSERT_STRING_NOT_EQUAL(before, during);
    problems p;
    problems_init(&p, 20);
    CU_ASSERT_EQUAL(sync_undo(db, b1, "tester", &p), TD_OK);
    CU_ASSERT_EQUAL(p.count, 0);
    char *after = export_all();
    CU_ASSERT_STRING_EQUAL(before, after);
    /* twice: refused, nothing changes */
    CU_ASSERT_EQUAL(sync_undo(db, b1, "tester", &p), TD_EINPUT);
    CU_ASSERT(has(&p, "*undone already"));
    CU_ASSERT_EQUAL(sync_undo(db, 9999, "tester", &p), TD_EINPUT);
    problems_free(&p);
    free(before);
    free(during);
    free(after);
}

static void test_undo_refused(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_EQUAL(
        import1(file("w1.csv", HC "10532,NV1.1,,done,2025-08-20,,,,2025-08-20T09:00:00+07:00,\n"
                                  "10532,NV1.2,,done,2025-08-20,,,,2025-08-20T09:00:00+07:00,\n")),
        TD_OK);
    int64_t b1 = rep.batch;
    CU_ASSERT_EQUAL(
        import1(
            file("w2.csv", HC "10532,NV1.2,,done,2025-08-21,,,sửa,2025-08-21T09:00:00+07:00,\n")),
        TD_OK);
    int64_t b2 = rep.batch;
    char *before = export_all();
    problems p;
    problems_init(&p, 20);
    CU_ASSERT_EQUAL(sync_undo(db, b1, "tester", &p), TD_EINPUT);
    CU_ASSERT(has(&p, "checklist 10532|NV1.2| was changed after this import"));
    CU_ASSERT_EQUAL(p.count, 1); /* NV1.1 is no obstacle */
    char *after = export_all();
    CU_ASSERT_STRING_EQUAL(before, after);
    free(after);
    problems_free(&p);
    problems_init(&p, 20);
    CU_ASSERT_EQUAL(sync_undo(db, b2, "tester", &p), TD_OK);
    CU_ASSERT_EQUAL(sync_undo(db, b1, "tester", &p), TD_OK);
    char *s = export_kind(KIND_CHECKLIST, NULL, NULL);
    CU_ASSERT_STRING_EQUAL(
        s,
        "\xef\xbb\xbf"
        "unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by\r\n");
    free(s);
    problems_free(&p);
    free(before);
}

/* New roster rows wait to be written 64 at a time: a key that comes again
 * in the same file still meets its first row (newer: an update; older:
 * stale; the same time with other values: a conflict), and a long file
 * writes every row. */
static void test_roster_repeats(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    strbuf b = {0};
    sb_add(&b, HL);
    for (int i = 0; i < 150; i++)
        sb_addf(&b,
                "10532,R%03d,Ngô Thị Mai,1983,nu,cbccvc,,KNS-CB,learning,"
                "2026-11-01T08:00:00+07:00,\n",
                i);
    sb_add(&b, "10532,R010,Ngô Thị Mai,1983,nu,cbccvc,,KNS-CB,completed,"
               "2026-11-02T08:00:00+07:00,\n"
               "10532,R140,Ngô Thị Mai,1983,nu,cbccvc,,KNS-CB,completed,"
               "2026-10-02T08:00:00+07:00,\n");
    CU_ASSERT_EQUAL(import1(file("rr1.csv", b.s)), TD_OK);
    CU_ASSERT_EQUAL(rep.by_kind[KIND_LEARNERS].inserted, 150);
    CU_ASSERT_EQUAL(rep.by_kind[KIND_LEARNERS].updated, 1);
    CU_ASSERT_EQUAL(rep.by_kind[KIND_LEARNERS].stale, 1);
    int64_t n[3];
    CU_ASSERT_EQUAL(store_learner_counts(db, "10532", "cbccvc", "KNS-CB", n), 1);
    CU_ASSERT_EQUAL(n[0], 150);
    CU_ASSERT_EQUAL(n[1], 1);
    char *s = export_kind(KIND_LEARNERS, "10532", NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "R010,Ngô Thị Mai,1983,nu,cbccvc,,KNS-CB,completed,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "R149,"));
    free(s);
    sb_free(&b);
    /* the same key and time with other values, the first row still waiting */
    CU_ASSERT_EQUAL(import1(file("rr2.csv", HL "10532,Q1,Lê Thu,1990,,cbccvc,,KNS-CB,learning,"
                                               "2026-11-01T08:00:00+07:00,\n"
                                               "10532,Q1,Lê Thu,1990,,cbccvc,,KNS-CB,completed,"
                                               "2026-11-01T08:00:00+07:00,\n")),
                    TD_EINPUT);
    CU_ASSERT(has(&rep.errors, at("rr2.csv", "3: updated_at: another row of this import")));
}

/* Roster rows new to the database carry their batch and no audit entry
 * each: undo finds them by the batch, and refuses while a later write
 * (a batch not undone, or an edit in the UI) touched one of them. */
static void test_undo_roster(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    char *before = export_all();
    CU_ASSERT_EQUAL(
        import1(file(
            "r1.csv",
            HL "10532,A1,Ngô Thị Mai,1983,nu,cbccvc,,KNS-CB,confirmed,2026-11-01T08:00:00+07:00,\n"
               "10532,A2,Đỗ Văn Hùng,1970,nam,cbccvc,,KNS-CB,completed,2026-11-01T08:00:00+07:00,\n"
               "10532,A3,Lê Thu,1990,,cbccvc,,KNS-CB,learning,2026-11-01T08:00:00+07:00,\n")),
        TD_OK);
    int64_t b1 = rep.batch;
    CU_ASSERT_EQUAL(
        import1(file(
            "r2.csv", HL
            "10532,A2,Đỗ Văn Hùng,1970,nam,cbccvc,,KNS-CB,confirmed,2026-11-02T08:00:00+07:00,\n"
            "10532,A4,Phạm Văn An,2001,nam,cbccvc,,KNS-CB,registered,2026-11-02T08:00:00+07:00,\n")),
        TD_OK);
    int64_t b2 = rep.batch;
    char *both = export_all();
    problems p;
    problems_init(&p, 20);
    CU_ASSERT_EQUAL(sync_undo(db, b1, "tester", &p), TD_EINPUT);
    CU_ASSERT(has(&p, "learners 10532|A2|KNS-CB was changed after this import"));
    char *s = export_all();
    CU_ASSERT_STRING_EQUAL(s, both); /* nothing changed */
    free(s);
    problems_free(&p);
    problems_init(&p, 20);
    CU_ASSERT_EQUAL(sync_undo(db, b2, "tester", &p), TD_OK);
    CU_ASSERT_EQUAL(sync_undo(db, b1, "tester", &p), TD_OK);
    CU_ASSERT_EQUAL(p.count, 0);
    s = export_all();
    CU_ASSERT_STRING_EQUAL(s, before); /* roster, counts and derived rows gone */
    free(s);
    int64_t n[3];
    CU_ASSERT_EQUAL(store_learner_counts(db, "10532", "cbccvc", "KNS-CB", n), 0);
    /* an edit in the UI is a later write too */
    CU_ASSERT_EQUAL(import1(file("r3.csv", HL "10532,A5,Lê Thu,1990,,cbccvc,,KNS-CB,learning,"
                                              "2026-11-01T08:00:00+07:00,\n")),
                    TD_OK);
    int64_t b3 = rep.batch;
    const kind_def *k = kind_get(KIND_LEARNERS);
    char *v[11] = {"10532", "A5",     "Lê Thu",    "1990", NULL, "cbccvc",
                   NULL,    "KNS-CB", "completed", NULL,   NULL};
    char *vals[11];
    for (int i = 0; i < 11; i++)
        vals[i] = v[i] ? xstrdup(v[i]) : NULL;
    edit_result res = {0};
    CU_ASSERT_EQUAL(edit_row(db, k, vals, NULL, &res), TD_OK);
    edit_result_free(&res);
    store_vals_free(k, vals);
    CU_ASSERT_EQUAL(sync_undo(db, b3, "tester", &p), TD_EINPUT);
    CU_ASSERT(has(&p, "learners 10532|A5|KNS-CB was changed after this import"));
    problems_free(&p);
    free(before);
    free(both);
}

int main(void)
{
    static const cu_test tests[] = {
        {"undo reverts exactly", test_undo},
        {"undo refuses when later changes depend on it", test_undo_refused},
        {"undo of a roster: rows found by their batch", test_undo_roster},
        {"a roster file with a key twice", test_roster_repeats},
    };
    int f = CU_RUN("undo", suite_init, suite_clean, setup, teardown, tests);
    if (rep_live)
        import_report_free(&rep);
    return f;
}
