/* test_status.c - statuses, overdue, learners, gender, percentages, roles. */
#include <stdlib.h>
#include <string.h>

#include "cu-run.h"

#include <CUnit/Basic.h>

#include "theodoi/date.h"
#include "theodoi/status.h"

#define D(y, m, d) day_from_ymd((y), (m), (d))
#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- item statuses --------------------------------------------------- */

static void check_status(const char *s, item_status want)
{
    item_status st = ST__COUNT;
    CU_ASSERT_EQUAL(status_parse(s, &st), 0);
    CU_ASSERT_EQUAL(st, want);
}

static void test_status_codes(void)
{
    check_status("todo", ST_TODO);
    check_status("doing", ST_DOING);
    check_status("done", ST_DONE);
    check_status("na", ST_NA);
    check_status("DONE", ST_DONE);
    check_status(" n/a ", ST_NA);
    CU_ASSERT_STRING_EQUAL(status_code(ST_TODO), "todo");
    CU_ASSERT_STRING_EQUAL(status_code(ST_DOING), "doing");
    CU_ASSERT_STRING_EQUAL(status_code(ST_DONE), "done");
    CU_ASSERT_STRING_EQUAL(status_code(ST_NA), "na");
    for (int i = 0; i < ST__COUNT; i++)
        check_status(status_code((item_status)i), (item_status)i);
}

static void test_status_vietnamese(void)
{
    check_status("Chưa thực hiện", ST_TODO);
    check_status("chua thuc hien", ST_TODO);
    check_status("CHƯA THỰC HIỆN", ST_TODO);
    check_status("Chưa làm", ST_TODO);
    check_status("chưa", ST_TODO);
    check_status("Đang thực hiện", ST_DOING);
    check_status("dang thuc hien", ST_DOING);
    check_status("đang làm", ST_DOING);
    check_status("Hoàn thành", ST_DONE);
    check_status("hoan thanh", ST_DONE);
    check_status("HOÀN THÀNH", ST_DONE);
    check_status("Đã hoàn thành", ST_DONE);
    check_status("da hoan thanh", ST_DONE);
    check_status("Đã thực hiện", ST_DONE);
    check_status("Không áp dụng", ST_NA);
    check_status("khong ap dung", ST_NA);
    check_status("  Không   áp dụng ", ST_NA);
}

/* The English labels (an English UI's export) read back too. */
static void test_status_english_labels(void)
{
    for (int i = 0; i < ST__COUNT; i++)
        check_status(status_label((item_status)i), (item_status)i);
    check_status("not applicable", ST_NA);
}

/* Words pasted from macOS or some web forms come decomposed (NFD). */
static void test_status_decomposed(void)
{
    /* "Hoàn thành": a + U+0300 */
    check_status("Hoa\xcc\x80n tha\xcc\x80nh", ST_DONE);
    /* "Đang thực hiện": u + U+031B + U+0323, e + U+0302 + U+0323 */
    check_status("\xc4\x90"
                 "ang thu\xcc\x9b\xcc\xa3"
                 "c hie\xcc\x82\xcc\xa3n",
                 ST_DOING);
    /* "Không áp dụng": o + U+0302, a + U+0301, u + U+0323 */
    check_status("Kho\xcc\x82ng a\xcc\x81p du\xcc\xa3ng", ST_NA);
    /* "Chưa thực hiện" */
    check_status("Chu\xcc\x9b"
                 "a thu\xcc\x9b\xcc\xa3"
                 "c hie\xcc\x82\xcc\xa3n",
                 ST_TODO);
}

static void test_status_rejects(void)
{
    static const char *bad[] = {
        "x",    "X",   "",  "   ",      "ok",    "hoàn",   "thành",
        "đang", "yes", "1", "\xff\xfe", "done!", "todo x",
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        item_status st = ST_DOING;
        CU_ASSERT_EQUAL(status_parse(bad[i], &st), -1);
        CU_ASSERT_EQUAL(st, ST_DOING);
    }
    CU_ASSERT_EQUAL(status_parse(NULL, NULL), -1);
}

