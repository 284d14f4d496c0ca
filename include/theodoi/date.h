/* date.h - calendar days, timestamps, working days and due rules.
 *
 * Pure domain code: no SQL, no curses.  A day is the number of days since
 * 1970-01-01 in the proleptic Gregorian calendar.  Timestamps are seconds
 * since the epoch (UTC); their canonical text is Vietnam time (+07:00).
 */
#ifndef THEODOI_DATE_H
#define THEODOI_DATE_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t td_day;
#define TD_NO_DAY INT32_MIN

td_day day_from_ymd(int y, int m, int d); /* no validation */
void day_to_ymd(td_day day, int *y, int *m, int *d);
int day_valid_ymd(int y, int m, int d); /* 1 if a real date */
int day_weekday(td_day day);            /* 0 Monday .. 6 Sunday */
td_day day_today(void);                 /* today, Vietnam time;
                                                       $THEODOI_TODAY=YYYY-MM-DD
                                                       overrides (tests) */

/* Parse a date typed by a person or written by a spreadsheet:
 * "YYYY-MM-DD", "DD/MM/YYYY", "D/M/YYYY", also "DD-MM-YYYY" and
 * "DD.MM.YYYY".  Surrounding blanks ignored.  0 ok, -1 bad. */
int day_parse(const char *s, td_day *out);

/* "YYYY-MM-DD" into out (11 bytes). */
void day_format(td_day day, char *out);
/* "DD/MM/YYYY" into out (11 bytes), as Vietnamese documents write it. */
void day_format_vn(td_day day, char *out);

/* Parse an ISO 8601 time: "YYYY-MM-DDTHH:MM[:SS][+HH:MM|Z]"; a space may
 * replace the T; with no offset, +07:00 is assumed.  "DD/MM/YYYY HH:MM[:SS]"
 * as Excel writes it is accepted too.  0 ok, -1 bad. */
int ts_parse(const char *s, int64_t *epoch);
/* Canonical text "YYYY-MM-DDTHH:MM:SS+07:00" into out (26 bytes). */
void ts_format(int64_t epoch, char *out);
int64_t ts_now(void); /* $THEODOI_NOW (any ts_parse form) overrides */

/* Periods: a year "2025" or a month "2025-08" ("08/2025" accepted). */
int period_parse_year(const char *s, int *year);
int period_parse_month(const char *s, int *year, int *month);

/* Holidays: a sorted array of days (the caller owns it). */
typedef struct holidays {
    const td_day *days;
    size_t n;
} holidays;

int day_is_workday(td_day day, const holidays *h); /* Mon-Fri, not holiday */
/* The n-th working day after start (n >= 1; start itself not counted). */
td_day workdays_after(td_day start, int n, const holidays *h);

/* Due rules of checklist items. */
typedef enum { DUE_NONE, DUE_FIXED, DUE_YEARLY, DUE_WORKDAYS } due_kind;
typedef struct due_rule {
    due_kind kind;
    td_day date;    /* DUE_FIXED: the day; DUE_WORKDAYS: the start day */
    int month, day; /* DUE_YEARLY */
    int n;          /* DUE_WORKDAYS: working days after date */
} due_rule;

/* Parse "" (none), "YYYY-MM-DD" (or DD/MM/YYYY), "yearly:MM-DD",
 * "workdays:N:YYYY-MM-DD" (N working days after that date).  0 ok, -1 bad. */
int due_parse(const char *s, due_rule *out);
/* Canonical text of a rule (as due_parse reads it) into buf. */
void due_format(const due_rule *r, char *buf, size_t size);
int due_is_yearly(const due_rule *r);
/* The deadline in a given year (used for yearly rules; others ignore
 * year); TD_NO_DAY for DUE_NONE.  Feb 29 in a common year is Feb 28. */
td_day due_day(const due_rule *r, int year, const holidays *h);

#endif
