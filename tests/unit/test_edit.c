/* test_edit.c - the one edit path on real SQLite files: one table of bad
 * rows, each run through the edit path and through import, both refusing
 * it with nothing written; a save against a row that changed since it
 * was seen is refused and says who and what; undo of an edit, refused
 * when the row changed since; the done date that comes back after
 * leaving done.  The fixture is sync-fixture.c's (a fresh database of Hai
 * Phong per test, the clock fixed at 2026-11-22T10:00:00+07:00). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "theodoi/db.h"
#include "theodoi/edit.h"
#include "theodoi/kinds.h"
#include "theodoi/learners.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"
#include "theodoi/users.h"
#include "theodoi/util.h"

#include "cu-run.h"
#include "sync-fixture.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HG "period,group_code,course_code,target_pct\n"

/* A row both paths must refuse: its kind, the login's role and unit, the
 * CSV header and row, the column that import names (NULL: none), and a
 * word both messages hold. */
typedef struct bad_case {
    const char *name;
    kind_id kind;
    role_kind role;
    const char *own;
    const char *header, *row;
    const char *col, *word;
} bad_case;

static const bad_case CASES[] = {
    {"bad status", KIND_CHECKLIST, ROLE_ADMIN, NULL, HC, "10532,NV1.1,,finished,,,,,,", "status",
     "status"},
    {"done date without done", KIND_CHECKLIST, ROLE_ADMIN, NULL, HC,
     "10532,NV1.1,,doing,2025-08-20,,,,,", "done_on", "done"},
    {"future done date", KIND_CHECKLIST, ROLE_ADMIN, NULL, HC, "10532,NV1.1,,done,2026-12-01,,,,,",
     "done_on", "future"},
    {"not a date", KIND_CHECKLIST, ROLE_ADMIN, NULL, HC, "10532,NV1.1,,done,31/02/2025,,,,,",
     "done_on", "date"},
    {"unknown unit", KIND_CHECKLIST, ROLE_ADMIN, NULL, HC, "99999,NV1.1,,doing,,,,,,", "unit_code",
     "99999"},
    {"unknown item", KIND_CHECKLIST, ROLE_ADMIN, NULL, HC, "10532,NV9.9,,doing,,,,,,", "item_code",
     "NV9.9"},
    {"yearly item without year", KIND_CHECKLIST, ROLE_ADMIN, NULL, HC, "10532,NV4.3,,doing,,,,,,",
     "period", "year"},
    {"negative quantity", KIND_CHECKLIST, ROLE_ADMIN, NULL, HC, "10532,NV1.1,,doing,,-3,,,,",
     "quantity", "-3"},
    {"counts out of order", KIND_TRAINING, ROLE_ADMIN, NULL, HT,
     "10532,2026-10,cbccvc,KNS-CB,5,10,1,0,,", "registered", "more than"},
    {"confirmed above completed", KIND_TRAINING, ROLE_ADMIN, NULL, HT,
     "10532,2026-10,cbccvc,KNS-CB,50,10,1,4,,", "confirmed", "more than"},
    {"month in the future", KIND_TRAINING, ROLE_ADMIN, NULL, HT,
     "10532,2027-01,cbccvc,KNS-CB,50,10,1,0,,", "period", "future"},
    {"unknown group", KIND_TRAINING, ROLE_ADMIN, NULL, HT, "10532,2026-10,tre_em,KNS-CB,5,1,0,0,,",
     "group_code", "tre_em"},
    {"unknown course", KIND_TRAINING, ROLE_ADMIN, NULL, HT,
     "10532,2026-10,cbccvc,KHONG-CO,5,1,0,0,,", "course_code", "KHONG-CO"},
    {"birth year in the future", KIND_LEARNERS, ROLE_ADMIN, NULL, HL,
     "10532,L000001,Lê Thu,2030,nu,cbccvc,,KNS-CB,registered,,", "birth_year", "future"},
    {"a citizen id as learner id", KIND_LEARNERS, ROLE_ADMIN, NULL, HL,
     "10532,031090001234,Lê Thu,1990,nu,cbccvc,,KNS-CB,registered,,", "learner_id", "identity"},
    {"bad learner status", KIND_LEARNERS, ROLE_ADMIN, NULL, HL,
     "10532,L000001,Lê Thu,1990,nu,cbccvc,,KNS-CB,graduated,,", "status", "status"},
    {"another commune's row", KIND_CHECKLIST, ROLE_COMMUNE, "10507", HC, "10532,NV1.1,,doing,,,,,,",
     "unit_code", "may not"},
    {"another commune's learner", KIND_LEARNERS, ROLE_COMMUNE, "10507", HL,
     "10532,L000001,Lê Thu,1990,nu,cbccvc,,KNS-CB,registered,,", "unit_code", "may not"},
    {"a city-owned kind from a commune", KIND_TARGETS, ROLE_COMMUNE, "10532", HG,
     "2026,cbccvc,KNS-CB,80", NULL, "may not"},
    {"a login with no role", KIND_CHECKLIST, ROLE_NONE, NULL, HC, "10532,NV1.1,,doing,,,,,,", NULL,
     "may only read"},
};

