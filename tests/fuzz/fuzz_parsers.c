/* fuzz_parsers.c - the parsers of dates, times, due rules, periods,
 * statuses, numbers and codes, and kind_value() for every column type.
 *
 * The input up to its first NUL is the text typed in a cell.  What a
 * parser accepts must survive its own canonical form: parse, format,
 * parse again gives the same value; kind_value() of a canonical value
 * gives that value back.  The first 16 bytes also feed pct_format(),
 * checked against exact 128-bit arithmetic.
 */
#include "config.h"

#include "fuzz.h"
#include "theodoi/date.h"
#include "theodoi/kinds.h"
#include "theodoi/status.h"
#include "theodoi/util.h"

static int streq(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static void check_day(const char *s)
{
    td_day d, d2;
    char buf[16];
    int y, m, dd;
    if (day_parse(s, &d) != 0)
        return;
    day_to_ymd(d, &y, &m, &dd);
    FUZZ_CHECK(day_valid_ymd(y, m, dd) && y >= 1900 && y <= 2200);
    FUZZ_CHECK(day_from_ymd(y, m, dd) == d);
    FUZZ_CHECK(day_weekday(d) >= 0 && day_weekday(d) <= 6);
    day_format(d, buf);
    FUZZ_CHECK(strlen(buf) == 10 && day_parse(buf, &d2) == 0 && d2 == d);
    day_format_vn(d, buf);
    FUZZ_CHECK(strlen(buf) == 10 && day_parse(buf, &d2) == 0 && d2 == d);
}

static void check_ts(const char *s)
{
    int64_t t, t2;
    char buf[32];
    if (ts_parse(s, &t) != 0)
        return;
    ts_format(t, buf);
    FUZZ_CHECK(strlen(buf) == 25);
    FUZZ_CHECK(ts_parse(buf, &t2) == 0 && t2 == t);
}

static void check_due(const char *s)
{
    static const td_day hol[] = {20089, 20090, 20091, 20300};
    const holidays h = {hol, sizeof hol / sizeof hol[0]};
    due_rule r, r2;
    char buf[64], buf2[64];
    if (due_parse(s, &r) != 0)
        return;
    due_format(&r, buf, sizeof buf);
    FUZZ_CHECK(due_parse(buf, &r2) == 0);
    due_format(&r2, buf2, sizeof buf2);
    FUZZ_CHECK(streq(buf, buf2) && r2.kind == r.kind);
    FUZZ_CHECK((r.kind == DUE_NONE) == (buf[0] == '\0'));
    for (int y = 1900; y <= 2200; y += 37) {
        td_day d = due_day(&r, y, &h);
        FUZZ_CHECK((d == TD_NO_DAY) == (r.kind == DUE_NONE));
        if (r.kind == DUE_WORKDAYS)
            FUZZ_CHECK(d > r.date && day_is_workday(d, &h));
    }
}

static void check_periods(const char *s)
{
    int y, m, y2, m2;
    char buf[16];
    if (period_parse_year(s, &y) == 0) {
        snprintf(buf, sizeof buf, "%04d", y);
        FUZZ_CHECK(period_parse_year(buf, &y2) == 0 && y2 == y);
    }
    if (period_parse_month(s, &y, &m) == 0) {
        FUZZ_CHECK(m >= 1 && m <= 12);
        snprintf(buf, sizeof buf, "%04d-%02d", y, m);
        FUZZ_CHECK(period_parse_month(buf, &y2, &m2) == 0 && y2 == y && m2 == m);
    }
}

static void check_words(const char *s)
{
    item_status st, st2;
    learner_status ls, ls2;
    role_kind r, r2;
    const char *g, *g2;
    if (status_parse(s, &st) == 0) {
        FUZZ_CHECK((unsigned)st < ST__COUNT);
        FUZZ_CHECK(status_parse(status_code(st), &st2) == 0 && st2 == st);
        FUZZ_CHECK(status_label(st)[0] != '\0');
    }
    if (lstatus_parse(s, &ls) == 0) {
        FUZZ_CHECK((unsigned)ls < LS__COUNT);
        FUZZ_CHECK(lstatus_parse(lstatus_code(ls), &ls2) == 0 && ls2 == ls);
    }
    if (role_parse(s, &r) == 0)
        FUZZ_CHECK(role_parse(role_code(r), &r2) == 0 && r2 == r);
    if (gender_parse(s, &g) == 0)
        FUZZ_CHECK(gender_parse(g, &g2) == 0 && streq(g, g2));
}

static void check_long(const char *s)
{
    long long v, v2;
    char buf[32];
    if (str_to_long(s, &v) != 0)
        return;
    FUZZ_CHECK(v >= 0);
    snprintf(buf, sizeof buf, "%lld", v);
    FUZZ_CHECK(str_to_long(buf, &v2) == 0 && v2 == v);
}

/* pct_format(num, den) against the exact per-mille, rounded half up. */
static void check_pct(const uint8_t *data, size_t size)
{
    long long num, den;
    char buf[32];
    if (size < 16)
        return;
    memcpy(&num, data, sizeof num);
    memcpy(&den, data + 8, sizeof den);
    if (data[0] & 1) { /* mostly realistic counts */
        num = (long long)((unsigned long long)num % 2000000);
        den = (long long)((unsigned long long)den % 2000000);
    }
    int pm = pct_format(num, den, buf, sizeof buf);
    if (pm < 0) {
        FUZZ_CHECK(buf[0] == '\0');
        if (den > 0 && num >= 0 && den <= 1000000000000LL) {
            __int128 exact = ((__int128)num * 2000 + den) / ((__int128)den * 2);
            FUZZ_CHECK(exact > 2147483647);
        }
        return;
    }
    FUZZ_CHECK(den > 0 && num >= 0);
    __int128 exact = ((__int128)num * 2000 + den) / ((__int128)den * 2);
    FUZZ_CHECK(exact == pm);
    char want[32];
    snprintf(want, sizeof want, "%d.%d", pm / 10, pm % 10);
    FUZZ_CHECK(streq(buf, want));
}

/* Code look-ups by a fixed rule, so that both answers occur. */
static int lk_unit(void *ctx, const char *code)
{
    (void)ctx;
    unsigned sum = 0;
    for (const char *p = code; *p; p++)
        sum += (unsigned char)*p;
    return sum % 2 == 0;
}

static int lk_item(void *ctx, const char *code, int *yearly)
{
    (void)ctx;
    if (yearly)
        *yearly = code[0] & 1;
    return strlen(code) % 2 == 0;
}

static int lk_group(void *ctx, const char *code)
{
    (void)ctx;
    return strlen(code) % 3 != 0;
}

static int lk_course(void *ctx, const char *code)
{
    (void)ctx;
    return code[0] != 'x';
}

/* A canonical value validates to itself. */
static void check_value(const kind_col *c, const char *s, const kind_lookup *lk)
{
    char *out = NULL, *msg = NULL;
    int rc = kind_value(c, s, lk, &out, &msg);
    if (rc != 0) {
        FUZZ_CHECK(rc == -1 && msg != NULL && out == NULL);
        free(msg);
        return;
    }
    FUZZ_CHECK(msg == NULL);
    if (out) {
        char *out2 = NULL, *msg2 = NULL;
        if (kind_value(c, out, lk, &out2, &msg2) != 0)
            fprintf(stderr, "column %s: \"%s\" -> \"%s\" -> %s\n", c->name, s, out, msg2);
        FUZZ_CHECK(msg2 == NULL && out2 != NULL && streq(out, out2));
        free(out2);
    }
    free(out);
}

static void check_values(const char *s)
{
    const kind_lookup lk = {
        NULL, lk_unit, lk_item, lk_group, lk_course, 20345, (int64_t)20345 * 86400};
    for (int k = 0; k < KIND__COUNT; k++) {
        const kind_def *def = kind_get((kind_id)k);
        for (size_t i = 0; i < def->ncols; i++) {
            check_value(&def->cols[i], s, &lk);
            check_value(&def->cols[i], s, NULL);
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    check_day(s);
    check_ts(s);
    check_due(s);
    check_periods(s);
    check_words(s);
    check_long(s);
    check_pct(data, size);
    check_values(s);
    free(s);
    return 0;
}
