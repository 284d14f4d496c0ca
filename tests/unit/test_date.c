/* test_date.c - days, timestamps, periods, working days and due rules. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cu-run.h"

#include <CUnit/Basic.h>

#include "theodoi/date.h"

#define D(y, m, d) day_from_ymd((y), (m), (d))
#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Vietnam's public holidays falling on weekdays (sorted), 2025-2026:
 * New Year, Tết 2025 (27-31 Jan), Hùng Kings (7 Apr), 30/4 + 1/5 (+2/5
 * swapped), National Day (1-2 Sep), New Year 2026, Tết 2026 (16-20 Feb). */
static td_day vn_days[20];
static holidays vn_holidays;

static int setup_holidays(void)
{
    size_t n = 0;
    vn_days[n++] = D(2025, 1, 1);
    for (int d = 27; d <= 31; d++)
        vn_days[n++] = D(2025, 1, d);
    vn_days[n++] = D(2025, 4, 7);
    vn_days[n++] = D(2025, 4, 30);
    vn_days[n++] = D(2025, 5, 1);
    vn_days[n++] = D(2025, 5, 2);
    vn_days[n++] = D(2025, 9, 1);
    vn_days[n++] = D(2025, 9, 2);
    vn_days[n++] = D(2026, 1, 1);
    for (int d = 16; d <= 20; d++)
        vn_days[n++] = D(2026, 2, d);
    vn_holidays.days = vn_days;
    vn_holidays.n = n;
    return 0;
}

/* ---- calendar -------------------------------------------------------- */

static void test_known_days(void)
{
    CU_ASSERT_EQUAL(D(1970, 1, 1), 0);
    CU_ASSERT_EQUAL(D(1969, 12, 31), -1);
    CU_ASSERT_EQUAL(D(2000, 3, 1), 11017);
    CU_ASSERT_EQUAL(D(2025, 7, 10), 20279);
    CU_ASSERT_EQUAL(D(1900, 1, 1), -25567);
    CU_ASSERT_EQUAL(D(2200, 12, 31), 84370);
}

