/* test_sync.c - import and export on real SQLite files (undo: test_undo.c).
 *
 * Each test makes a fresh database of Hai Phong (init_load, province 31)
 * in a mkdtemp() directory, writes the CSV files it imports there, and
 * checks what a clerk would notice: the messages with FILE:LINE: column,
 * the counts, and the exports, byte for byte, before and after.  The clock
 * is fixed at 2026-11-22T10:00:00+07:00; share/ is the source tree's.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "theodoi/apply.h"
#include "theodoi/batches.h"
#include "theodoi/codes.h"
#include "theodoi/db.h"
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

/* ---- validation ------------------------------------------------------ */

static void test_messages(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    const char *f = file("v.csv", HC "10532,NV1.1,,done,2025-08-20,,,,,\n"
                                     "10532,NV1.2,,done,31/02/2025,,,,,\n"
                                     "99999,NV1.3,,done,,,,,,\n"
                                     "10532,NV9.9,,done,,-2,,,,\n"
                                     "10532,NV2.2,,done,,,,,,\n"
                                     "10532,NV1.4,2025,xong,,,,,2026-11-23T10:00:01+07:00,\n"
                                     "10532,NV1.5,,done,2026-11-23,,,,,\n"
                                     "10532,NV2.3\n");
    CU_ASSERT_EQUAL(import1(f), TD_EINPUT);
    CU_ASSERT(has(&rep.errors, at("v.csv", "3: done_on: not a date")));
    CU_ASSERT(has(&rep.errors, at("v.csv", "4: unit_code: unknown ")));
    CU_ASSERT(has(&rep.errors, at("v.csv", "5: item_code: unknown item NV9.9")));
    CU_ASSERT(has(&rep.errors, at("v.csv", "5: quantity: negative count: -2")));
    CU_ASSERT(has(&rep.errors, at("v.csv", "6: period: a yearly item needs the year")));
    CU_ASSERT(has(&rep.errors, at("v.csv", "7: status: unknown status")));
    CU_ASSERT(has(&rep.errors, at("v.csv", "7: updated_at: time more than a day in the future")));
    CU_ASSERT(has(&rep.errors, at("v.csv", "8: done_on: date in the future: 2026-11-23")));
    CU_ASSERT(has(&rep.errors, at("v.csv", "9: 2 fields, but the header has 10")));
    CU_ASSERT_EQUAL(rep.errors.count, 9);
    CU_ASSERT_EQUAL(rep.batch, 0);
}

static void test_training_rules(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    const char *f = file("t.csv", HT "10532,2026-10,cbccvc,KNS-CB,50,40,30,20,,\n"
                                     "10532,2026-10,hssv,KNS-CB,50,40,45,20,,\n"
                                     "10532,2026-10,nguoi_dan,KNS-CB,50,40,30,35,,\n"
                                     "10532,2026-10,nld_dn,KNS-CB,30,40,30,20,,\n"
                                     "10532,2026-12,cbccvc,TTHC,50,40,30,20,,\n"
                                     "10532,2026-10,cbccvc,NOPE,50,40,30,20,,\n");
    CU_ASSERT_EQUAL(import1(f), TD_EINPUT);
    CU_ASSERT(
        has(&rep.errors, at("t.csv", "3: completed: completed (45) is more than registered (40)")));
    CU_ASSERT(
        has(&rep.errors, at("t.csv", "4: confirmed: confirmed (35) is more than completed (30)")));
    CU_ASSERT(has(&rep.errors,
                  at("t.csv", "5: registered: registered (40) is more than population (30)")));
    CU_ASSERT(has(&rep.errors, at("t.csv", "6: period: month in the future: 2026-12")));
    CU_ASSERT(has(&rep.errors, at("t.csv", "7: course_code: unknown course NOPE")));
    CU_ASSERT_EQUAL(rep.errors.count, 5);
}