static void test_status_labels(void)
{
    /* no catalog is bound here, so gettext returns the msgids */
    CU_ASSERT_STRING_EQUAL(status_label(ST_TODO), "To do");
    CU_ASSERT_STRING_EQUAL(status_label(ST_DOING), "In progress");
    CU_ASSERT_STRING_EQUAL(status_label(ST_DONE), "Done");
    CU_ASSERT_STRING_EQUAL(status_label(ST_NA), "Not applicable");
    CU_ASSERT_STRING_EQUAL(status_label(ST__COUNT), "");
    CU_ASSERT_STRING_EQUAL(status_code(ST__COUNT), "");
}

/* The space key goes todo -> doing -> done and stops there; na -> todo.
 * Backspace steps back: done -> doing -> todo. */
static void test_status_next(void)
{
    CU_ASSERT_EQUAL(status_next(ST_TODO), ST_DOING);
    CU_ASSERT_EQUAL(status_next(ST_DOING), ST_DONE);
    CU_ASSERT_EQUAL(status_next(ST_DONE), ST_DONE);
    CU_ASSERT_EQUAL(status_next(ST_NA), ST_TODO);
    item_status s = ST_TODO;
    for (int i = 0; i < 5; i++)
        s = status_next(s);
    CU_ASSERT_EQUAL(s, ST_DONE);
    CU_ASSERT_EQUAL(status_prev(ST_DONE), ST_DOING);
    CU_ASSERT_EQUAL(status_prev(ST_DOING), ST_TODO);
    CU_ASSERT_EQUAL(status_prev(ST_TODO), ST_TODO);
    CU_ASSERT_EQUAL(status_prev(ST_NA), ST_TODO);
}

/* ---- overdue --------------------------------------------------------- */

static due_rule rule(const char *text)
{
    due_rule r = {DUE_NONE, TD_NO_DAY, 0, 0, 0};
    CU_ASSERT_EQUAL(due_parse(text, &r), 0);
    return r;
}

/* A yearly report due 15 November: the 2025 one is late in January 2026,
 * the 2026 one is not due yet. */
static void test_overdue_yearly_across_year(void)
{
    due_rule r = rule("yearly:11-15");
    td_day jan5 = D(2026, 1, 5);
    CU_ASSERT_TRUE(item_is_overdue(&r, 2025, ST_TODO, jan5, NULL));
    CU_ASSERT_TRUE(item_is_overdue(&r, 2025, ST_DOING, jan5, NULL));
    CU_ASSERT_FALSE(item_is_overdue(&r, 2025, ST_DONE, jan5, NULL));
    CU_ASSERT_FALSE(item_is_overdue(&r, 2025, ST_NA, jan5, NULL));
    CU_ASSERT_FALSE(item_is_overdue(&r, 2026, ST_TODO, jan5, NULL));
    CU_ASSERT_FALSE(item_is_overdue(&r, 2026, ST_DOING, jan5, NULL));
    /* the deadline day itself is still in time */
    CU_ASSERT_FALSE(item_is_overdue(&r, 2025, ST_TODO, D(2025, 11, 15), NULL));
    CU_ASSERT_TRUE(item_is_overdue(&r, 2025, ST_TODO, D(2025, 11, 16), NULL));
}

static void test_overdue_fixed(void)
{
    due_rule r = rule("31/08/2025");
    CU_ASSERT_FALSE(item_is_overdue(&r, 2025, ST_TODO, D(2025, 8, 31), NULL));
    CU_ASSERT_TRUE(item_is_overdue(&r, 2025, ST_TODO, D(2025, 9, 1), NULL));
    /* a fixed date ignores the period year */
    CU_ASSERT_TRUE(item_is_overdue(&r, 2030, ST_TODO, D(2025, 9, 1), NULL));
    CU_ASSERT_FALSE(item_is_overdue(&r, 2025, ST_DONE, D(2025, 9, 1), NULL));
}

static void test_overdue_none(void)
{
    due_rule r = rule("");
    CU_ASSERT_FALSE(item_is_overdue(&r, 2025, ST_TODO, D(2099, 1, 1), NULL));
    CU_ASSERT_FALSE(item_is_overdue(NULL, 2025, ST_TODO, D(2099, 1, 1), NULL));
}