/* Every day 1900..2200 converts back and forth, consecutively. */
static void test_round_trip_all_days(void)
{
    td_day first = D(1900, 1, 1), last = D(2200, 12, 31);
    int py = 1899, pm = 12, pd = 31, bad = 0;
    for (td_day day = first; day <= last; day++) {
        int y, m, d;
        day_to_ymd(day, &y, &m, &d);
        if (!day_valid_ymd(y, m, d) || D(y, m, d) != day)
            bad++;
        int next_of_prev = (d == pd + 1 && m == pm && y == py) ||
                           (d == 1 && m == pm + 1 && y == py) ||
                           (d == 1 && m == 1 && pm == 12 && y == py + 1);
        if (!next_of_prev)
            bad++;
        py = y;
        pm = m;
        pd = d;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(py == 2200 && pm == 12 && pd == 31);
}

/* The C library agrees (timegm) on a few dates. */
static void test_agrees_with_libc(void)
{
    static const int ymd[][3] = {
        {1970, 1, 1}, {2000, 2, 29}, {2025, 12, 31}, {2038, 1, 19}, {2100, 3, 1}};
    for (size_t i = 0; i < N_ELEMS(ymd); i++) {
        struct tm tm = {0};
        tm.tm_year = ymd[i][0] - 1900;
        tm.tm_mon = ymd[i][1] - 1;
        tm.tm_mday = ymd[i][2];
        time_t t = timegm(&tm);
        CU_ASSERT_EQUAL((long long)D(ymd[i][0], ymd[i][1], ymd[i][2]), (long long)(t / 86400));
    }
}

static void test_valid_ymd(void)
{
    CU_ASSERT_TRUE(day_valid_ymd(2024, 2, 29));
    CU_ASSERT_TRUE(day_valid_ymd(2000, 2, 29));
    CU_ASSERT_FALSE(day_valid_ymd(2025, 2, 29));
    CU_ASSERT_FALSE(day_valid_ymd(1900, 2, 29));
    CU_ASSERT_FALSE(day_valid_ymd(2100, 2, 29));
    CU_ASSERT_FALSE(day_valid_ymd(2025, 2, 31));
    CU_ASSERT_FALSE(day_valid_ymd(2025, 4, 31));
    CU_ASSERT_TRUE(day_valid_ymd(2025, 12, 31));
    CU_ASSERT_FALSE(day_valid_ymd(2025, 13, 1));
    CU_ASSERT_FALSE(day_valid_ymd(2025, 0, 1));
    CU_ASSERT_FALSE(day_valid_ymd(2025, 1, 0));
}

static void test_weekday(void)
{
    CU_ASSERT_EQUAL(day_weekday(D(1970, 1, 1)), 3);   /* Thursday */
    CU_ASSERT_EQUAL(day_weekday(D(2025, 9, 2)), 1);   /* Tuesday */
    CU_ASSERT_EQUAL(day_weekday(D(2026, 2, 17)), 1);  /* Tết 2026 */
    CU_ASSERT_EQUAL(day_weekday(D(2025, 7, 12)), 5);  /* Saturday */
    CU_ASSERT_EQUAL(day_weekday(D(2025, 7, 13)), 6);  /* Sunday */
    CU_ASSERT_EQUAL(day_weekday(D(1900, 1, 1)), 0);   /* Monday */
    CU_ASSERT_EQUAL(day_weekday(D(1969, 12, 29)), 0); /* before epoch */
}

/* ---- parsing and formatting days ------------------------------------- */

static void test_parse_good(void)
{
    static const char *good[] = {
        "2025-08-31",    "31/08/2025",       "31-08-2025", "31.08.2025",
        "  31/08/2025 ", "\t2025-08-31\r\n", "31/8/2025",
    };
    for (size_t i = 0; i < N_ELEMS(good); i++) {
        td_day d = 0;
        CU_ASSERT_EQUAL(day_parse(good[i], &d), 0);
        CU_ASSERT_EQUAL(d, D(2025, 8, 31));
    }
    td_day d = 0;
    CU_ASSERT_EQUAL(day_parse("1/9/2025", &d), 0);
    CU_ASSERT_EQUAL(d, D(2025, 9, 1));
    CU_ASSERT_EQUAL(day_parse("29/02/2024", &d), 0);
    CU_ASSERT_EQUAL(d, D(2024, 2, 29));
    CU_ASSERT_EQUAL(day_parse("\xc2\xa0"
                              "02/09/2025\xc2\xa0",
                              &d),
                    0);
    CU_ASSERT_EQUAL(d, D(2025, 9, 2));
}

static void test_parse_bad(void)
{
    static const char *bad[] = {
        "31/02/2025",
        "29/02/2025",
        "2025-13-01",
        "2025-00-10",
        "2025-1-1",
        "2025-01-1",
        "31/08/25",
        "25-08-31",
        "2025-08-31x",
        "2025-08-31 1",
        "",
        "   ",
        "31/08-2025",
        "1-9-2025",
        "1.9.2025",
        "31/08/02025",
        "+1/9/2025",
        "2025/08/31",
        "31/08/2025/",
        "0/08/2025",
        "32/08/2025",
        "abc",
        "2025-08-31T10:00",
        "31 / 08 / 2025",
        "01/01/0025",
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        td_day d = 12345;
        CU_ASSERT_EQUAL(day_parse(bad[i], &d), -1);
        CU_ASSERT_EQUAL(d, 12345);
    }
    CU_ASSERT_EQUAL(day_parse(NULL, NULL), -1);
}

static void test_format(void)
{
    char buf[11];
    day_format(D(2025, 9, 2), buf);
    CU_ASSERT_STRING_EQUAL(buf, "2025-09-02");
    day_format_vn(D(2025, 9, 2), buf);
    CU_ASSERT_STRING_EQUAL(buf, "02/09/2025");
    day_format(D(1900, 1, 1), buf);
    CU_ASSERT_STRING_EQUAL(buf, "1900-01-01");
    td_day back;
    day_format_vn(D(2026, 2, 17), buf);
    CU_ASSERT_EQUAL(day_parse(buf, &back), 0);
    CU_ASSERT_EQUAL(back, D(2026, 2, 17));
}

static void test_today(void)
{
    setenv("THEODOI_TODAY", "2026-01-05", 1);
    CU_ASSERT_EQUAL(day_today(), D(2026, 1, 5));
    setenv("THEODOI_TODAY", "05/01/2026", 1);
    CU_ASSERT_EQUAL(day_today(), D(2026, 1, 5));
    unsetenv("THEODOI_TODAY");
    long long before = ((long long)time(NULL) + 7 * 3600) / 86400;
    td_day t = day_today();
    long long after = ((long long)time(NULL) + 7 * 3600) / 86400;
    CU_ASSERT(t >= before && t <= after);
}

/* ---- timestamps ------------------------------------------------------ */

static void test_ts_same_instant(void)
{
    /* 2025-07-10 08:00 in Hà Nội = 01:00 UTC */
    int64_t want = (int64_t)D(2025, 7, 10) * 86400 + 3600;
    static const char *same[] = {
        "2025-07-10T08:00:00+07:00", "2025-07-10T08:00+07:00",
        "2025-07-10T08:00:00+0700",  "2025-07-10T08:00:00+07",
        "2025-07-10T01:00:00Z",      "2025-07-10T01:00Z",
        "2025-07-09T20:00:00-05:00", "2025-07-10 08:00:00",
        "2025-07-10 08:00",          "2025-07-10T08:00:00.123+07:00",
        "2025-07-10T08:00:00,5",     "10/07/2025 08:00:00",
        "10/07/2025 8:00",           "  2025-07-10t08:00:00+07:00  ",
        "2025-07-10T06:30:00+05:30",
    };
    for (size_t i = 0; i < N_ELEMS(same); i++) {
        int64_t t = 0;
        CU_ASSERT_EQUAL(ts_parse(same[i], &t), 0);
        CU_ASSERT_EQUAL(t, want);
    }
}

static void test_ts_order_across_offsets(void)
{
    int64_t hanoi, utc, ny;
    CU_ASSERT_EQUAL(ts_parse("2025-07-10T09:00:00+07:00", &hanoi), 0);
    CU_ASSERT_EQUAL(ts_parse("2025-07-10T03:00:00Z", &utc), 0);
    CU_ASSERT_EQUAL(ts_parse("2025-07-09T21:30:00-05:00", &ny), 0);
    /* as text the order would be the reverse: 02:00Z < 02:30Z < 03:00Z */
    CU_ASSERT(hanoi < ny);
    CU_ASSERT(ny < utc);
    CU_ASSERT_EQUAL(utc - hanoi, 3600);
    CU_ASSERT_EQUAL(ny - hanoi, 1800);
}

static void test_ts_bad(void)
{
    static const char *bad[] = {
        "2025-07-10T24:00:00",
        "2025-07-10T08:60",
        "2025-07-10T08:00:60",
        "2025-07-10T08:00+25:00",
        "2025-07-10T08:00+07:60",
        "2025-07-10T08:00+7",
        "2025-07-10T08:00+070",
        "2025-07-10",
        "2025-07-10T8:00",
        "2025-07-10T08",
        "2025-07-10T08:00:00+07:00x",
        "2025-07-10T08:00:00.",
        "31/02/2025 08:00",
        "2025-07-10X08:00",
        "10/07/2025T08:00",
        "2025-07-10T08:0",
        "",
        NULL,
        "2025-07-10T08:00:00 +07:00",
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        int64_t t = 42;
        CU_ASSERT_EQUAL(ts_parse(bad[i], &t), -1);
        CU_ASSERT_EQUAL(t, 42);
    }
}

static void test_ts_format(void)
{
    char buf[26];
    ts_format(0, buf);
    CU_ASSERT_STRING_EQUAL(buf, "1970-01-01T07:00:00+07:00");
    ts_format(-1, buf);
    CU_ASSERT_STRING_EQUAL(buf, "1970-01-01T06:59:59+07:00");
    int64_t t;
    /* late evening UTC is already the next day in Vietnam */
    CU_ASSERT_EQUAL(ts_parse("2025-12-31T18:30:05Z", &t), 0);
    ts_format(t, buf);
    CU_ASSERT_STRING_EQUAL(buf, "2026-01-01T01:30:05+07:00");
    int64_t back;
    CU_ASSERT_EQUAL(ts_parse(buf, &back), 0);
    CU_ASSERT_EQUAL(back, t);
}

static void test_ts_now(void)
{
    setenv("THEODOI_NOW", "2025-07-10T08:00:00+07:00", 1);
    CU_ASSERT_EQUAL(ts_now(), (int64_t)D(2025, 7, 10) * 86400 + 3600);
    unsetenv("THEODOI_NOW");
    int64_t before = (int64_t)time(NULL);
    int64_t now = ts_now();
    CU_ASSERT(now >= before && now <= (int64_t)time(NULL));
}

/* ---- periods --------------------------------------------------------- */

static void test_periods(void)
{
    int y = 0, m = 0;
    CU_ASSERT_EQUAL(period_parse_year("2025", &y), 0);
    CU_ASSERT_EQUAL(y, 2025);
    CU_ASSERT_EQUAL(period_parse_year(" 2026 ", &y), 0);
    CU_ASSERT_EQUAL(y, 2026);
    CU_ASSERT_EQUAL(period_parse_year("25", &y), -1);
    CU_ASSERT_EQUAL(period_parse_year("2025x", &y), -1);
    CU_ASSERT_EQUAL(period_parse_year("", &y), -1);
    CU_ASSERT_EQUAL(period_parse_month("2025-08", &y, &m), 0);
    CU_ASSERT(y == 2025 && m == 8);
    CU_ASSERT_EQUAL(period_parse_month("09/2025", &y, &m), 0);
    CU_ASSERT(y == 2025 && m == 9);
    CU_ASSERT_EQUAL(period_parse_month("9/2025", &y, &m), 0);
    CU_ASSERT(y == 2025 && m == 9);
    CU_ASSERT_EQUAL(period_parse_month("2025-13", &y, &m), -1);
    CU_ASSERT_EQUAL(period_parse_month("2025-8", &y, &m), -1);
    CU_ASSERT_EQUAL(period_parse_month("00/2025", &y, &m), -1);
    CU_ASSERT_EQUAL(period_parse_month("2025", &y, &m), -1);
    CU_ASSERT_EQUAL(period_parse_month("08/25", &y, &m), -1);
}

/* ---- working days ---------------------------------------------------- */

static void test_workday(void)
{
    CU_ASSERT_TRUE(day_is_workday(D(2025, 7, 10), &vn_holidays));
    CU_ASSERT_FALSE(day_is_workday(D(2025, 7, 12), &vn_holidays));
    CU_ASSERT_FALSE(day_is_workday(D(2025, 7, 13), &vn_holidays));
    CU_ASSERT_FALSE(day_is_workday(D(2025, 9, 2), &vn_holidays));
    CU_ASSERT_TRUE(day_is_workday(D(2025, 9, 2), NULL));
    CU_ASSERT_FALSE(day_is_workday(D(2026, 2, 16), &vn_holidays));
    CU_ASSERT_FALSE(day_is_workday(D(2026, 2, 20), &vn_holidays));
    CU_ASSERT_TRUE(day_is_workday(D(2026, 2, 23), &vn_holidays));
    CU_ASSERT_FALSE(day_is_workday(D(2025, 1, 1), &vn_holidays));
    CU_ASSERT_FALSE(day_is_workday(D(2026, 1, 1), &vn_holidays));
}

static void test_workdays_weekend(void)
{
    /* Friday + 1 working day = Monday */
    CU_ASSERT_EQUAL(workdays_after(D(2025, 7, 11), 1, NULL), D(2025, 7, 14));
    /* start on Saturday: Monday is the first */
    CU_ASSERT_EQUAL(workdays_after(D(2025, 7, 12), 1, NULL), D(2025, 7, 14));
    CU_ASSERT_EQUAL(workdays_after(D(2025, 7, 10), 5, NULL), D(2025, 7, 17));
}

static void test_workdays_tet(void)
{
    /* Friday before Tết 2026: the whole week 16-20 Feb is off */
    CU_ASSERT_EQUAL(workdays_after(D(2026, 2, 13), 1, &vn_holidays), D(2026, 2, 23));
    CU_ASSERT_EQUAL(workdays_after(D(2026, 2, 12), 2, &vn_holidays), D(2026, 2, 23));
    CU_ASSERT_EQUAL(workdays_after(D(2026, 2, 12), 2, NULL), D(2026, 2, 16));
    CU_ASSERT_EQUAL(workdays_after(D(2026, 2, 11), 5, &vn_holidays), D(2026, 2, 25));
    /* Tết 2025 */
    CU_ASSERT_EQUAL(workdays_after(D(2025, 1, 24), 1, &vn_holidays), D(2025, 2, 3));
}

static void test_workdays_national_day(void)
{
    CU_ASSERT_EQUAL(workdays_after(D(2025, 7, 10), 15, &vn_holidays), D(2025, 7, 31));
    /* crossing 1-2 September costs two days */
    CU_ASSERT_EQUAL(workdays_after(D(2025, 8, 20), 15, &vn_holidays), D(2025, 9, 12));
    CU_ASSERT_EQUAL(workdays_after(D(2025, 8, 20), 15, NULL), D(2025, 9, 10));
    CU_ASSERT_EQUAL(workdays_after(D(2025, 8, 30), 1, &vn_holidays), D(2025, 9, 3));
    /* 30/4 - 2/5 */
    CU_ASSERT_EQUAL(workdays_after(D(2025, 4, 28), 3, &vn_holidays), D(2025, 5, 6));
}

/* ---- due rules ------------------------------------------------------- */

static void check_due_round_trip(const char *in, const char *canon)
{
    due_rule r;
    char buf[64];
    CU_ASSERT_EQUAL_FATAL(due_parse(in, &r), 0);
    due_format(&r, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, canon);
}

static void test_due_parse(void)
{
    due_rule r;
    CU_ASSERT_EQUAL(due_parse("", &r), 0);
    CU_ASSERT_EQUAL(r.kind, DUE_NONE);
    CU_ASSERT_EQUAL(due_parse("2025-08-31", &r), 0);
    CU_ASSERT_EQUAL(r.kind, DUE_FIXED);
    CU_ASSERT_EQUAL(r.date, D(2025, 8, 31));
    CU_ASSERT_EQUAL(due_parse("31/08/2025", &r), 0);
    CU_ASSERT_EQUAL(r.kind, DUE_FIXED);
    CU_ASSERT_EQUAL(r.date, D(2025, 8, 31));
    CU_ASSERT_EQUAL(due_parse("yearly:11-15", &r), 0);
    CU_ASSERT_EQUAL(r.kind, DUE_YEARLY);
    CU_ASSERT(r.month == 11 && r.day == 15);
    CU_ASSERT_TRUE(due_is_yearly(&r));
    CU_ASSERT_EQUAL(due_parse("workdays:15:2025-07-10", &r), 0);
    CU_ASSERT_EQUAL(r.kind, DUE_WORKDAYS);
    CU_ASSERT(r.n == 15 && r.date == D(2025, 7, 10));
    CU_ASSERT_FALSE(due_is_yearly(&r));
    check_due_round_trip("", "");
    check_due_round_trip("  ", "");
    check_due_round_trip("31/08/2025", "2025-08-31");
    check_due_round_trip("yearly:02-29", "yearly:02-29");
    check_due_round_trip("Yearly:11-15", "yearly:11-15");
    check_due_round_trip("workdays:15:2025-07-10", "workdays:15:2025-07-10");
    check_due_round_trip("workdays:366:10/07/2025", "workdays:366:2025-07-10");
}

static void test_due_parse_bad(void)
{
    static const char *bad[] = {
        "yearly:13-01",
        "yearly:02-30",
        "yearly:00-10",
        "yearly:1-5",
        "yearly:11-15x",
        "yearly:",
        "workdays:0:2025-07-10",
        "workdays:367:2025-07-10",
        "workdays:15:2025-02-30",
        "workdays:x:2025-07-10",
        "workdays:15",
        "workdays:15:",
        "workdays:-1:2025-07-10",
        "tomorrow",
        "31/02/2025",
        "2025-8-31",
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        due_rule r = {DUE_FIXED, 7, 0, 0, 0};
        CU_ASSERT_EQUAL(due_parse(bad[i], &r), -1);
        CU_ASSERT(r.kind == DUE_FIXED && r.date == 7);
    }
}

static void test_due_day(void)
{
    due_rule r;
    CU_ASSERT_EQUAL(due_parse("", &r), 0);
    CU_ASSERT_EQUAL(due_day(&r, 2025, &vn_holidays), TD_NO_DAY);
    CU_ASSERT_EQUAL(due_parse("31/08/2025", &r), 0);
    CU_ASSERT_EQUAL(due_day(&r, 2026, &vn_holidays), D(2025, 8, 31));
    CU_ASSERT_EQUAL(due_parse("yearly:11-15", &r), 0);
    CU_ASSERT_EQUAL(due_day(&r, 2025, NULL), D(2025, 11, 15));
    CU_ASSERT_EQUAL(due_day(&r, 2026, NULL), D(2026, 11, 15));
    CU_ASSERT_EQUAL(due_parse("yearly:02-29", &r), 0);
    CU_ASSERT_EQUAL(due_day(&r, 2025, NULL), D(2025, 2, 28));
    CU_ASSERT_EQUAL(due_day(&r, 2024, NULL), D(2024, 2, 29));
    CU_ASSERT_EQUAL(due_day(&r, 2100, NULL), D(2100, 2, 28));
    CU_ASSERT_EQUAL(due_parse("workdays:15:2025-08-20", &r), 0);
    CU_ASSERT_EQUAL(due_day(&r, 2030, &vn_holidays), D(2025, 9, 12));
    CU_ASSERT_EQUAL(due_day(NULL, 2025, NULL), TD_NO_DAY);
}

static void test_due_format_small_buffer(void)
{
    due_rule r;
    char buf[8];
    memset(buf, 'x', sizeof buf);
    CU_ASSERT_EQUAL(due_parse("workdays:15:2025-07-10", &r), 0);
    due_format(&r, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "workday");
}

int main(void)
{
    static const cu_test tests[] = {
        {"known days", test_known_days},
        {"round trip 1900..2200", test_round_trip_all_days},
        {"agrees with timegm", test_agrees_with_libc},
        {"valid dates", test_valid_ymd},
        {"weekday", test_weekday},
        {"parse good dates", test_parse_good},
        {"reject bad dates", test_parse_bad},
        {"format dates", test_format},
        {"today and THEODOI_TODAY", test_today},
        {"timestamps: same instant", test_ts_same_instant},
        {"timestamps: order across offsets", test_ts_order_across_offsets},
        {"timestamps: reject bad", test_ts_bad},
        {"timestamps: format", test_ts_format},
        {"now and THEODOI_NOW", test_ts_now},
        {"periods", test_periods},
        {"working day", test_workday},
        {"weekend skipped", test_workdays_weekend},
        {"Tet holidays skipped", test_workdays_tet},
        {"15 working days, National Day", test_workdays_national_day},
        {"due rule parse and format", test_due_parse},
        {"due rule rejects", test_due_parse_bad},
        {"due day", test_due_day},
        {"due format small buffer", test_due_format_small_buffer},
    };
    return CU_RUN("date", setup_holidays, NULL, NULL, NULL, tests);
}