static void test_headers(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_EQUAL(
        import1(file(
            "h1.csv",
            "unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by,extra\n")),
        TD_EINPUT);
    CU_ASSERT(has(&rep.errors,
                  at("h1.csv", "1: header: not the header of a known kind (closest: checklist)")));
    CU_ASSERT(has(&rep.errors, "*unexpected column \"extra\""));
    CU_ASSERT_EQUAL(
        import1(file(
            "h2.csv",
            "unit_code,item_code,period,status,done_on,quantity,evidence,evidence,updated_at,updated_by\n")),
        TD_EINPUT);
    CU_ASSERT(
        has(&rep.errors,
            at("h2.csv",
               "1: evidence: column \"evidence\" appears twice in the header (columns 7 and 8)")));
    CU_ASSERT_EQUAL(import1(file("h3.csv", "")), TD_EINPUT);
    CU_ASSERT(has(&rep.errors, at("h3.csv", "1: empty file")));
    CU_ASSERT_EQUAL(import1(file("h4.csv", HC "10532,NV1.1,,done,,,\"never closed,,,\n")),
                    TD_EINPUT);
    CU_ASSERT(has(&rep.errors, at("h4.csv", "2: broken quoting")));
    CU_ASSERT_EQUAL(import1(file("h5.csv", HC "10532,NV1.1,,done,,,Quy\xea\xd8t,,,\n")), TD_EINPUT);
    CU_ASSERT(has(&rep.errors, at("h5.csv", "2: not UTF-8")));
    /* a header alone is a good file that changes nothing */
    CU_ASSERT_EQUAL(import1(file("h6.csv", HC)), TD_OK);
    COUNTS(KIND_CHECKLIST, 0, 0, 0, 0);
    /* a file that cannot be opened */
    char none[400];
    snprintf(none, sizeof none, "%s/none.csv", tmpdir);
    CU_ASSERT_EQUAL(import1(none), TD_EINPUT);
    CU_ASSERT(has(&rep.errors, "*none.csv"));
}

/* ---- all or nothing, idempotence, newest wins ------------------------- */

static void test_atomic(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    char *before = export_all();
    const char *good =
        file("a1.csv", HC "10532,NV1.1,,done,2025-08-20,,,,2025-08-20T09:00:00+07:00,\n");
    const char *good2 =
        file("a2.csv", "period,group_code,course_code,target_pct\n2026,cbccvc,KNS-CB,90\n");
    const char *bad = file("a3.csv", HT "10532,2026-10,cbccvc,KNS-CB,50,40,30,20,,\n"
                                        "10532,2026-10,hssv,KNS-CB,50,40,45,20,,\n");
    CU_ASSERT_EQUAL(import_as(ROLE_ADMIN, NULL, 0, good, good2, bad), TD_EINPUT);
    CU_ASSERT_EQUAL(rep.errors.count, 1);
    CU_ASSERT(has(&rep.errors, at("a3.csv", "3: completed:")));
    CU_ASSERT_EQUAL(rep.batch, 0);
    char *after = export_all();
    CU_ASSERT_STRING_EQUAL(before, after);
    CU_ASSERT_EQUAL(count_batches(), 1); /* the batch of init only */
    free(before);
    free(after);
}

static void test_idempotent(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    const char *f = file(
        "i.csv", HC "10532,NV1.1,,done,2025-08-20,,Số 12/KH-UBND,,2025-08-20T09:00:00+07:00,an\n"
                    "10532,NV2.2,2026,doing,,3,,\"a, b\",,\n");
    CU_ASSERT_EQUAL(import1(f), TD_OK);
    COUNTS(KIND_CHECKLIST, 2, 0, 0, 0);
    CU_ASSERT(rep.batch > 0);
    CU_ASSERT_EQUAL(rep.notes.count, 0);
    char *once = export_all();
    int batches = count_batches();
    CU_ASSERT_EQUAL(import1(f), TD_OK);
    COUNTS(KIND_CHECKLIST, 0, 0, 2, 0);
    CU_ASSERT_EQUAL(rep.batch, 0); /* nothing changed, no batch */
    CU_ASSERT(has(&rep.notes, "*this file was imported before"));
    char *twice = export_all();
    CU_ASSERT_STRING_EQUAL(once, twice);
    CU_ASSERT_EQUAL(count_batches(), batches);
    free(once);
    free(twice);
}