/* 15 working days after 20/08/2025 skip National Day (1-2 Sep): due 12/09. */
static void test_overdue_workdays(void)
{
    static const td_day days[] = {20332 /* 2025-09-01 */, 20333 /* 2025-09-02 */};
    holidays h = {days, N_ELEMS(days)};
    CU_ASSERT_EQUAL(days[0], D(2025, 9, 1));
    due_rule r = rule("workdays:15:2025-08-20");
    CU_ASSERT_FALSE(item_is_overdue(&r, 2025, ST_TODO, D(2025, 9, 11), &h));
    CU_ASSERT_FALSE(item_is_overdue(&r, 2025, ST_TODO, D(2025, 9, 12), &h));
    CU_ASSERT_TRUE(item_is_overdue(&r, 2025, ST_TODO, D(2025, 9, 13), &h));
    /* without the holidays it would already be late on the 11th */
    CU_ASSERT_TRUE(item_is_overdue(&r, 2025, ST_TODO, D(2025, 9, 11), NULL));
}

/* ---- learners -------------------------------------------------------- */

static void check_lstatus(const char *s, learner_status want)
{
    learner_status st = LS__COUNT;
    CU_ASSERT_EQUAL(lstatus_parse(s, &st), 0);
    CU_ASSERT_EQUAL(st, want);
}

static void test_lstatus_parse(void)
{
    check_lstatus("registered", LS_REGISTERED);
    check_lstatus("Đã đăng ký", LS_REGISTERED);
    check_lstatus("da dang ky", LS_REGISTERED);
    check_lstatus("Đăng ký", LS_REGISTERED);
    check_lstatus("đã đăng kí", LS_REGISTERED);
    check_lstatus("learning", LS_LEARNING);
    check_lstatus("Đang học", LS_LEARNING);
    check_lstatus("DANG HOC", LS_LEARNING);
    check_lstatus("completed", LS_COMPLETED);
    check_lstatus("Hoàn thành", LS_COMPLETED);
    check_lstatus("đã hoàn thành", LS_COMPLETED);
    check_lstatus("confirmed", LS_CONFIRMED);
    check_lstatus("Đã xác nhận", LS_CONFIRMED);
    check_lstatus("xac nhan", LS_CONFIRMED);
    check_lstatus("Đã phổ cập", LS_CONFIRMED);
    /* decomposed "Đang học": o + U+0323 */
    check_lstatus("\xc4\x90"
                  "ang ho\xcc\xa3"
                  "c",
                  LS_LEARNING);
    for (int i = 0; i < LS__COUNT; i++)
        check_lstatus(lstatus_code((learner_status)i), (learner_status)i);
    learner_status st = LS_LEARNING;
    CU_ASSERT_EQUAL(lstatus_parse("todo", &st), -1);
    CU_ASSERT_EQUAL(lstatus_parse("", &st), -1);
    CU_ASSERT_EQUAL(lstatus_parse("học", &st), -1);
    CU_ASSERT_EQUAL(lstatus_parse(NULL, &st), -1);
    CU_ASSERT_EQUAL(st, LS_LEARNING);
}

static void test_lstatus_codes_labels_next(void)
{
    CU_ASSERT_STRING_EQUAL(lstatus_code(LS_REGISTERED), "registered");
    CU_ASSERT_STRING_EQUAL(lstatus_code(LS_LEARNING), "learning");
    CU_ASSERT_STRING_EQUAL(lstatus_code(LS_COMPLETED), "completed");
    CU_ASSERT_STRING_EQUAL(lstatus_code(LS_CONFIRMED), "confirmed");
    CU_ASSERT_STRING_EQUAL(lstatus_label(LS_REGISTERED), "Registered");
    CU_ASSERT_STRING_EQUAL(lstatus_label(LS_LEARNING), "Learning");
    CU_ASSERT_STRING_EQUAL(lstatus_label(LS_COMPLETED), "Completed");
    CU_ASSERT_STRING_EQUAL(lstatus_label(LS_CONFIRMED), "Confirmed");
    CU_ASSERT_EQUAL(lstatus_next(LS_REGISTERED), LS_LEARNING);
    CU_ASSERT_EQUAL(lstatus_next(LS_LEARNING), LS_COMPLETED);
    CU_ASSERT_EQUAL(lstatus_next(LS_COMPLETED), LS_CONFIRMED);
    CU_ASSERT_EQUAL(lstatus_next(LS_CONFIRMED), LS_REGISTERED);
}

