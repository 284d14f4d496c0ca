/* values.c - validate and canonicalise one CSV value, and the rules that
 * tie a row's values together.  Pure C: lookups are callbacks. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/kinds.h"
#include "theodoi/status.h"
#include "theodoi/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The buffer of this thread's values (kind_value_buffer). */
static __thread char *vbuf;
static __thread size_t vbuf_cap, vbuf_used;

void kind_value_buffer(char *buf, size_t cap)
{
    vbuf = buf;
    vbuf_cap = buf ? cap : 0;
    vbuf_used = 0;
}

size_t kind_value_buffered(void)
{
    return vbuf_used;
}

/* A value out: in the thread's buffer while it fits, else malloc'd. */
static char *keep(const char *s);

void kind_value_set(char **v, const char *s)
{
    uintptr_t p = (uintptr_t)*v, b = (uintptr_t)vbuf;
    if (!(vbuf && p >= b && p < b + vbuf_used))
        free(*v);
    *v = s ? keep(s) : NULL;
}

static char *keep(const char *s)
{
    size_t n = strlen(s) + 1;
    if (vbuf && vbuf_cap - vbuf_used >= n) {
        char *p = vbuf + vbuf_used;
        memcpy(p, s, n);
        vbuf_used += n;
        return p;
    }
    return xstrdup(s);
}

static char *keepf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *keepf(const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof tmp)
        return keep(tmp);
    va_start(ap, fmt);
    char *p = xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

#define FAIL(...) (*msg = xasprintf(__VA_ARGS__), -1)

/* 1 when every byte of s is a digit. */
static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

/* Codes of units, items, courses: letters, digits and . _ - only. */
static int code_ok(const char *s)
{
    if (!*s || strlen(s) > 40)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
            return 0;
    return 1;
}

/* A commune's code as a spreadsheet may have left it: "4" is "00004". */
static int unit_value(const char *s, const kind_lookup *lk, char **out, char **msg)
{
    if (!all_digits(s) || strlen(s) > 5)
        return FAIL(_("not a unit code (digits, such as 00004): %s"), s);
    char buf[8];
    size_t n = strlen(s);
    if (n == 5) /* the usual case: no formatting */
        memcpy(buf, s, 6);
    else
        snprintf(buf, sizeof buf, "%05d", atoi(s));
    /* rows of communes only: a province code (2 digits) is not a commune */
    if (lk && lk->unit && !lk->unit(lk->ctx, buf))
        return FAIL(_("unknown unit %s"), buf);
    *out = keep(buf);
    return 0;
}

/* A month period: 2025-08, 08/2025, 8/2025, or a date on the 1st (what a
 * spreadsheet makes of "2025-08"). */
static int month_value(const char *s, char **out, char **msg)
{
    int y, m;
    td_day d;
    if (period_parse_month(s, &y, &m) != 0) {
        int dd;
        if (day_parse(s, &d) != 0)
            return FAIL(_("not a month (YYYY-MM): %s"), s);
        day_to_ymd(d, &y, &m, &dd);
        if (dd != 1)
            return FAIL(_("not a month (YYYY-MM): %s"), s);
    }
    *out = keepf("%04d-%02d", y, m);
    return 0;
}

/* A whole number >= 0, as Excel writes it ("12", also "12.0"). */
static int count_value(const char *s, char **out, char **msg)
{
    long long v;
    char tmp[32];
    if (s[0] == '-')
        return FAIL(_("negative count: %s"), s);
    if (strlen(s) >= sizeof tmp) /* never cut a long number short */
        return FAIL(_("not a whole number: %s"), s);
    snprintf(tmp, sizeof tmp, "%s", s);
    char *dot = strchr(tmp, '.');
    if (dot && strspn(dot + 1, "0") == strlen(dot + 1))
        *dot = '\0';
    if (str_to_long(tmp, &v) != 0 || v > 100000000)
        return FAIL(_("not a whole number: %s"), s);
    *out = keepf("%lld", v);
    return 0;
}

/* A percentage 0..100 ("80", "62.5", "62,5", "80%"): digits with one
 * decimal separator, nothing else (strtod would take "nan", "0x10" and
 * "1e2"); rounded to one decimal. */
