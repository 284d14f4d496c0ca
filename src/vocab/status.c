/* status.c - checklist and learner statuses, genders, roles, percentages.
 *
 * Words typed by people are compared in their folded form (text_fold():
 * lower case, no diacritics, đ -> d, single spaces), so "Hoàn thành",
 * "HOAN THANH" and a decomposed "Hoàn thành" all read the same.
 */
#include "theodoi/status.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "theodoi/i18n.h"
#include "theodoi/text.h"

/* One accepted (folded) word and the value it stands for. */
typedef struct word {
    const char *folded;
    int value;
} word;

/* Fold s and look it up in a table ended by a NULL word.  Returns the
 * value, or -1 when s is NULL, not UTF-8 or unknown. */
static int lookup_word(const char *s, const word *table)
{
    if (!s)
        return -1;
    /* most cells are already a table word (an export's "completed") */
    for (const word *w = table; w->folded; w++)
        if (strcmp(s, w->folded) == 0)
            return w->value;
    char *f = NULL;
    const char *key = ""; /* blank text needs no folding */
    if (s[strspn(s, " \t\r\n")] != '\0') {
        f = text_fold(s);
        if (!f)
            return -1;
        key = f;
    }
    int v = -1;
    for (const word *w = table; w->folded; w++) {
        if (strcmp(key, w->folded) == 0) {
            v = w->value;
            break;
        }
    }
    free(f);
    return v;
}

/* ---- checklist item statuses ----------------------------------------- */

static const word item_words[] = {
    {"todo", ST_TODO},
    {"chua thuc hien", ST_TODO},
    {"chua lam", ST_TODO},
    {"chua", ST_TODO},
    {"to do", ST_TODO}, /* English labels */
    {"doing", ST_DOING},
    {"dang thuc hien", ST_DOING},
    {"dang lam", ST_DOING},
    {"in progress", ST_DOING},
    {"done", ST_DONE},
    {"hoan thanh", ST_DONE},
    {"da hoan thanh", ST_DONE},
    {"da thuc hien", ST_DONE},
    {"na", ST_NA},
    {"n/a", ST_NA},
    {"khong ap dung", ST_NA},
    {"not applicable", ST_NA},
    {NULL, 0},
};

static const char *const item_codes[ST__COUNT] = {
    "todo",
    "doing",
    "done",
    "na",
};

static const char *const item_labels[ST__COUNT] = {
    N_("To do"),
    N_("In progress"),
    N_("Done"),
    N_("Not applicable"),
};

int status_parse(const char *s, item_status *out)
{
    int v = lookup_word(s, item_words);
    if (v < 0)
        return -1;
    if (out)
        *out = (item_status)v;
    return 0;
}

/* Out-of-range values give "" rather than crashing a screen. */
const char *status_code(item_status s)
{
    return ((unsigned)s < ST__COUNT) ? item_codes[s] : "";
}

const char *status_label(item_status s)
{
    return ((unsigned)s < ST__COUNT) ? _(item_labels[s]) : "";
}

item_status status_next(item_status s)
{
    switch (s) {
    case ST_TODO:
        return ST_DOING;
    case ST_DOING:
    case ST_DONE:
        return ST_DONE;
    default: /* na (and anything unknown) */
        return ST_TODO;
    }
}

item_status status_prev(item_status s)
{
    return s == ST_DONE ? ST_DOING : ST_TODO;
}

int item_is_overdue(const due_rule *r, int period_year, item_status st, td_day today,
                    const holidays *h)
{
    if (!r || (st != ST_TODO && st != ST_DOING))
        return 0;
    td_day deadline = due_day(r, period_year, h);
    return deadline != TD_NO_DAY && deadline < today;
}

/* ---- learner statuses ------------------------------------------------ */

static const word learner_words[] = {
    {"registered", LS_REGISTERED},
    {"da dang ky", LS_REGISTERED},
    {"dang ky", LS_REGISTERED},
    {"da dang ki", LS_REGISTERED}, /* "ký" is also spelt "kí" */
    {"dang ki", LS_REGISTERED},
    {"learning", LS_LEARNING},
    {"dang hoc", LS_LEARNING},
    {"completed", LS_COMPLETED},
    {"hoan thanh", LS_COMPLETED},
    {"da hoan thanh", LS_COMPLETED},
    {"confirmed", LS_CONFIRMED},
    {"da xac nhan", LS_CONFIRMED},
    {"xac nhan", LS_CONFIRMED},
    {"da pho cap", LS_CONFIRMED},
    {NULL, 0},
};

