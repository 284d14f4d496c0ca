/* test_roster.c - the roster on a real database: its pages in Vietnamese
 * order (by given name, then surname and middle names), its search
 * ignoring diacritics, its filters, and the learner form's checks.  The
 * fixture is training-fixture.c's. */
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

/* ---- the roster's pages -------------------------------------------------------- */

/* Given names in Vietnamese order: a ă â b c d đ e ...; the same given
 * name orders by the whole name. */
static const char *const ORDERED[] = {"Nguyễn Văn An", "Trần Văn An",  "Lê Thị Ánh",
                                      "Phạm Hoài Ân",  "Vũ Thị Bình",  "Đỗ Văn Dũng",
                                      "Bùi Văn Đạt",   "Hoàng Thị Em", "Nguyễn Thị Hồng Nhung"};
#define NORD (sizeof ORDERED / sizeof *ORDERED)

static void add_ordered(void)
{
    static const int shuffle[NORD] = {6, 2, 8, 0, 4, 7, 1, 5, 3};
    static const char *const village[] = {"Thôn Đông", "Thôn Bắc"};
    for (size_t i = 0; i < NORD; i++) {
        int k = shuffle[i];
        free(add(ORDERED[k], k % 3 ? "cbccvc" : "nguoi_dan", village[k % 2], "KNS-CB",
                 k < 4 ? "confirmed" : "learning"));
    }
}

static void assert_page(const learner_page *p, size_t first, size_t n)
{
    CU_ASSERT_EQUAL_FATAL(p->n, n);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_STRING_EQUAL(p->rows[i].full_name, ORDERED[first + i]);
}

static void test_pages_in_vietnamese_order(void)
{
    add_ordered();
    learner_filter f = {.unit = A, .status = -1};
    learner_page p1, p2, p;
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, NULL, LP_AFTER, 4, &p1), TD_OK);
    assert_page(&p1, 0, 4);
    CU_ASSERT(!p1.more_before && p1.more_after);
    learner_pos end = learner_pos_of(&p1.rows[3]);
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, &end, LP_AFTER, 4, &p2), TD_OK);
    assert_page(&p2, 4, 4);
    CU_ASSERT(p2.more_before && p2.more_after);
    /* back from the second page's top: the first page again */
    learner_pos top = learner_pos_of(&p2.rows[0]);
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, &top, LP_BEFORE, 4, &p), TD_OK);
    assert_page(&p, 0, 4);
    CU_ASSERT(!p.more_before && p.more_after);
    learner_page_free(&p);
    /* reload keeping the cursor row; the last page; counts */
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, &top, LP_FROM, 2, &p), TD_OK);
    assert_page(&p, 4, 2);
    learner_page_free(&p);
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, NULL, LP_BEFORE, 3, &p), TD_OK);
    assert_page(&p, NORD - 3, 3);
    CU_ASSERT(p.more_before && !p.more_after);
    learner_page_free(&p);
    CU_ASSERT_EQUAL(learner_count(db, &f, NULL), (long)NORD);
    CU_ASSERT_EQUAL(learner_count(db, &f, &top), 4);
    learner_page_free(&p1);
    learner_page_free(&p2);
    /* another commune's roster is not this one's */
    f.unit = B;
    CU_ASSERT_EQUAL(learner_count(db, &f, NULL), 0);
}

static long count_of(const char *search, const char *village, const char *group, int status)
{
    learner_filter f = {A, village, group, NULL, status, search};
    return learner_count(db, &f, NULL);
}