static void test_newest_wins(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_EQUAL(import1(file("n1.csv", HC
                                 "10532,NV1.1,,done,2025-08-20,,,B,2025-08-20T09:00:00+07:00,b\n")),
                    TD_OK);
    /* older: stale, reported with its line and key */
    CU_ASSERT_EQUAL(
        import1(file("n2.csv", HC "10532,NV1.2,,todo,,,,,2025-08-01T09:00:00+07:00,a\n"
                                  "10532,NV1.1,,doing,,,,A,2025-08-10T09:00:00+07:00,a\n")),
        TD_OK);
    COUNTS(KIND_CHECKLIST, 1, 0, 0, 1);
    CU_ASSERT(has(&rep.notes, at("n2.csv", "3: stale: the stored row 10532|NV1.1| is newer")));
    char *s = export_kind(KIND_CHECKLIST, "10532", NULL);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(s, "10532,NV1.1,,done,2025-08-20,,,B,2025-08-20T09:00:00+07:00,b\r\n"));
    free(s);
    /* same values, later: unchanged, the stored time stays */
    CU_ASSERT_EQUAL(import1(file("n3.csv", HC
                                 "10532,NV1.1,,done,2025-08-20,,,B,2025-09-01T09:00:00+07:00,c\n")),
                    TD_OK);
    COUNTS(KIND_CHECKLIST, 0, 0, 1, 0);
    /* newer, by the time and not the text: 03:00Z is after 09:00+07:00 */
    CU_ASSERT_EQUAL(
        import1(file("n4.csv", HC "10532,NV1.1,,done,2025-08-20,,,C,2025-08-20T03:00:00Z,d\n")),
        TD_OK);
    COUNTS(KIND_CHECKLIST, 0, 1, 0, 0);
    s = export_kind(KIND_CHECKLIST, "10532", NULL);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(s, "10532,NV1.1,,done,2025-08-20,,,C,2025-08-20T10:00:00+07:00,d\r\n"));
    free(s);
}

static void test_conflicts(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    char *before = export_all();
    const char *f =
        file("c1.csv", HC "10532,NV2.1,,doing,,1,,,2026-01-10T08:00:00+07:00,\n"
                          "10532,NV1.1,,done,2025-08-20,,,,2025-08-20T08:00:00+07:00,\n"
                          "10532,NV2.1,,done,2026-01-09,2,,,2026-01-10T08:00:00+07:00,\n");
    CU_ASSERT_EQUAL(import1(f), TD_EINPUT);
    CU_ASSERT(has(&rep.errors, at("c1.csv", "4: updated_at: another row of this import")));
    CU_ASSERT(has(&rep.errors, "*c1.csv:2)"));
    CU_ASSERT_EQUAL(rep.errors.count, 1);
    char *after = export_all();
    CU_ASSERT_STRING_EQUAL(before, after);
    free(after);
    /* when the first of the two equals the stored row, still a conflict */
    CU_ASSERT_EQUAL(
        import1(file("c2.csv", HC "10532,NV2.1,,doing,,1,,,2026-01-10T08:00:00+07:00,\n")), TD_OK);
    free(before);
    before = export_all();
    CU_ASSERT_EQUAL(import1(f), TD_EINPUT);
    CU_ASSERT(has(&rep.errors, at("c1.csv", "4: updated_at: another row of this import")));
    after = export_all();
    CU_ASSERT_STRING_EQUAL(before, after);
    free(after);
    /* and across two files; the same row twice is no conflict */
    const char *g =
        file("c3.csv", HC "10532,NV2.1,,done,2026-01-09,2,,,2026-01-10T08:00:00+07:00,\n");
    CU_ASSERT_EQUAL(
        import_as(ROLE_ADMIN, NULL, 0,
                  file("c4.csv", HC "10532,NV2.1,,doing,,1,,,2026-01-10T08:00:00+07:00,x\n"), g,
                  NULL),
        TD_EINPUT);
    CU_ASSERT(has(&rep.errors, at("c3.csv", "2: updated_at: another row of this import (")));
    CU_ASSERT_EQUAL(
        import1(file("c5.csv",
                     HC "10532,NV2.4,2026,done,2026-02-01,,,,2026-02-01T08:00:00+07:00,x\n"
                        "10532,NV2.4,2026,done,2026-02-01,,,,2026-02-01T08:00:00+07:00,y\n")),
        TD_OK);
    COUNTS(KIND_CHECKLIST, 1, 0, 1, 0);
    /* a kind without updated_at: two rows of a key with other values */
    CU_ASSERT_EQUAL(import1(file("c6.csv", "period,group_code,course_code,target_pct\n"
                                           "2026,hssv,KNS-CB,80\n2026,hssv,KNS-CB,90\n")),
                    TD_EINPUT);
    CU_ASSERT(has(&rep.errors, at("c6.csv", "3: another row of this import")));
    free(before);
}

