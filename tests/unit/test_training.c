/* test_training.c - the training screens' data on a real database: the
 * roster -> counts rule of the contract, direct entry, percentages, the
 * trends (the city curve with a late commune).  The roster's pages,
 * search, filters and form are test_roster.c's. */
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

/* ---- the roster -> counts rule ------------------------------------------ */

static void test_roster_derives_current_month(void)
{
    counts(A, "2026-02", "cbccvc", "KNS-CB", 50, 10, 5, 2);
    free(add("Trần Văn Bình", "cbccvc", "Thôn 1", "KNS-CB", "registered"));
    free(add("Lê Thị Lan", "cbccvc", "Thôn 1", "KNS-CB", "learning"));
    free(add("Phạm Văn Nam", "cbccvc", "Thôn 2", "KNS-CB", "completed"));
    free(add("Vũ Thị Mai", "cbccvc", "Thôn 2", "KNS-CB", "confirmed"));
    /* registered counts every row, completed counts completed + confirmed,
     * confirmed counts confirmed; population from the latest row */
    tr_row r = row_of(A, NOW_MONTH, "cbccvc", "KNS-CB");
    ASSERT_COUNTS(r, 50, 4, 2, 1);
    CU_ASSERT_STRING_EQUAL(r.period, NOW_MONTH);
    CU_ASSERT(r.from_roster && r.locked);
    CU_ASSERT_STRING_EQUAL(r.pct, "2.0");
    /* the past month stays as stored */
    ASSERT_COUNTS(row_of(A, "2026-02", "cbccvc", "KNS-CB"), 50, 10, 5, 2);
    CU_ASSERT_FALSE(row_of(A, "2026-02", "cbccvc", "KNS-CB").locked);
}

static void test_new_learner_confirmed_moves_count(void)
{
    counts(A, "2026-01", "cbccvc", "KNS-CB", 40, 0, 0, 0);
    free(add("Trần Văn Bình", "cbccvc", "Thôn 1", "KNS-CB", "confirmed"));
    ASSERT_COUNTS(row_of(A, NOW_MONTH, "cbccvc", "KNS-CB"), 40, 1, 1, 1);
    char *id = add("Nguyễn Thị Hồng Nhung", "cbccvc", "Thôn 3", "KNS-CB", "Đã đăng ký");
    ASSERT_COUNTS(row_of(A, NOW_MONTH, "cbccvc", "KNS-CB"), 40, 2, 1, 1);
    learner_status st;
    edit_result res = {0};
    CU_ASSERT_EQUAL(learner_advance(db, A, id, "KNS-CB", NULL, &st, &res), TD_OK);
    CU_ASSERT_EQUAL(st, LS_COMPLETED);
    ASSERT_COUNTS(row_of(A, NOW_MONTH, "cbccvc", "KNS-CB"), 40, 2, 2, 1);
    CU_ASSERT_EQUAL(learner_advance(db, A, id, "KNS-CB", NULL, &st, &res), TD_OK);
    CU_ASSERT_EQUAL(st, LS_CONFIRMED);
    tr_row r = row_of(A, NOW_MONTH, "cbccvc", "KNS-CB");
    ASSERT_COUNTS(r, 40, 2, 2, 2);
    CU_ASSERT_STRING_EQUAL(r.pct, "5.0");
    /* one more key leaves her confirmed */
    CU_ASSERT_EQUAL(learner_advance(db, A, id, "KNS-CB", NULL, &st, &res), TD_OK);
    CU_ASSERT_EQUAL(st, LS_CONFIRMED);
    ASSERT_COUNTS(row_of(A, NOW_MONTH, "cbccvc", "KNS-CB"), 40, 2, 2, 2);
    /* deleting her takes her out of the counts */
    CU_ASSERT_EQUAL(learner_delete(db, A, id, "KNS-CB", NULL, &res), TD_OK);
    ASSERT_COUNTS(row_of(A, NOW_MONTH, "cbccvc", "KNS-CB"), 40, 1, 1, 1);
    learner l;
    CU_ASSERT_EQUAL(learner_get(db, A, id, "KNS-CB", &l), 0);
    free(id);
    edit_result_free(&res);
}

/* The last learner of a group and course leaves: this month's counts
 * come down to 0 (the population stays), not the old numbers. */