static void test_search_ignores_diacritics(void)
{
    add_ordered();
    learner_filter f = {.unit = A, .status = -1, .search = "hong nhung"};
    learner_page p;
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, NULL, LP_AFTER, 10, &p), TD_OK);
    CU_ASSERT_EQUAL_FATAL(p.n, 1);
    CU_ASSERT_STRING_EQUAL(p.rows[0].full_name, "Nguyễn Thị Hồng Nhung");
    learner_page_free(&p);
    CU_ASSERT_EQUAL(count_of("NHUNG", NULL, NULL, -1), 1);
    CU_ASSERT_EQUAL(count_of("  Hồng   Nhung ", NULL, NULL, -1), 1);
    CU_ASSERT_EQUAL(count_of("dat", NULL, NULL, -1), 1); /* Đạt */
    CU_ASSERT_EQUAL(count_of("van", NULL, NULL, -1), 4); /* Văn */
    CU_ASSERT_EQUAL(count_of("nguyen", NULL, NULL, -1), 2);
    CU_ASSERT_EQUAL(count_of("xyz", NULL, NULL, -1), 0);
    CU_ASSERT_EQUAL(count_of("", NULL, NULL, -1), (long)NORD);
    /* a search pages like the whole roster */
    f.search = "VĂN";
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, NULL, LP_AFTER, 2, &p), TD_OK);
    assert_page(&p, 0, 2);
    CU_ASSERT(p.more_after);
    learner_pos end = learner_pos_of(&p.rows[1]);
    learner_page p2;
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, &end, LP_AFTER, 2, &p2), TD_OK);
    assert_page(&p2, 5, 2); /* Dũng, Đạt */
    CU_ASSERT(p2.more_before && !p2.more_after);
    learner_page_free(&p);
    learner_pos top = learner_pos_of(&p2.rows[0]);
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, &top, LP_BEFORE, 2, &p), TD_OK);
    assert_page(&p, 0, 2);
    CU_ASSERT(!p.more_before && p.more_after);
    CU_ASSERT_EQUAL(learner_count(db, &f, &top), 2);
    learner_page_free(&p);
    learner_page_free(&p2);
}

static void test_filters(void)
{
    add_ordered();
    /* villages: k % 2; groups: k % 3 == 0 nguoi_dan; k < 4 confirmed */
    CU_ASSERT_EQUAL(count_of(NULL, "Thôn Đông", NULL, -1), 5);
    CU_ASSERT_EQUAL(count_of(NULL, "Thôn Bắc", NULL, -1), 4);
    CU_ASSERT_EQUAL(count_of(NULL, NULL, "nguoi_dan", -1), 3);
    CU_ASSERT_EQUAL(count_of(NULL, NULL, NULL, LS_CONFIRMED), 4);
    CU_ASSERT_EQUAL(count_of(NULL, "Thôn Bắc", "cbccvc", LS_CONFIRMED), 1);
    CU_ASSERT_EQUAL(count_of("van", NULL, NULL, LS_LEARNING), 2);
    learner_filter f = {.unit = A, .village = "Thôn Đông", .status = LS_CONFIRMED};
    learner_page p;
    CU_ASSERT_EQUAL_FATAL(learner_page_load(db, &f, NULL, LP_AFTER, 10, &p), TD_OK);
    CU_ASSERT_EQUAL_FATAL(p.n, 2);
    CU_ASSERT_STRING_EQUAL(p.rows[0].full_name, ORDERED[0]);
    CU_ASSERT_STRING_EQUAL(p.rows[1].full_name, ORDERED[2]);
    learner_page_free(&p);
    char **v;
    size_t n;
    CU_ASSERT_EQUAL(learner_villages(db, A, &v, &n), TD_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(v[0], "Thôn Bắc"); /* B before Đ */
    CU_ASSERT_STRING_EQUAL(v[1], "Thôn Đông");
    learner_villages_free(&v, n);
}

/* ---- the learner form ------------------------------------------------------------ */

/* A form that must be refused with message starting "col: ". */
static void form_refused(const char *id, learner_form f, const char *col, const char *words)
{
    edit_result res = {0};
    CU_ASSERT_EQUAL(learner_save(db, A, id, NULL, &f, NULL, NULL, &res), TD_EINPUT);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res.err);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.err, col));
    CU_ASSERT_PTR_NOT_NULL(strstr(res.err, words));
    if (!strstr(res.err, col) || !strstr(res.err, words))
        fprintf(stderr, "message: %s\n", res.err);
    edit_result_free(&res);
}