/* ---- gender ---------------------------------------------------------- */

static void check_gender(const char *s, const char *want)
{
    const char *g = NULL;
    CU_ASSERT_EQUAL(gender_parse(s, &g), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    CU_ASSERT_STRING_EQUAL(g, want);
}

static void test_gender(void)
{
    check_gender("nam", "nam");
    check_gender("Nam", "nam");
    check_gender("NAM", "nam");
    check_gender("nu", "nu");
    check_gender("Nữ", "nu");
    check_gender("NỮ", "nu");
    check_gender("Nu\xcc\x83", "nu"); /* decomposed "Nữ" */
    check_gender("khac", "khac");
    check_gender("Khác", "khac");
    check_gender("", "");
    check_gender("  ", "");
    const char *g = "unchanged";
    CU_ASSERT_EQUAL(gender_parse("male", &g), -1);
    CU_ASSERT_EQUAL(gender_parse("n", &g), -1);
    CU_ASSERT_EQUAL(gender_parse(NULL, &g), -1);
    CU_ASSERT_STRING_EQUAL(g, "unchanged");
}

/* ---- percentages ----------------------------------------------------- */

static void test_pct_table(void)
{
    static const struct {
        long long num, den;
        const char *text;
        int pm;
    } rows[] = {
        {5, 8, "62.5", 625},
        {1, 3, "33.3", 333},
        {2, 3, "66.7", 667},
        {1, 8, "12.5", 125},
        {1, 16, "6.3", 63},
        {0, 7, "0.0", 0},
        {7, 7, "100.0", 1000},
        {1, 2000, "0.1", 1},
        {1, 2001, "0.0", 0},
        {3, 2, "150.0", 1500},
        {123456, 1000000, "12.3", 123},
        {1, 6, "16.7", 167},
        {999, 1000, "99.9", 999},
        {9995, 10000, "100.0", 1000},
    };
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        char buf[16];
        int pm = pct_format(rows[i].num, rows[i].den, buf, sizeof buf);
        CU_ASSERT_EQUAL(pm, rows[i].pm);
        CU_ASSERT_STRING_EQUAL(buf, rows[i].text);
    }
}

static void test_pct_edges(void)
{
    char buf[16] = "junk";
    CU_ASSERT_EQUAL(pct_format(5, 0, buf, sizeof buf), -1);
    CU_ASSERT_STRING_EQUAL(buf, "");
    strcpy(buf, "junk");
    CU_ASSERT_EQUAL(pct_format(0, 0, buf, sizeof buf), -1);
    CU_ASSERT_STRING_EQUAL(buf, "");
    CU_ASSERT_EQUAL(pct_format(-1, 8, buf, sizeof buf), -1);
    CU_ASSERT_EQUAL(pct_format(1, -8, buf, sizeof buf), -1);
    /* a tiny buffer is cut, never overrun */
    char small[3];
    CU_ASSERT_EQUAL(pct_format(5, 8, small, sizeof small), 625);
    CU_ASSERT_STRING_EQUAL(small, "62");
    CU_ASSERT_EQUAL(pct_format(5, 8, NULL, 0), 625);
    /* big counts do not overflow */
    CU_ASSERT_EQUAL(pct_format(1000000000000LL, 3000000000000LL, buf, sizeof buf), 333);
    CU_ASSERT_STRING_EQUAL(buf, "33.3");
    CU_ASSERT_EQUAL(pct_format(9000000000000000000LL, 1, buf, sizeof buf), -1);
}

/* ---- roles ----------------------------------------------------------- */