static void test_last_learner_leaves(void)
{
    counts(A, "2026-02", "hssv", "KNS-CB", 30, 3, 2, 1);
    char *id = add("Đỗ Minh Quân", "hssv", "Thôn 1", "KNS-CB", "confirmed");
    ASSERT_COUNTS(row_of(A, NOW_MONTH, "hssv", "KNS-CB"), 30, 1, 1, 1);
    edit_result res = {0};
    CU_ASSERT_EQUAL(learner_delete(db, A, id, "KNS-CB", NULL, &res), TD_OK);
    ASSERT_COUNTS(row_of(A, NOW_MONTH, "hssv", "KNS-CB"), 30, 0, 0, 0);
    /* the past month stays as stored */
    ASSERT_COUNTS(row_of(A, "2026-02", "hssv", "KNS-CB"), 30, 3, 2, 1);
    free(id);
    edit_result_free(&res);
}

/* A person is one name: editing her renames every course row, and a
 * course change moves her counts to the other course. */
static void test_learner_edit_person_and_course(void)
{
    char *id = add("Ngô Thị Hà", "cbccvc", "Thôn 1", "KNS-CB", "confirmed");
    learner_form more = {"Ngô Thị Hà", "1980", "nu", "cbccvc", "Thôn 1", "TTHC", "learning"};
    edit_result res = {0};
    char *id2 = NULL;
    CU_ASSERT_EQUAL(learner_save(db, A, id, NULL, &more, NULL, &id2, &res), TD_OK);
    CU_ASSERT_STRING_EQUAL(id2, id);
    free(id2);
    /* the same course twice is refused */
    CU_ASSERT_EQUAL(learner_save(db, A, id, NULL, &more, NULL, NULL, &res), TD_EINPUT);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res.err);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.err, "course_code: "));
    edit_result_free(&res);
    learner_form ed = {"Ngô Thị Thu Hà", "1981", "Nữ", "cbccvc", "Thôn 2", "KNS-CB", "Đã xác nhận"};
    CU_ASSERT_EQUAL(learner_save(db, A, id, "KNS-CB", &ed, NULL, NULL, &res), TD_OK);
    learner l;
    CU_ASSERT_EQUAL_FATAL(learner_get(db, A, id, "TTHC", &l), 1);
    CU_ASSERT_STRING_EQUAL(l.full_name, "Ngô Thị Thu Hà");
    CU_ASSERT_STRING_EQUAL(l.village, "Thôn 2");
    CU_ASSERT_EQUAL(l.birth_year, 1981);
    CU_ASSERT_EQUAL(l.status, LS_LEARNING); /* a course's own status stays */
    learner_clear(&l);
    /* move the KNS-CB row to DVC */
    ed.course = "DVC";
    CU_ASSERT_EQUAL(learner_save(db, A, id, "KNS-CB", &ed, NULL, NULL, &res), TD_OK);
    CU_ASSERT_EQUAL(learner_get(db, A, id, "KNS-CB", &l), 0);
    CU_ASSERT_EQUAL(learner_get(db, A, id, "DVC", &l), 1);
    CU_ASSERT_EQUAL(l.status, LS_CONFIRMED);
    learner_clear(&l);
    ASSERT_COUNTS(row_of(A, NOW_MONTH, "cbccvc", "DVC"), -1, 1, 1, 1);
    ASSERT_COUNTS(row_of(A, NOW_MONTH, "cbccvc", "TTHC"), -1, 1, 0, 0);
    free(id);
    edit_result_free(&res);
}

/* ---- direct entry -------------------------------------------------------- */

/* Entry that must be refused with a message naming column (nothing
 * written). */
static void refused(const char *month, const char *group, int64_t pop, int64_t reg, int64_t comp,
                    int64_t conf, const char *col, const char *words)
{
    edit_result res = {0};
    int rc = training_set_counts(db, B, month, group, "KNS-CB", pop, reg, comp, conf, NULL, &res);
    CU_ASSERT_EQUAL(rc, TD_EINPUT);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res.err);
    CU_ASSERT_EQUAL(strncmp(res.err, col, strlen(col)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.err, words));
    if (strncmp(res.err, col, strlen(col)) || !strstr(res.err, words))
        fprintf(stderr, "message: %s\n", res.err);
    edit_result_free(&res);
}