/* Split a CSV row without quotes into cells (NULL for empty ones). */
static void split(const char *row, char **cells, size_t n)
{
    char *copy = xstrdup(row), *p = copy;
    for (size_t i = 0; i < n; i++) {
        size_t len = strcspn(p, ",");
        cells[i] = len ? xasprintf("%.*s", (int)len, p) : NULL;
        p += len + (p[len] == ',');
    }
    free(copy);
}

static void as_role(role_kind role, const char *own)
{
    if (role == ROLE_NONE)
        store_user_remove(db, td_login());
    else
        CU_ASSERT_EQUAL(store_user_put(db, td_login(), role, own, "test"), TD_OK);
}

/* Every case refused by the edit path and by import, nothing written. */
static void test_both_refuse(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    for (size_t c = 0; c < sizeof CASES / sizeof CASES[0]; c++) {
        const bad_case *t = &CASES[c];
        const kind_def *k = kind_get(t->kind);
        char *before = export_all();
        /* import */
        char *text = xasprintf("%s%s\n", t->header, t->row), want[128];
        int rc = import_as(t->role, t->own, 0, file("bad.csv", text), NULL, NULL);
        free(text);
        if (t->col)
            snprintf(want, sizeof want, "*:2: %s: ", t->col);
        else
            snprintf(want, sizeof want, "*%s", t->word);
        int ok_import = rc == TD_EINPUT && has(&rep.errors, want);
        /* the edit path */
        as_role(t->role, t->own);
        char *cells[16] = {0};
        split(t->row, cells, k->ncols);
        edit_result res = {0};
        rc = edit_row(db, k, cells, NULL, &res);
        int ok_edit = rc == TD_EINPUT && res.err && strstr(res.err, t->word) &&
                      (!t->col || t->role != ROLE_ADMIN || strstr(res.err, t->col));
        as_role(ROLE_ADMIN, NULL);
        char *after = export_all();
        if (!ok_import || !ok_edit || strcmp(before, after) != 0)
            fprintf(stderr, "\n  case \"%s\": import %s, edit %s (%s)\n", t->name,
                    ok_import ? "refused" : "NOT refused", ok_edit ? "refused" : "NOT refused",
                    res.err ? res.err : "no message");
        CU_ASSERT(ok_import);
        CU_ASSERT(ok_edit);
        CU_ASSERT_STRING_EQUAL(before, after);
        for (size_t i = 0; i < k->ncols; i++)
            free(cells[i]);
        edit_result_free(&res);
        free(before);
        free(after);
    }
}

/* The stored checklist row of NV1.1 (malloc'd values). */
static char **stored_nv11(void)
{
    const kind_def *k = kind_get(KIND_CHECKLIST);
    char *key[10] = {"10532", "NV1.1"};
    char **v = xcalloc(k->ncols, sizeof *v);
    CU_ASSERT_EQUAL(store_row_get(db, k, key, v, NULL), 1);
    return v;
}

static void vals_free(char **v)
{
    store_vals_free(kind_get(KIND_CHECKLIST), v);
    free(v);
}

/* A save against a row that changed since it was seen: nothing written,
 * who changed it, when and what; force writes. */