static const char *const learner_codes[LS__COUNT] = {
    "registered",
    "learning",
    "completed",
    "confirmed",
};

static const char *const learner_labels[LS__COUNT] = {
    N_("Registered"),
    N_("Learning"),
    N_("Completed"),
    N_("Confirmed"),
};

int lstatus_parse(const char *s, learner_status *out)
{
    int v = lookup_word(s, learner_words);
    if (v < 0)
        return -1;
    if (out)
        *out = (learner_status)v;
    return 0;
}

const char *lstatus_code(learner_status s)
{
    return ((unsigned)s < LS__COUNT) ? learner_codes[s] : "";
}

const char *lstatus_label(learner_status s)
{
    return ((unsigned)s < LS__COUNT) ? _(learner_labels[s]) : "";
}

/* registered -> learning -> completed -> confirmed -> registered. */
learner_status lstatus_next(learner_status s)
{
    if ((unsigned)s >= LS__COUNT - 1)
        return LS_REGISTERED;
    return (learner_status)(s + 1);
}

/* ---- gender ---------------------------------------------------------- */

static const word gender_words[] = {
    {"", 0}, {"nam", 1}, {"nu", 2}, {"khac", 3}, {NULL, 0},
};

static const char *const gender_codes[] = {"", "nam", "nu", "khac"};

int gender_parse(const char *s, const char **out)
{
    int v = lookup_word(s, gender_words);
    if (v < 0)
        return -1;
    if (out)
        *out = gender_codes[v];
    return 0;
}

/* ---- percentages ----------------------------------------------------- */

/* Per-mille of n/d, rounded half up, in integers: 1000*n/d split into
 * whole part and remainder so nothing overflows for realistic counts.
 * -1 when the result does not fit in an int or d is too large. */
static long long permille(unsigned long long n, unsigned long long d)
{
    unsigned long long q = n / d, r = n % d;
    if (q > (unsigned long long)INT_MAX / 1000 || d > ULLONG_MAX / 2000)
        return -1;
    /* round(1000*r/d) half up = floor((2000*r + d) / (2*d)) */
    unsigned long long frac = (2000 * r + d) / (2 * d);
    unsigned long long pm = q * 1000 + frac;
    return pm > (unsigned long long)INT_MAX ? -1 : (long long)pm;
}

/* Counts are never negative: a negative num or den is refused like den 0
 * (a negative result could not be told from the -1 error anyway). */
int pct_format(long long num, long long den, char *buf, size_t size)
{
    if (buf && size > 0)
        buf[0] = '\0';
    if (den <= 0 || num < 0)
        return -1;
    long long pm = permille((unsigned long long)num, (unsigned long long)den);
    if (pm < 0)
        return -1;
    if (buf && size > 0)
        snprintf(buf, size, "%lld.%lld", pm / 10, pm % 10);
    return (int)pm;
}

/* ---- roles ----------------------------------------------------------- */

static const word role_words[] = {
    {"none", ROLE_NONE}, {"commune", ROLE_COMMUNE}, {"city", ROLE_CITY}, {"admin", ROLE_ADMIN},
    {NULL, 0},
};

int role_parse(const char *s, role_kind *out)
{
    int v = lookup_word(s, role_words);
    if (v < 0)
        return -1;
    if (out)
        *out = (role_kind)v;
    return 0;
}

const char *role_code(role_kind r)
{
    switch (r) {
    case ROLE_NONE:
        return "none";
    case ROLE_COMMUNE:
        return "commune";
    case ROLE_CITY:
        return "city";
    case ROLE_ADMIN:
        return "admin";
    }
    return "";
}

/* Admin and city write everything; a commune writes only its own unit's
 * rows of commune-owned kinds; no role writes nothing. */
int role_may_write(role_kind r, const char *own, const char *unit, int city_owned)
{
    switch (r) {
    case ROLE_ADMIN:
    case ROLE_CITY:
        return 1;
    case ROLE_COMMUNE:
        if (city_owned || !own || !unit || own[0] == '\0')
            return 0;
        return strcmp(own, unit) == 0;
    default:
        return 0;
    }
}
