/* date.c - calendar days, timestamps, working days and due rules.
 *
 * Days are counted from 1970-01-01 in the proleptic Gregorian calendar;
 * timestamps are seconds since the epoch (UTC) shown in Vietnam time.
 */
#include "theodoi/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define VN_OFFSET (7 * 3600) /* Vietnam is UTC+7, no daylight saving */
#define SECS_PER_DAY 86400
#define YEAR_MIN 1900 /* years a person may type */
#define YEAR_MAX 2200
#define TEXT_MAX 64 /* longest date/time text we accept */

/* Floor division for a possibly negative numerator (d > 0). */
static long long floor_div(long long n, long long d)
{
    long long q = n / d;
    return (n % d < 0) ? q - 1 : q;
}

/* Days from civil (H. Hinnant's algorithm): the year starts in March so
 * the leap day is the last day of the "year"; eras are 400 years. */
td_day day_from_ymd(int y, int m, int d)
{
    long long yy = (long long)y - (m <= 2);
    long long era = floor_div(yy, 400);
    long long yoe = yy - era * 400;                        /* [0, 399] */
    long long mp = (m + 9) % 12;                           /* Mar = 0 */
    long long doy = (153 * mp + 2) / 5 + d - 1;            /* [0, 365] */
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
    return (td_day)(era * 146097 + doe - 719468);
}

/* Civil from days: the inverse of day_from_ymd. */
void day_to_ymd(td_day day, int *y, int *m, int *d)
{
    long long z = (long long)day + 719468;
    long long era = floor_div(z, 146097);
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long dd = doy - (153 * mp + 2) / 5 + 1;
    long long mm = mp < 10 ? mp + 3 : mp - 9;
    long long yy = yoe + era * 400 + (mm <= 2);
    if (y)
        *y = (int)yy;
    if (m)
        *m = (int)mm;
    if (d)
        *d = (int)dd;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap(y))
        return 29;
    return len[m - 1];
}

int day_valid_ymd(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= days_in_month(y, m);
}

int day_weekday(td_day day)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    long long w = ((long long)day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

td_day day_today(void)
{
    const char *env = getenv("THEODOI_TODAY");
    td_day d;
    if (env && *env && day_parse(env, &d) == 0)
        return d;
    long long local = (long long)time(NULL) + VN_OFFSET;
    return (td_day)floor_div(local, SECS_PER_DAY);
}

/* ---- small text helpers ---------------------------------------------- */

static int is_blank_at(const char *p)
{
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        return 1;
    /* U+00A0 no-break space, as spreadsheets paste it */
    return ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) ? 2 : 0;
}

/* Copy s without surrounding blanks into buf (TEXT_MAX bytes).
 * -1 when s is NULL or too long. */
static int trim_copy(const char *s, char *buf)
{
    if (!s)
        return -1;
    int k;
    while ((k = is_blank_at(s)) != 0)
        s += k;
    size_t n = strlen(s);
    for (;;) {
        if (n >= 1 && is_blank_at(s + n - 1) == 1)
            n -= 1;
        else if (n >= 2 && is_blank_at(s + n - 2) == 2)
            n -= 2;
        else
            break;
    }
    if (n >= TEXT_MAX)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return 0;
}

static int count_digits(const char *p)
{
    int n = 0;
    while (isdigit((unsigned char)p[n]))
        n++;
    return n;
}

/* Read a run of digits at *p whose length is in [min, max]; advance *p.
 * Runs longer than max fail, so "2025-1-1" can be told from "2025-01-01". */
static int read_num(const char **p, int min, int max, int *out)
{
    int n = count_digits(*p);
    if (n < min || n > max)
        return -1;
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + ((*p)[i] - '0');
    *p += n;
    *out = v;
    return 0;
}

/* Read a date at *p: "YYYY-MM-DD", "D/M/YYYY", "DD/MM/YYYY", "DD-MM-YYYY"
 * or "DD.MM.YYYY" (one or two digits only with '/'); advance *p past it.
 * The date is validated; years outside YEAR_MIN..YEAR_MAX are refused. */
static int read_date(const char **p, td_day *out)
{
    const char *q = *p;
    int y, m, d;
    if (count_digits(q) == 4) {
        if (read_num(&q, 4, 4, &y) || *q++ != '-' || read_num(&q, 2, 2, &m) || *q++ != '-' ||
            read_num(&q, 2, 2, &d))
            return -1;
    } else {
        char sep = q[count_digits(q)];
        if (sep != '/' && sep != '-' && sep != '.')
            return -1;
        int w = (sep == '/') ? 1 : 2; /* fewest digits of day and month */
        if (read_num(&q, w, 2, &d) || *q++ != sep || read_num(&q, w, 2, &m) || *q++ != sep ||
            read_num(&q, 4, 4, &y))
            return -1;
    }
    if (y < YEAR_MIN || y > YEAR_MAX || !day_valid_ymd(y, m, d))
        return -1;
    *out = day_from_ymd(y, m, d);
    *p = q;
    return 0;
}