static void test_conflict(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_EQUAL(import1(file("c.csv", HC "10532,NV1.1,,doing,,,Số 1,,2026-11-20T09:00:00+07:00,"
                                             "hoa\n")),
                    TD_OK);
    char **seen = stored_nv11();
    /* someone else writes in between */
    CU_ASSERT_EQUAL(import1(file("c2.csv", HC "10532,NV1.1,,doing,,,Số 2,Gọi lại,"
                                              "2026-11-21T09:00:00+07:00,minh\n")),
                    TD_OK);
    char *cells[10] = {"10532", "NV1.1", NULL, "done", "20/08/2025", NULL, "Số 1", NULL};
    edit_seen s = {1, 0, seen};
    edit_result res = {0};
    CU_ASSERT_EQUAL(checklist_save(db, cells, &s, &res), TD_EINPUT);
    CU_ASSERT(res.conflict);
    CU_ASSERT_STRING_EQUAL(res.by, "minh");
    CU_ASSERT_STRING_EQUAL(res.at, "2026-11-21T09:00:00+07:00");
    CU_ASSERT(res.changes && strstr(res.changes, "evidence: Số 1 -> Số 2"));
    CU_ASSERT(res.changes && strstr(res.changes, "note: - -> Gọi lại"));
    char **now = stored_nv11();
    CU_ASSERT_STRING_EQUAL(now[6], "Số 2");
    vals_free(now);
    /* overwrite after a yes */
    s.force = 1;
    CU_ASSERT_EQUAL(checklist_save(db, cells, &s, &res), TD_OK);
    CU_ASSERT_FALSE(res.conflict);
    now = stored_nv11();
    CU_ASSERT_STRING_EQUAL(now[3], "done");
    CU_ASSERT_STRING_EQUAL(now[4], "2025-08-20");
    vals_free(now);
    edit_result_free(&res);
    vals_free(seen);
}

/* Undo puts the row back as it was (audited), and refuses after another
 * change, naming who. */
static void test_undo_edit(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_EQUAL(import1(file("u.csv", HC "10532,NV1.1,,doing,,,Số 1,,2026-11-20T09:00:00+07:00,"
                                             "hoa\n")),
                    TD_OK);
    char **seen = stored_nv11();
    char *cells[10] = {"10532", "NV1.1", NULL, "doing", NULL, "4", "Số 1", "đã họp"};
    edit_seen s = {1, 0, seen};
    edit_result res = {0}, undo = {0};
    CU_ASSERT_EQUAL_FATAL(checklist_save(db, cells, &s, &res), TD_OK);
    CU_ASSERT_EQUAL_FATAL(res.nchg, 1);
    CU_ASSERT_EQUAL(edit_undo(db, res.chg, res.nchg, &undo), TD_OK);
    char **now = stored_nv11();
    CU_ASSERT_PTR_NULL(now[5]);
    CU_ASSERT_PTR_NULL(now[7]);
    CU_ASSERT_STRING_EQUAL(now[6], "Số 1");
    vals_free(now);
    /* again, with someone else's change after it: refused */
    vals_free(seen);
    seen = stored_nv11();
    s.vals = seen;
    CU_ASSERT_EQUAL_FATAL(checklist_save(db, cells, &s, &res), TD_OK);
    CU_ASSERT_EQUAL(import1(file("u2.csv", HC "10532,NV1.1,,doing,,4,Số 1,đã họp xong,"
                                              "2026-11-23T09:00:00+07:00,minh\n")),
                    TD_OK);
    CU_ASSERT_EQUAL(edit_undo(db, res.chg, res.nchg, &undo), TD_EINPUT);
    CU_ASSERT(undo.conflict);
    CU_ASSERT_STRING_EQUAL(undo.by, "minh");
    now = stored_nv11();
    CU_ASSERT_STRING_EQUAL(now[7], "đã họp xong");
    vals_free(now);
    edit_result_free(&res);
    edit_result_free(&undo);
    vals_free(seen);
}

/* Two edits undone newest first, each at a later time: the undo of the
 * first one is not refused because the undo of the second stamped the
 * row. */