static void test_direct_entry_rules(void)
{
    counts(B, "2026-02", "hssv", "KNS-CB", 100, 50, 40, 30);
    refused("2026-02", "hssv", -5, 0, 0, 0, "population: ", "negative");
    refused("2026-02", "hssv", 100, 120, 40, 30, "registered: ", "more than population");
    refused("2026-02", "hssv", 100, 50, 60, 30, "completed: ", "more than registered");
    refused("2026-02", "hssv", 100, 50, 40, 45, "confirmed: ", "more than completed");
    refused("2026-02", "hssv", 100, -1, 0, 0, "registered: ", "required");
    refused("2026-04", "hssv", 100, 50, 40, 30, "period: ", "future");
    refused("2026-02", "sinh_vien", 100, 50, 40, 30, "group_code: ", "unknown group");
    /* nothing of the refused entries was written */
    ASSERT_COUNTS(row_of(B, "2026-02", "hssv", "KNS-CB"), 100, 50, 40, 30);
    /* an empty population is allowed (the percentage stays empty) */
    counts(B, "2026-02", "nguoi_dan", "KNS-CB", -1, 10, 5, 1);
    tr_row r = row_of(B, "2026-02", "nguoi_dan", "KNS-CB");
    CU_ASSERT_EQUAL(r.population, -1);
    CU_ASSERT_STRING_EQUAL(r.pct, "");
}

/* A row counted from the roster takes only the population. */
static void test_direct_entry_roster_row(void)
{
    free(add("Trần Văn Bình", "cbccvc", "Thôn 1", "KNS-CB", "confirmed"));
    free(add("Lê Thị Lan", "cbccvc", "Thôn 1", "KNS-CB", "registered"));
    edit_result res = {0};
    CU_ASSERT_EQUAL(
        training_set_counts(db, A, NOW_MONTH, "cbccvc", "KNS-CB", 80, 5, 1, 1, NULL, &res),
        TD_EINPUT);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res.err);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.err, "registered: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(res.err, "roster"));
    edit_result_free(&res);
    ASSERT_COUNTS(row_of(A, NOW_MONTH, "cbccvc", "KNS-CB"), -1, 2, 1, 1);
    CU_ASSERT_EQUAL(
        training_set_counts(db, A, NOW_MONTH, "cbccvc", "KNS-CB", 80, -1, -1, -1, NULL, &res),
        TD_OK);
    tr_row r = row_of(A, NOW_MONTH, "cbccvc", "KNS-CB");
    ASSERT_COUNTS(r, 80, 2, 1, 1);
    CU_ASSERT_STRING_EQUAL(r.pct, "1.3");
    /* last month's row of the same pair is not derived: typed freely */
    counts(A, "2026-02", "cbccvc", "KNS-CB", 80, 7, 3, 1);
    edit_result_free(&res);
}