static void test_form_validation(void)
{
    learner_form ok = {"Lê Văn Tám", "1990", "nam", "cbccvc", "Thôn 1", "KNS-CB", ""};
    learner_form f = ok;
    f.full_name = "  ";
    form_refused(NULL, f, "full_name: ", "required");
    f = ok;
    f.birth_year = "19x0";
    form_refused(NULL, f, "birth_year: ", "birth year");
    f.birth_year = "2030";
    form_refused(NULL, f, "birth_year: ", "future");
    f = ok;
    f.gender = "male";
    form_refused(NULL, f, "gender: ", "nam, nu, khac");
    f = ok;
    f.group = "tre_em";
    form_refused(NULL, f, "group_code: ", "unknown group");
    f = ok;
    f.course = "";
    form_refused(NULL, f, "course_code: ", "required");
    f = ok;
    f.status = "xong";
    form_refused(NULL, f, "status: ", "unknown status");
    /* an identity card number is not a learner id (Law 91/2025/QH15) */
    form_refused("001203004567", ok, "learner_id: ", "identity");
    learner_filter all = {.unit = A, .status = -1};
    CU_ASSERT_EQUAL(learner_count(db, &all, NULL), 0);
}

/* Words as typed; local ids that never repeat. */
static void test_form_words_and_ids(void)
{
    learner_form f = {"lê   văn tám", "1990", "Nữ", "cbccvc", "", "KNS-CB", "Hoàn thành"};
    char *id1 = NULL, *id2 = NULL, *id3 = NULL;
    edit_result res = {0};
    CU_ASSERT_EQUAL(learner_save(db, A, NULL, NULL, &f, NULL, &id1, &res), TD_OK);
    CU_ASSERT_STRING_EQUAL(id1, "L000001");
    learner l;
    CU_ASSERT_EQUAL_FATAL(learner_get(db, A, id1, "KNS-CB", &l), 1);
    CU_ASSERT_STRING_EQUAL(l.gender, "nu");
    CU_ASSERT_EQUAL(l.status, LS_COMPLETED);
    CU_ASSERT_STRING_EQUAL(l.village, "");
    CU_ASSERT_STRING_EQUAL(l.updated_by, td_login());
    learner_clear(&l);
    f.status = NULL; /* a new learner is registered */
    CU_ASSERT_EQUAL(learner_save(db, A, NULL, NULL, &f, NULL, &id2, &res), TD_OK);
    CU_ASSERT_STRING_EQUAL(id2, "L000002");
    CU_ASSERT_EQUAL_FATAL(learner_get(db, A, id2, "KNS-CB", &l), 1);
    CU_ASSERT_EQUAL(l.status, LS_REGISTERED);
    learner_clear(&l);
    CU_ASSERT_EQUAL(learner_delete(db, A, id2, "KNS-CB", NULL, &res), TD_OK);
    CU_ASSERT_EQUAL(learner_save(db, A, NULL, NULL, &f, NULL, &id3, &res), TD_OK);
    CU_ASSERT_STRING_EQUAL(id3, "L000003");
    /* editing a row another clerk deleted is refused */
    CU_ASSERT_EQUAL(learner_save(db, A, id2, "KNS-CB", &f, NULL, NULL, &res), TD_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(res.err);
    edit_result_free(&res);
    free(id1);
    free(id2);
    free(id3);
}

/* ---- main ------------------------------------------------------------------------ */

int main(void)
{
    static const training_test tests[] = {
        T(test_pages_in_vietnamese_order), T(test_search_ignores_diacritics), T(test_filters),
        T(test_form_validation),           T(test_form_words_and_ids),
    };
    return TRAINING_RUN("test_roster", tests);
}