static void test_undo_chain(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    char *a[10] = {"10532", "NV1.1", NULL, "doing", NULL, NULL, "Số 1"};
    char *b[10] = {"10532", "NV1.1", NULL, "done", "20/08/2025", NULL, "Số 1"};
    edit_result r1 = {0}, r2 = {0}, u = {0};
    setenv("THEODOI_NOW", "2026-11-22T10:01:00+07:00", 1);
    CU_ASSERT_EQUAL(checklist_save(db, a, NULL, &r1), TD_OK);
    setenv("THEODOI_NOW", "2026-11-22T10:02:00+07:00", 1);
    CU_ASSERT_EQUAL(checklist_save(db, b, NULL, &r2), TD_OK);
    setenv("THEODOI_NOW", "2026-11-22T10:03:00+07:00", 1);
    CU_ASSERT_EQUAL(edit_undo(db, r2.chg, r2.nchg, &u), TD_OK);
    setenv("THEODOI_NOW", "2026-11-22T10:04:00+07:00", 1);
    CU_ASSERT_EQUAL(edit_undo(db, r1.chg, r1.nchg, &u), TD_OK);
    setenv("THEODOI_NOW", "2026-11-22T10:00:00+07:00", 1);
    const kind_def *k = kind_get(KIND_CHECKLIST);
    char *key[10] = {"10532", "NV1.1"}, *v[10] = {0};
    CU_ASSERT_EQUAL(store_row_get(db, k, key, v, NULL), 0); /* as before: no row */
    store_vals_free(k, v);
    edit_result_free(&r1);
    edit_result_free(&r2);
    edit_result_free(&u);
}

/* Leaving done and coming back keeps the earlier done date (from the
 * audit trail), unless another one is typed. */
static void test_done_date_comes_back(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_EQUAL(import1(file("d.csv", HC "10532,NV1.1,,done,2025-08-20,,,,"
                                             "2025-08-20T09:00:00+07:00,hoa\n")),
                    TD_OK);
    char *doing[10] = {"10532", "NV1.1", NULL, "doing"};
    char *done[10] = {"10532", "NV1.1", NULL, "done"};
    edit_result res = {0};
    CU_ASSERT_EQUAL(checklist_save(db, doing, NULL, &res), TD_OK);
    char **now = stored_nv11();
    CU_ASSERT_PTR_NULL(now[4]);
    vals_free(now);
    CU_ASSERT_EQUAL(checklist_save(db, done, NULL, &res), TD_OK);
    now = stored_nv11();
    CU_ASSERT_STRING_EQUAL(now[4], "2025-08-20");
    vals_free(now);
    /* a date typed wins */
    char *typed[10] = {"10532", "NV1.1", NULL, "done", "01/09/2025"};
    CU_ASSERT_EQUAL(checklist_save(db, typed, NULL, &res), TD_OK);
    now = stored_nv11();
    CU_ASSERT_STRING_EQUAL(now[4], "2025-09-01");
    vals_free(now);
    /* a row never done before gets today */
    char *other[10] = {"10532", "NV1.2", NULL, "done"};
    CU_ASSERT_EQUAL(checklist_save(db, other, NULL, &res), TD_OK);
    CU_ASSERT_EQUAL_FATAL(res.nchg, 1);
    CU_ASSERT_STRING_EQUAL(res.chg[0].after[4], "2026-11-22");
    edit_result_free(&res);
}

/* The roster's edits through the edit path: a course change is one
 * transaction (the old row goes, the new one comes, the counts follow);
 * a learner or a row of counts changed since it was shown is not
 * overwritten. */