int day_parse(const char *s, td_day *out)
{
    char buf[TEXT_MAX];
    const char *p = buf;
    td_day d;
    if (trim_copy(s, buf) || read_date(&p, &d) || *p != '\0')
        return -1;
    if (out)
        *out = d;
    return 0;
}

/* Write v (0 <= v < 10^width, else clamped) as width digits at p; return
 * the position after them.  Avoids snprintf truncation guesswork. */
static char *put_num(char *p, int v, int width)
{
    int lim = 1;
    for (int i = 0; i < width; i++)
        lim *= 10;
    v = v < 0 ? 0 : (v >= lim ? lim - 1 : v);
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

void day_format(td_day day, char *out)
{
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    out = put_num(out, y, 4);
    *out++ = '-';
    out = put_num(out, m, 2);
    *out++ = '-';
    out = put_num(out, d, 2);
    *out = '\0';
}

void day_format_vn(td_day day, char *out)
{
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    out = put_num(out, d, 2);
    *out++ = '/';
    out = put_num(out, m, 2);
    *out++ = '/';
    out = put_num(out, y, 4);
    *out = '\0';
}

/* ---- timestamps ------------------------------------------------------ */

/* Read "HH:MM[:SS][.fff]" at *p into seconds of the day; the fraction is
 * dropped.  hour_min is 2 for ISO text, 1 for the Excel form. */
static int read_clock(const char **p, int hour_min, long *secs)
{
    const char *q = *p;
    int h, m, s = 0;
    if (read_num(&q, hour_min, 2, &h) || *q++ != ':' || read_num(&q, 2, 2, &m))
        return -1;
    if (*q == ':') {
        q++;
        if (read_num(&q, 2, 2, &s))
            return -1;
        if (*q == '.' || *q == ',') {
            q++;
            int n = count_digits(q);
            if (n == 0)
                return -1;
            q += n;
        }
    }
    if (h > 23 || m > 59 || s > 59)
        return -1;
    *secs = h * 3600L + m * 60L + s;
    *p = q;
    return 0;
}

/* Read an optional offset "Z", "+HH", "+HH:MM" or "+HHMM" (or '-') at *p.
 * None means Vietnam time. */
static int read_offset(const char **p, long *offset)
{
    const char *q = *p;
    int h = 0, m = 0;
    if (*q == '\0') {
        *offset = VN_OFFSET;
        return 0;
    }
    if (*q == 'Z' || *q == 'z') {
        *offset = 0;
        *p = q + 1;
        return 0;
    }
    if (*q != '+' && *q != '-')
        return -1;
    int sign = (*q++ == '-') ? -1 : 1;
    if (count_digits(q) == 4) {
        h = (q[0] - '0') * 10 + (q[1] - '0');
        m = (q[2] - '0') * 10 + (q[3] - '0');
        q += 4;
    } else {
        if (read_num(&q, 2, 2, &h))
            return -1;
        if (*q == ':') {
            q++;
            if (read_num(&q, 2, 2, &m))
                return -1;
        }
    }
    if (h > 23 || m > 59)
        return -1;
    *offset = sign * (h * 3600L + m * 60L);
    *p = q;
    return 0;
}

int ts_parse(const char *s, int64_t *epoch)
{
    char buf[TEXT_MAX];
    const char *p = buf;
    td_day day;
    long secs, offset;
    if (trim_copy(s, buf) || read_date(&p, &day))
        return -1;
    int iso = count_digits(buf) == 4;
    if (!(*p == ' ' || (iso && (*p == 'T' || *p == 't'))))
        return -1;
    p++;
    if (read_clock(&p, iso ? 2 : 1, &secs) || read_offset(&p, &offset) || *p != '\0')
        return -1;
    if (epoch)
        *epoch = (int64_t)day * SECS_PER_DAY + secs - offset;
    return 0;
}

void ts_format(int64_t epoch, char *out)
{
    long long local = (long long)epoch + VN_OFFSET;
    long long day = floor_div(local, SECS_PER_DAY);
    long long sec = local - day * SECS_PER_DAY;
    int t = (int)sec;
    day_format((td_day)day, out);
    out[10] = 'T';
    char *p = put_num(out + 11, t / 3600, 2);
    *p++ = ':';
    p = put_num(p, t / 60 % 60, 2);
    *p++ = ':';
    p = put_num(p, t % 60, 2);
    memcpy(p, "+07:00", 7);
}

int64_t ts_now(void)
{
    const char *env = getenv("THEODOI_NOW");
    int64_t t;
    if (env && *env && ts_parse(env, &t) == 0)
        return t;
    return (int64_t)time(NULL);
}

/* ---- periods --------------------------------------------------------- */

int period_parse_year(const char *s, int *year)
{
    char buf[TEXT_MAX];
    const char *p = buf;
    int y;
    if (trim_copy(s, buf) || read_num(&p, 4, 4, &y) || *p != '\0' || y < YEAR_MIN || y > YEAR_MAX)
        return -1;
    if (year)
        *year = y;
    return 0;
}

/* "YYYY-MM", or "MM/YYYY" / "M/YYYY" as Vietnamese documents write it. */
int period_parse_month(const char *s, int *year, int *month)
{
    char buf[TEXT_MAX];
    const char *p = buf;
    int y, m;
    if (trim_copy(s, buf))
        return -1;
    if (count_digits(p) == 4) {
        if (read_num(&p, 4, 4, &y) || *p++ != '-' || read_num(&p, 2, 2, &m))
            return -1;
    } else if (read_num(&p, 1, 2, &m) || *p++ != '/' || read_num(&p, 4, 4, &y)) {
        return -1;
    }
    if (*p != '\0' || m < 1 || m > 12 || y < YEAR_MIN || y > YEAR_MAX)
        return -1;
    if (year)
        *year = y;
    if (month)
        *month = m;
    return 0;
}

/* ---- working days ---------------------------------------------------- */

/* Binary search in the sorted holiday array. */
static int is_holiday(td_day day, const holidays *h)
{
    if (!h || !h->days)
        return 0;
    size_t lo = 0, hi = h->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->days[mid] == day)
            return 1;
        if (h->days[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int day_is_workday(td_day day, const holidays *h)
{
    return day_weekday(day) < 5 && !is_holiday(day, h);
}

/* Walk forward one day at a time; n below 1 gives start back unchanged.
 * The holiday array is finite, so the walk ends. */
td_day workdays_after(td_day start, int n, const holidays *h)
{
    if (start == TD_NO_DAY)
        return TD_NO_DAY;
    td_day d = start;
    while (n > 0) {
        d++;
        if (day_is_workday(d, h))
            n--;
    }
    return d;
}

/* ---- due rules ------------------------------------------------------- */

#define WORKDAYS_MAX 366

/* "MM-DD" of a yearly rule; 02-29 is allowed (checked against 2000). */
static int parse_yearly(const char *p, due_rule *r)
{
    int m, d;
    if (read_num(&p, 2, 2, &m) || *p++ != '-' || read_num(&p, 2, 2, &d) || *p != '\0' ||
        !day_valid_ymd(2000, m, d))
        return -1;
    r->kind = DUE_YEARLY;
    r->month = m;
    r->day = d;
    return 0;
}

/* "N:date" of a workdays rule. */
static int parse_workdays(const char *p, due_rule *r)
{
    int n;
    td_day d;
    if (read_num(&p, 1, 3, &n) || *p++ != ':' || n < 1 || n > WORKDAYS_MAX || read_date(&p, &d) ||
        *p != '\0')
        return -1;
    r->kind = DUE_WORKDAYS;
    r->n = n;
    r->date = d;
    return 0;
}

/* A NULL or blank text is "no deadline"; prefixes are case-insensitive.
 * out is written only on success. */
int due_parse(const char *s, due_rule *out)
{
    char buf[TEXT_MAX];
    due_rule r = {DUE_NONE, TD_NO_DAY, 0, 0, 0};
    int rc = 0;
    if (!s)
        s = "";
    if (trim_copy(s, buf))
        return -1;
    if (buf[0] == '\0') {
        rc = 0;
    } else if (strncasecmp(buf, "yearly:", 7) == 0) {
        rc = parse_yearly(buf + 7, &r);
    } else if (strncasecmp(buf, "workdays:", 9) == 0) {
        rc = parse_workdays(buf + 9, &r);
    } else {
        r.kind = DUE_FIXED;
        rc = day_parse(buf, &r.date);
    }
    if (rc == 0 && out)
        *out = r;
    return rc;
}

void due_format(const due_rule *r, char *buf, size_t size)
{
    char day[11];
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    if (!r)
        return;
    switch (r->kind) {
    case DUE_FIXED:
        day_format(r->date, day);
        snprintf(buf, size, "%s", day);
        break;
    case DUE_YEARLY:
        snprintf(buf, size, "yearly:%02d-%02d", r->month, r->day);
        break;
    case DUE_WORKDAYS:
        day_format(r->date, day);
        snprintf(buf, size, "workdays:%d:%s", r->n, day);
        break;
    default:
        break;
    }
}

int due_is_yearly(const due_rule *r)
{
    return r && r->kind == DUE_YEARLY;
}

td_day due_day(const due_rule *r, int year, const holidays *h)
{
    if (!r)
        return TD_NO_DAY;
    switch (r->kind) {
    case DUE_FIXED:
        return r->date;
    case DUE_YEARLY:
        if (r->month < 1 || r->month > 12 || r->day < 1)
            return TD_NO_DAY;
        if (r->day > days_in_month(year, r->month))
            return day_from_ymd(year, r->month, days_in_month(year, r->month));
        return day_from_ymd(year, r->month, r->day);
    case DUE_WORKDAYS:
        return workdays_after(r->date, r->n, h);
    default:
        return TD_NO_DAY;
    }
}