static void test_dry_run(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_EQUAL(
        import1(file("d0.csv", HC "10532,NV1.1,,done,2025-08-20,,,,2025-08-20T09:00:00+07:00,\n")),
        TD_OK);
    char *before = export_all();
    int batches = count_batches();
    const char *f = file("d1.csv", HC "10532,NV1.1,,doing,,,,cũ,2025-08-01T09:00:00+07:00,\n"
                                      "10532,NV1.2,,done,2025-08-20,,,,,\n"
                                      "10532,NV1.3,,doing,,,,,,\n");
    CU_ASSERT_EQUAL(import_as(ROLE_ADMIN, NULL, 1, f, NULL, NULL), TD_OK);
    COUNTS(KIND_CHECKLIST, 2, 0, 0, 1);
    CU_ASSERT(has(&rep.notes, "*stale"));
    CU_ASSERT_EQUAL(rep.batch, 0);
    char *after = export_all();
    CU_ASSERT_STRING_EQUAL(before, after);
    CU_ASSERT_EQUAL(count_batches(), batches);
    /* a dry run of a bad file reports the problems */
    CU_ASSERT_EQUAL(
        import_as(ROLE_ADMIN, NULL, 1, file("d2.csv", HC "99999,NV1.1,,done,,,,,,\n"), NULL, NULL),
        TD_EINPUT);
    CU_ASSERT(has(&rep.errors, at("d2.csv", "2: unit_code: unknown ")));
    free(before);
    free(after);
}

static void test_roles(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    char *before = export_all();
    const char *two =
        file("r1.csv", HC "10532,NV1.1,,done,2025-08-20,,,,,\n10507,NV1.1,,done,2025-08-20,,,,,\n");
    CU_ASSERT_EQUAL(import_as(ROLE_COMMUNE, "10532", 0, two, NULL, NULL), TD_EINPUT);
    CU_ASSERT(
        has(&rep.errors, at("r1.csv", "3: unit_code: your login (tester) may not write this row")));
    CU_ASSERT_EQUAL(rep.errors.count, 1);
    const char *targets =
        file("r2.csv", "period,group_code,course_code,target_pct\n2026,cbccvc,KNS-CB,90\n");
    CU_ASSERT_EQUAL(import_as(ROLE_COMMUNE, "10532", 0, targets, NULL, NULL), TD_EINPUT);
    CU_ASSERT(has(&rep.errors, "*commune login may not import targets"));
    CU_ASSERT_EQUAL(
        import_as(ROLE_NONE, NULL, 0, file("r3.csv", HC "10532,NV1.1,,done,,,,,,\n"), NULL, NULL),
        TD_EINPUT);
    CU_ASSERT(has(&rep.errors, "*may only read"));
    char *after = export_all();
    CU_ASSERT_STRING_EQUAL(before, after);
    CU_ASSERT_EQUAL(import_as(ROLE_COMMUNE, "10532", 0,
                              file("r4.csv", HC "10532,NV1.1,,done,,,,,,\n"), NULL, NULL),
                    TD_OK);
    COUNTS(KIND_CHECKLIST, 1, 0, 0, 0);
    CU_ASSERT_EQUAL(import_as(ROLE_CITY, NULL, 0, two, targets, NULL), TD_OK);
    free(before);
    free(after);
}

/* ---- export ------------------------------------------------------------ */