static void test_learners_and_counts(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_EQUAL(import1(file("l.csv", HL "10532,L000001,Lê Thu,1990,nu,cbccvc,,KNS-CB,"
                                             "registered,2026-11-20T09:00:00+07:00,hoa\n")),
                    TD_OK);
    learner l;
    CU_ASSERT_EQUAL_FATAL(learner_get(db, "10532", "L000001", "KNS-CB", &l), 1);
    char **seen = learner_vals(&l);
    learner_clear(&l);
    /* someone else marks her completed */
    CU_ASSERT_EQUAL(import1(file("l2.csv", HL "10532,L000001,Lê Thu,1990,nu,cbccvc,,KNS-CB,"
                                              "completed,2026-11-21T09:00:00+07:00,minh\n")),
                    TD_OK);
    learner_form f = {"Lê Thị Thu", "1990", "nu", "cbccvc", NULL, "TTHC", "registered"};
    edit_seen s = {1, 0, seen};
    edit_result res = {0};
    CU_ASSERT_EQUAL(learner_save(db, "10532", "L000001", "KNS-CB", &f, &s, NULL, &res), TD_EINPUT);
    CU_ASSERT(res.conflict);
    CU_ASSERT_STRING_EQUAL(res.by, "minh");
    CU_ASSERT_EQUAL(learner_get(db, "10532", "L000001", "TTHC", &l), 0);
    CU_ASSERT_EQUAL(learner_get(db, "10532", "L000001", "KNS-CB", &l), 1);
    CU_ASSERT_EQUAL(l.status, LS_COMPLETED);
    learner_clear(&l);
    learner_status st;
    CU_ASSERT_EQUAL(learner_advance(db, "10532", "L000001", "KNS-CB", &s, &st, &res), TD_EINPUT);
    CU_ASSERT(res.conflict);
    CU_ASSERT_EQUAL(learner_delete(db, "10532", "L000001", "KNS-CB", &s, &res), TD_EINPUT);
    CU_ASSERT(res.conflict);
    /* with a yes: the course changes in one transaction, one undo */
    s.force = 1;
    CU_ASSERT_EQUAL(learner_save(db, "10532", "L000001", "KNS-CB", &f, &s, NULL, &res), TD_OK);
    CU_ASSERT_EQUAL(learner_get(db, "10532", "L000001", "KNS-CB", &l), 0);
    CU_ASSERT_EQUAL_FATAL(learner_get(db, "10532", "L000001", "TTHC", &l), 1);
    CU_ASSERT_STRING_EQUAL(l.full_name, "Lê Thị Thu");
    learner_clear(&l);
    CU_ASSERT_EQUAL(res.nchg, 2);
    edit_result u = {0};
    CU_ASSERT_EQUAL(edit_undo(db, res.chg, res.nchg, &u), TD_OK);
    CU_ASSERT_EQUAL(learner_get(db, "10532", "L000001", "TTHC", &l), 0);
    CU_ASSERT_EQUAL(learner_get(db, "10532", "L000001", "KNS-CB", &l), 1);
    CU_ASSERT_STRING_EQUAL(l.full_name, "Lê Thu");
    learner_clear(&l);
    /* counts: the row of the month as shown; another save in between */
    CU_ASSERT_EQUAL(
        training_set_counts(db, "10532", "2026-10", "hssv", "KNS-CB", 90, 10, 5, 1, NULL, &res),
        TD_OK);
    char **shown = xcalloc(10, sizeof *shown);
    const kind_def *k = kind_get(KIND_TRAINING);
    char *key[10] = {"10532", "2026-10", "hssv", "KNS-CB"};
    CU_ASSERT_EQUAL(store_row_get(db, k, key, shown, NULL), 1);
    CU_ASSERT_EQUAL(import1(file("t.csv", HT "10532,2026-10,hssv,KNS-CB,90,12,6,2,"
                                             "2026-11-23T09:00:00+07:00,minh\n")),
                    TD_OK);
    edit_seen ts = {1, 0, shown};
    CU_ASSERT_EQUAL(
        training_set_counts(db, "10532", "2026-10", "hssv", "KNS-CB", 95, 10, 5, 1, &ts, &res),
        TD_EINPUT);
    CU_ASSERT(res.conflict);
    CU_ASSERT(res.changes && strstr(res.changes, "registered: 10 -> 12"));
    store_vals_free(k, shown);
    free(shown);
    store_vals_free(kind_get(KIND_LEARNERS), seen);
    free(seen);
    edit_result_free(&res);
    edit_result_free(&u);
}

int main(void)
{
    static const cu_test tests[] = {
        {"the edit path and import refuse the same rows", test_both_refuse},
        {"a row changed since it was seen is not overwritten", test_conflict},
        {"undo of an edit, refused after another change", test_undo_edit},
        {"undo of two edits at later times", test_undo_chain},
        {"a done date comes back with done", test_done_date_comes_back},
        {"learners and counts: conflicts, a course change in one transaction",
         test_learners_and_counts},
    };
    int f = CU_RUN("edit", suite_init, suite_clean, setup, teardown, tests);
    if (rep_live)
        import_report_free(&rep);
    return f;
}