static int pct_value(const char *s, char **out, char **msg)
{
    char tmp[32];
    if (strlen(s) >= sizeof tmp)
        return FAIL(_("not a percentage: %s"), s);
    snprintf(tmp, sizeof tmp, "%s", s);
    size_t n = strlen(tmp);
    if (n && tmp[n - 1] == '%')
        tmp[--n] = '\0';
    str_trim(tmp);
    const char *num = tmp[0] == '-' ? tmp + 1 : tmp;
    size_t ip = strspn(num, "0123456789"), fp = 0;
    if (ip && (num[ip] == '.' || num[ip] == ',')) {
        tmp[num - tmp + ip] = '.';
        fp = strspn(num + ip + 1, "0123456789");
        if (!fp)
            ip = 0;
        else
            fp++;
    }
    if (!ip || num[ip + fp] != '\0')
        return FAIL(_("not a percentage: %s"), s);
    double v = strtod(tmp, NULL);
    if (v < 0 || v > 100)
        return FAIL(_("percentage outside 0..100: %s"), s);
    char buf[32];
    kind_format_real(v, buf, sizeof buf);
    *out = keep(buf);
    return 0;
}

void kind_format_real(double v, char *buf, size_t size)
{
    long long tenths = (long long)(v * 10 + (v >= 0 ? 0.5 : -0.5));
    if (tenths % 10 == 0)
        snprintf(buf, size, "%lld", tenths / 10);
    else
        snprintf(buf, size, "%lld.%lld", tenths / 10, llabs(tenths % 10));
}

/* Values whose canonical form is a fixed code. */
static int coded_value(const kind_col *c, const char *s, char **out, char **msg)
{
    switch (c->type) {
    case VT_STATUS: {
        item_status st;
        if (status_parse(s, &st) != 0)
            return FAIL(_("unknown status (todo, doing, done, na): %s"), s);
        *out = keep(status_code(st));
        return 0;
    }
    case VT_LSTATUS: {
        learner_status st;
        if (lstatus_parse(s, &st) != 0)
            return FAIL(_("unknown status (registered, learning, completed, confirmed): %s"), s);
        *out = keep(lstatus_code(st));
        return 0;
    }
    case VT_GENDER: {
        const char *g;
        if (gender_parse(s, &g) != 0)
            return FAIL(_("unknown gender (nam, nu, khac or empty): %s"), s);
        *out = *g ? keep(g) : NULL;
        return 0;
    }
    case VT_UNITKIND: {
        static const char *const kinds[] = {"thanh_pho", "tinh", "phuong", "xa", "dac_khu"};
        for (size_t i = 0; i < 5; i++)
            if (strcmp(s, kinds[i]) == 0) {
                *out = keep(s);
                return 0;
            }
        return FAIL(_("unknown kind of unit (thanh_pho, tinh, phuong, xa, dac_khu): %s"), s);
    }
    default:
        return FAIL("internal: not a coded value");
    }
}

/* Values checked against the codes known (lookups). */
static int lookup_value(const kind_col *c, const char *s, const kind_lookup *lk, char **out,
                        char **msg)
{
    int yearly;
    switch (c->type) {
    case VT_UNIT:
        return unit_value(s, lk, out, msg);
    case VT_ITEM:
        if (lk && lk->item && !lk->item(lk->ctx, s, &yearly))
            return FAIL(_("unknown item %s"), s);
        break;
    case VT_GROUP:
        if (lk && lk->group && !lk->group(lk->ctx, s))
            return FAIL(_("unknown group (cbccvc, hssv, nguoi_dan, nld_dn): %s"), s);
        break;
    case VT_COURSE:
        if (lk && lk->course && !lk->course(lk->ctx, s))
            return FAIL(_("unknown course %s"), s);
        break;
    default:
        break;
    }
    *out = keep(s);
    return 0;
}