static void test_roles(void)
{
    role_kind r = ROLE_NONE;
    CU_ASSERT_EQUAL(role_parse("admin", &r), 0);
    CU_ASSERT_EQUAL(r, ROLE_ADMIN);
    CU_ASSERT_EQUAL(role_parse(" City ", &r), 0);
    CU_ASSERT_EQUAL(r, ROLE_CITY);
    CU_ASSERT_EQUAL(role_parse("COMMUNE", &r), 0);
    CU_ASSERT_EQUAL(r, ROLE_COMMUNE);
    CU_ASSERT_EQUAL(role_parse("root", &r), -1);
    CU_ASSERT_EQUAL(role_parse("", &r), -1);
    CU_ASSERT_EQUAL(role_parse(NULL, &r), -1);
    CU_ASSERT_EQUAL(r, ROLE_COMMUNE);
    CU_ASSERT_STRING_EQUAL(role_code(ROLE_ADMIN), "admin");
    CU_ASSERT_STRING_EQUAL(role_code(ROLE_CITY), "city");
    CU_ASSERT_STRING_EQUAL(role_code(ROLE_COMMUNE), "commune");
    for (int i = ROLE_COMMUNE; i <= ROLE_ADMIN; i++) {
        CU_ASSERT_EQUAL(role_parse(role_code((role_kind)i), &r), 0);
        CU_ASSERT_EQUAL(r, (role_kind)i);
    }
}

static void test_role_may_write(void)
{
    /* admin and city: everything */
    CU_ASSERT_TRUE(role_may_write(ROLE_ADMIN, NULL, "xa-a", 1));
    CU_ASSERT_TRUE(role_may_write(ROLE_ADMIN, NULL, NULL, 0));
    CU_ASSERT_TRUE(role_may_write(ROLE_CITY, NULL, "xa-a", 0));
    CU_ASSERT_TRUE(role_may_write(ROLE_CITY, NULL, NULL, 1));
    /* a commune: its own rows of commune-owned kinds only */
    CU_ASSERT_TRUE(role_may_write(ROLE_COMMUNE, "xa-a", "xa-a", 0));
    CU_ASSERT_FALSE(role_may_write(ROLE_COMMUNE, "xa-a", "xa-b", 0));
    CU_ASSERT_FALSE(role_may_write(ROLE_COMMUNE, "xa-a", "xa-a", 1));
    CU_ASSERT_FALSE(role_may_write(ROLE_COMMUNE, "xa-a", NULL, 0));
    CU_ASSERT_FALSE(role_may_write(ROLE_COMMUNE, NULL, "xa-a", 0));
    CU_ASSERT_FALSE(role_may_write(ROLE_COMMUNE, "", "", 0));
    CU_ASSERT_FALSE(role_may_write(ROLE_COMMUNE, "xa-a", "XA-A", 0));
    /* no role: nothing */
    CU_ASSERT_FALSE(role_may_write(ROLE_NONE, "xa-a", "xa-a", 0));
    CU_ASSERT_FALSE(role_may_write(ROLE_NONE, NULL, NULL, 0));
}

int main(void)
{
    static const cu_test tests[] = {
        {"status codes", test_status_codes},
        {"status Vietnamese words", test_status_vietnamese},
        {"status English labels", test_status_english_labels},
        {"status decomposed words", test_status_decomposed},
        {"status rejects", test_status_rejects},
        {"status labels", test_status_labels},
        {"status transitions", test_status_next},
        {"overdue yearly across year", test_overdue_yearly_across_year},
        {"overdue fixed", test_overdue_fixed},
        {"overdue none", test_overdue_none},
        {"overdue working days", test_overdue_workdays},
        {"learner status parse", test_lstatus_parse},
        {"learner codes, labels, next", test_lstatus_codes_labels_next},
        {"gender", test_gender},
        {"percentages table", test_pct_table},
        {"percentages edges", test_pct_edges},
        {"roles", test_roles},
        {"role may write", test_role_may_write},
    };
    return CU_RUN("status", NULL, NULL, NULL, NULL, tests);
}