static void test_export(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    /* a new database stores no checklist row: the header only */
    char *s = export_kind(KIND_CHECKLIST, NULL, NULL);
    CU_ASSERT_STRING_EQUAL(
        s,
        "\xef\xbb\xbf"
        "unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by\r\n");
    free(s);
    /* the summary: one row per commune, all 114 */
    s = export_kind(KIND_SUMMARY, NULL, NULL);
    int lines = 0;
    for (char *p = s; (p = strstr(p, "\r\n")) != NULL; p += 2)
        lines++;
    CU_ASSERT_EQUAL(lines, 115);
    static const char head[] =
        "\xef\xbb\xbf"
        "unit_code,unit_name,items_total,items_done,"
        "items_overdue,population,registered,completed,confirmed,confirmed_pct,last_update\r\n";
    CU_ASSERT_EQUAL(strncmp(s, head, strlen(head)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\r\n10532,Phường Lê Thanh Nghị,"));
    free(s);
    /* the formula guard, and the file reads back unchanged */
    const char *f =
        file("x.csv", HC
             "10532,NV1.1,,done,2025-08-20,,=1+1,\"@a, \"\"b\"\"\",2025-08-20T09:00:00+07:00,-x\n");
    CU_ASSERT_EQUAL(import1(f), TD_OK);
    s = export_kind(KIND_CHECKLIST, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(
        s,
        "\r\n10532,NV1.1,,done,2025-08-20,,'=1+1,\"'@a, \"\"b\"\"\",2025-08-20T09:00:00+07:00,'-x\r\n"));
    CU_ASSERT_EQUAL(import1(file("x2.csv", s)), TD_OK);
    COUNTS(KIND_CHECKLIST, 0, 0, 1, 0);
    char *again = export_kind(KIND_CHECKLIST, NULL, NULL);
    CU_ASSERT_STRING_EQUAL(s, again);
    free(s);
    free(again);
    /* learner ids are guarded too */
    CU_ASSERT_EQUAL(
        import1(
            file("x3.csv", HL
                 "10532,=SUM(1),A,1980,,cbccvc,,KNS-CB,registered,2026-11-01T08:00:00+07:00,\n")),
        TD_OK);
    s = export_kind(KIND_LEARNERS, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\r\n10532,'=SUM(1),A,1980,"));
    free(s);
    /* filters */
    CU_ASSERT_EQUAL(
        import1(file("x4.csv",
                     HC "10507,NV2.2,2025,done,2025-05-05,,,,,\n10507,NV2.2,2026,doing,,,,,,\n")),
        TD_OK);
    s = export_kind(KIND_CHECKLIST, "10507", "2026");
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "10507,NV2.2,2026,doing"));
    CU_ASSERT_PTR_NULL(strstr(s, "2025-05-05"));
    CU_ASSERT_PTR_NULL(strstr(s, "10532"));
    free(s);
}

/* The roster makes the current month's counts; past months stay. */
static void test_roster(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_EQUAL(
        import1(file("y1.csv",
                     HT "10532,2026-10,cbccvc,KNS-CB,50,40,30,20,2026-10-31T16:00:00+07:00,\n")),
        TD_OK);
    CU_ASSERT_EQUAL(
        import1(file(
            "y2.csv",
            HL "10532,A1,Ngô Thị Mai,1983,nu,cbccvc,,KNS-CB,confirmed,2026-11-01T08:00:00+07:00,\n"
               "10532,A2,Đỗ Văn Hùng,1970,nam,cbccvc,,KNS-CB,completed,2026-11-01T08:00:00+07:00,\n"
               "10532,A3,Lê Thu,1990,,cbccvc,,KNS-CB,learning,2026-11-01T08:00:00+07:00,\n")),
        TD_OK);
    char *s = export_kind(KIND_TRAINING, "10532", NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "10532,2026-10,cbccvc,KNS-CB,50,40,30,20,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "10532,2026-11,cbccvc,KNS-CB,50,3,2,1,"));
    free(s);
}

int main(void)
{
    static const cu_test tests[] = {
        {"messages name FILE:LINE: column", test_messages},
        {"training counts in order, no future month", test_training_rules},
        {"headers, quoting, encoding, empty files", test_headers},
        {"one bad row rejects every file of the run", test_atomic},
        {"the same file twice changes nothing", test_idempotent},
        {"newest wins; older rows are stale", test_newest_wins},
        {"same key and time, other values: conflict", test_conflicts},
        {"a dry run writes nothing", test_dry_run},
        {"roles limit what is imported", test_roles},
        {"export: stored rows, BOM, CRLF, guard, filters", test_export},
        {"the roster makes the current month's counts", test_roster},
    };
    int f = CU_RUN("sync", suite_init, suite_clean, setup, teardown, tests);
    if (rep_live)
        import_report_free(&rep);
    return f;
}