/* Days, years, times and due rules. */
static int time_value(const kind_col *c, const char *s, const kind_lookup *lk, char **out,
                      char **msg)
{
    td_day d;
    int y;
    int64_t t;
    char buf[32];
    switch (c->type) {
    case VT_DATE:
    case VT_DAY:
        if (day_parse(s, &d) != 0)
            return FAIL(_("not a date (YYYY-MM-DD or DD/MM/YYYY): %s"), s);
        if (c->type == VT_DATE && lk && d > lk->today)
            return FAIL(_("date in the future: %s"), s);
        day_format(d, buf);
        break;
    case VT_YEAR:
    case VT_CPERIOD:
        if (period_parse_year(s, &y) != 0)
            return FAIL(_("not a year: %s"), s);
        snprintf(buf, sizeof buf, "%04d", y);
        break;
    case VT_MONTH:
        return month_value(s, out, msg);
    case VT_BIRTH:
        if (!all_digits(s) || strlen(s) != 4 || atoi(s) < 1900 || (lk && atoi(s) > 2100))
            return FAIL(_("not a birth year (such as 1975): %s"), s);
        memcpy(buf, s, 5); /* four digits and the NUL */
        break;
    case VT_TS:
        if (ts_parse(s, &t) != 0)
            return FAIL(_("not a time (such as 2025-08-20T09:15:00+07:00): %s"), s);
        if (lk && t > lk->now + 86400)
            return FAIL(_("time more than a day in the future: %s"), s);
        ts_format(t, buf);
        break;
    default: {
        due_rule r;
        if (due_parse(s, &r) != 0)
            return FAIL(_("not a due rule (YYYY-MM-DD, yearly:MM-DD, workdays:N:YYYY-MM-DD): %s"),
                        s);
        due_format(&r, buf, sizeof buf);
    }
    }
    *out = keep(buf);
    return 0;
}

/* Dispatch on the column's type.  s is trimmed and not empty. */
static int typed_value(const kind_col *c, const char *s, const kind_lookup *lk, char **out,
                       char **msg)
{
    switch (c->type) {
    case VT_TEXT:
    case VT_NAME:
    case VT_LOGIN:
        *out = keep(s);
        return 0;
    case VT_CODE:
    case VT_TASK:
        if (!code_ok(s))
            return FAIL(_("not a code (letters, digits, . _ -): %s"), s);
        *out = keep(s);
        return 0;
    case VT_PARENT:
        if (!all_digits(s) || strlen(s) > 2)
            return FAIL(_("not a province code: %s"), s);
        *out = keepf("%02d", atoi(s));
        return 0;
    case VT_LEARNER:
        if (strlen(s) > 40)
            return FAIL(_("learner id too long: %s"), s);
        if ((strlen(s) == 9 || strlen(s) == 12) && all_digits(s))
            return FAIL(_(
                "looks like an identity card number; use a local id instead (personal data law 91/2025/QH15)"));
        *out = keep(s);
        return 0;
    case VT_COUNT:
        return count_value(s, out, msg);
    case VT_PCT:
        return pct_value(s, out, msg);
    case VT_STATUS:
    case VT_LSTATUS:
    case VT_GENDER:
    case VT_UNITKIND:
        return coded_value(c, s, out, msg);
    case VT_UNIT:
    case VT_ITEM:
    case VT_GROUP:
    case VT_COURSE:
        return lookup_value(c, s, lk, out, msg);
    default:
        return time_value(c, s, lk, out, msg);
    }
}

int kind_value(const kind_col *c, const char *in, const kind_lookup *lk, char **out, char **msg)
{
    *out = NULL;
    *msg = NULL;
    /* copy only a cell with blanks to trim (U+00A0 counts: 0xC2 0xA0) */
    const char *src = in ? in : "";
    size_t n = strlen(src);
    unsigned char a = (unsigned char)src[0], z = n ? (unsigned char)src[n - 1] : 0;
    int blank = isspace(a) || a == 0xC2 || isspace(z) || z == 0xA0;
    char *s = blank ? str_trim(xstrdup(src)) : (char *)src;
    int rc = 0;
    if (!*s) {
        if (c->flags & COL_REQUIRED)
            rc = (*msg = xstrdup(_("empty, but required")), -1);
    } else {
        rc = typed_value(c, s, lk, out, msg);
    }
    if (s != src)
        free(s);
    return rc;
}