/* A commune login edits its own commune only. */
static void test_direct_entry_role(void)
{
    CU_ASSERT_EQUAL(store_user_put(db, td_login(), ROLE_COMMUNE, A, td_login()), TD_OK);
    edit_result res = {0};
    CU_ASSERT_EQUAL(
        training_set_counts(db, B, "2026-02", "hssv", "KNS-CB", 10, 1, 0, 0, NULL, &res),
        TD_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(res.err);
    edit_result_free(&res);
    learner_form f = {"Lê Văn Tám", "1990", "nam", "cbccvc", "", "KNS-CB", ""};
    CU_ASSERT_EQUAL(learner_save(db, B, NULL, NULL, &f, NULL, NULL, &res), TD_EINPUT);
    edit_result_free(&res);
    counts(A, "2026-02", "hssv", "KNS-CB", 10, 1, 0, 0);
}

/* ---- the table and its percentages ----------------------------------------- */

static void test_table_percentages_and_targets(void)
{
    target("2026", "cbccvc", "KNS-CB", "80");
    target("2026", "cbccvc", "TTHC", "100");
    target("2025", "hssv", "KNS-CB", "60");
    counts(B, NOW_MONTH, "cbccvc", "KNS-CB", 3, 3, 2, 2);
    counts(B, NOW_MONTH, "hssv", "KNS-CB", 0, 0, 0, 0);
    counts(B, NOW_MONTH, "nguoi_dan", "KNS-CB", 1000, 400, 300, 125);
    tr_table t;
    CU_ASSERT_EQUAL_FATAL(training_table_load(db, B, NULL, &t), TD_OK);
    CU_ASSERT_STRING_EQUAL(t.month, NOW_MONTH);
    CU_ASSERT_STRING_EQUAL(t.shown, NOW_MONTH);
    CU_ASSERT_FALSE(t.carried);
    CU_ASSERT_EQUAL_FATAL(t.n, 4);
    /* groups in their order (cbccvc, hssv, nguoi_dan), courses by code */
    CU_ASSERT_STRING_EQUAL(t.rows[0].course, "KNS-CB");
    CU_ASSERT_STRING_EQUAL(t.rows[0].pct, "66.7");
    CU_ASSERT_EQUAL(t.rows[0].pct_permille, 667);
    CU_ASSERT_DOUBLE_EQUAL(t.rows[0].target_pct, 80, 0.001);
    CU_ASSERT_STRING_EQUAL(t.rows[0].group_title,
                           "Cán bộ, công chức, viên chức, người lao động khu vực công");
    /* a pair with a target and no report yet shows, empty */
    CU_ASSERT_STRING_EQUAL(t.rows[1].course, "TTHC");
    CU_ASSERT_STRING_EQUAL(t.rows[1].period, "");
    CU_ASSERT_EQUAL(t.rows[1].registered, -1);
    CU_ASSERT_DOUBLE_EQUAL(t.rows[1].target_pct, 100, 0.001);
    /* population 0: empty percentage; last year's target does not count */
    CU_ASSERT_STRING_EQUAL(t.rows[2].group, "hssv");
    CU_ASSERT_STRING_EQUAL(t.rows[2].pct, "");
    CU_ASSERT_EQUAL(t.rows[2].pct_permille, -1);
    CU_ASSERT_EQUAL(t.rows[2].target_pct, -1);
    CU_ASSERT_STRING_EQUAL(t.rows[3].pct, "12.5");
    CU_ASSERT_STRING_EQUAL(t.rows[3].updated_by, td_login());
    /* totals: 127 of 1003 */
    ASSERT_COUNTS(t.total, 1003, 403, 302, 127);
    CU_ASSERT_STRING_EQUAL(t.total.pct, "12.7");
    training_table_free(&t);
}

/* A month without rows shows the latest earlier month, and says so. */
static void test_table_carries_earlier_month(void)
{
    counts(B, "2025-12", "cbccvc", "KNS-CB", 50, 10, 5, 1);
    counts(B, "2026-01", "cbccvc", "KNS-CB", 50, 20, 10, 5);
    counts(B, "2026-01", "hssv", "KNS-CB", 200, 20, 10, 5);
    tr_table t;
    CU_ASSERT_EQUAL_FATAL(training_table_load(db, B, NOW_MONTH, &t), TD_OK);
    CU_ASSERT(t.carried);
    CU_ASSERT_STRING_EQUAL(t.shown, "2026-01");
    CU_ASSERT_EQUAL(t.n, 2);
    CU_ASSERT_EQUAL(t.total.confirmed, 10);
    training_table_free(&t);
    /* once one pair is typed for the month, the other still shows, with
     * the month its values come from */
    counts(B, NOW_MONTH, "hssv", "KNS-CB", 200, 40, 20, 10);
    CU_ASSERT_EQUAL_FATAL(training_table_load(db, B, NOW_MONTH, &t), TD_OK);
    CU_ASSERT_FALSE(t.carried);
    CU_ASSERT_STRING_EQUAL(t.shown, NOW_MONTH);
    CU_ASSERT_EQUAL_FATAL(t.n, 2);
    CU_ASSERT_STRING_EQUAL(t.rows[0].period, "2026-01");
    CU_ASSERT_STRING_EQUAL(t.rows[1].period, NOW_MONTH);
    /* the month's total is the month's rows, as the summary counts it */
    ASSERT_COUNTS(t.total, 200, 40, 20, 10);
    CU_ASSERT_STRING_EQUAL(t.total.pct, "5.0");
    training_table_free(&t);
    /* never reported: nothing to show */
    CU_ASSERT_EQUAL_FATAL(training_table_load(db, A, NOW_MONTH, &t), TD_OK);
    CU_ASSERT_EQUAL(t.n, 0);
    CU_ASSERT_STRING_EQUAL(t.shown, "");
    CU_ASSERT_STRING_EQUAL(t.total.pct, "");
    training_table_free(&t);
    CU_ASSERT_EQUAL(training_table_load(db, A, "March", &t), TD_EINPUT);
}

/* ---- trends ------------------------------------------------------------------ */

static void test_trend_city_with_late_commune(void)
{
    /* A reports every month; B reported in December and January, then
     * is late for February and March */
    counts(A, "2026-01", "cbccvc", "KNS-CB", 100, 50, 20, 10);
    counts(A, "2026-02", "cbccvc", "KNS-CB", 100, 50, 30, 20);
    counts(A, NOW_MONTH, "cbccvc", "KNS-CB", 100, 50, 40, 30);
    counts(B, "2025-12", "nguoi_dan", "KNS-CB", 100, 60, 50, 40);
    counts(B, "2026-01", "nguoi_dan", "KNS-CB", 100, 60, 50, 50);
    double city[4], a[4], b[4];
    CU_ASSERT_EQUAL(training_trend(db, NULL, NULL, 4, city), TD_OK);
    CU_ASSERT_DOUBLE_EQUAL(city[0], 40.0, 1e-9); /* Dec: B only */
    CU_ASSERT_DOUBLE_EQUAL(city[1], 30.0, 1e-9); /* Jan: (10+50)/200 */
    CU_ASSERT_DOUBLE_EQUAL(city[2], 35.0, 1e-9); /* Feb: B's January counts */
    CU_ASSERT_DOUBLE_EQUAL(city[3], 40.0, 1e-9); /* no drop in March */
    CU_ASSERT_EQUAL(training_trend(db, "31", NOW_MONTH, 4, a), TD_OK);
    CU_ASSERT_DOUBLE_EQUAL(a[3], 40.0, 1e-9); /* the province is the city */
    /* a commune's own curve has gaps where it did not report */
    CU_ASSERT_EQUAL(training_trend(db, B, NULL, 4, b), TD_OK);
    CU_ASSERT_DOUBLE_EQUAL(b[0], 40.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(b[1], 50.0, 1e-9);
    CU_ASSERT_EQUAL(b[2], -1);
    CU_ASSERT_EQUAL(b[3], -1);
    CU_ASSERT_EQUAL(training_trend(db, A, NULL, 4, a), TD_OK);
    CU_ASSERT_EQUAL(a[0], -1);
    CU_ASSERT_DOUBLE_EQUAL(a[3], 30.0, 1e-9);
    /* a month before anyone reported, and a window ending in the past
     * that carries a report older than the window */
    double old[2];
    CU_ASSERT_EQUAL(training_trend(db, NULL, "2026-02", 2, old), TD_OK);
    CU_ASSERT_DOUBLE_EQUAL(old[0], 30.0, 1e-9);
    CU_ASSERT_EQUAL(training_trend(db, NULL, "2025-11", 2, old), TD_OK);
    CU_ASSERT_EQUAL(old[0], -1);
    CU_ASSERT_EQUAL(old[1], -1);
}

static void test_trend_carry_from_before_window(void)
{
    counts(B, "2025-06", "hssv", "KNS-CB", 10, 5, 3, 1);
    double city[3];
    CU_ASSERT_EQUAL(training_trend(db, NULL, NOW_MONTH, 3, city), TD_OK);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_DOUBLE_EQUAL(city[i], 10.0, 1e-9);
}

static void test_sparkline(void)
{
    double v[5] = {-1, 0, 50, 99.9, 100};
    char *s = training_sparkline(v, 5, 1);
    CU_ASSERT_STRING_EQUAL(s, " ▁▅██");
    free(s);
    /* ASCII: no data is a blank, 0% is "_" */
    s = training_sparkline(v, 5, 0);
    CU_ASSERT_STRING_EQUAL(s, " _=##");
    free(s);
    s = training_sparkline(v, 0, 1);
    CU_ASSERT_STRING_EQUAL(s, "");
    free(s);
}

static void test_months(void)
{
    char m[8];
    training_month_now(m);
    CU_ASSERT_STRING_EQUAL(m, NOW_MONTH);
    CU_ASSERT_EQUAL(training_month_add("2026-01", -1, m), 0);
    CU_ASSERT_STRING_EQUAL(m, "2025-12");
    CU_ASSERT_EQUAL(training_month_add("2025-12", 13, m), 0);
    CU_ASSERT_STRING_EQUAL(m, "2027-01");
    CU_ASSERT_EQUAL(training_month_add("12/2025", 1, m), -1);
}

int main(void)
{
    static const training_test tests[] = {
        T(test_roster_derives_current_month),
        T(test_new_learner_confirmed_moves_count),
        T(test_learner_edit_person_and_course),
        T(test_direct_entry_rules),
        T(test_direct_entry_roster_row),
        T(test_direct_entry_role),
        T(test_table_percentages_and_targets),
        T(test_table_carries_earlier_month),
        T(test_trend_city_with_late_commune),
        T(test_trend_carry_from_before_window),
        T(test_sparkline),
        T(test_months),
        T(test_last_learner_leaves),
    };
    return TRAINING_RUN("test_training", tests);
}
