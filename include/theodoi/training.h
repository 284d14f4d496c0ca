/* training.h - the data of the training screens ("Bình dân học vụ số"):
 * a commune's group x course table for one month, direct entry of the
 * counts, the confirmed-% trend of a commune or of the city, and the
 * sparkline that draws it.  The screens call the view functions; the
 * store_* functions below them are the SQL (src/store/training.c). */
#ifndef THEODOI_TRAINING_H
#define THEODOI_TRAINING_H

#include <stddef.h>
#include <stdint.h>

#include "theodoi/db.h"
#include "theodoi/kinds.h"

/* One line of the table: a target group and a course. */
typedef struct tr_row {
    char group[48], course[48];
    char *group_title, *course_title;
    char period[8];                                       /* month the values come from; "" when the
                                city set a target but nothing was reported */
    int64_t population, registered, completed, confirmed; /* -1: empty */
    char pct[16];      /* confirmed / population, "62.5"; "" when the
                                population is 0 or empty */
    int pct_permille;  /* 625, or -1 (for bars) */
    double target_pct; /* the year's target %, -1 when none */
    int from_roster;   /* learners of this group and course exist */
    int locked;        /* the counts are derived from the roster (current
                                month): only the population may be typed */
    char updated_at[32], updated_by[64];
} tr_row;

/* The table of a commune for a month. */
typedef struct tr_table {
    char unit[8];
    char month[8]; /* the month asked for */
    char shown[8]; /* the month the rows come from: month itself,
                                or the latest earlier month with rows when
                                month has none; "" when never reported */
    int carried;   /* 1 when shown != month */
    tr_row *rows;
    size_t n;
    tr_row total; /* sums over the rows of the month shown (codes
                                ""), as the summary and the trend count
                                that month; a row whose period differs
                                shows an earlier month and is not in it */
} tr_table;

/* Load unit's table for month ("YYYY-MM", NULL: the current month).
 * Rows: the pairs reported in month and in the latest earlier month with
 * rows (a pair missing from month shows its earlier values, with that
 * period), and the pairs with a target this year and no report yet, in
 * group then course order.  TD_OK, TD_EINPUT (bad month), TD_EDB. */
int training_table_load(td_db *db, const char *unit, const char *month, tr_table *out);
void training_table_free(tr_table *t);

/* Confirmed % per month for the n months ending with last_month (NULL:
 * the current month), oldest first, one decimal; -1 where there is no
 * data.  unit: a commune (its rows of that month, summed), a province
 * code or NULL (every commune in the database; a commune without a row in
 * a month counts with its latest earlier month, so the curve does not dip
 * when communes report late).  Reads training rows only.  TD_OK, TD_EDB. */
int training_trend(td_db *db, const char *unit, const char *last_month, int n, double *pct);

/* A sparkline of n percentages (0..100 on a fixed scale, so communes
 * compare): one of "▁▂▃▄▅▆▇█" per value, or " .:-=+*#" when utf8 is 0;
 * a blank where a value is -1.  malloc'd. */
char *training_sparkline(const double *pct, int n, int utf8);

/* Months as text: the current one, and month shifted by delta months
 * (out has 8 bytes).  0 ok, -1 when month is not YYYY-MM. */
void training_month_now(char out[8]);
int training_month_add(const char *month, int delta, char out[8]);

/* Codes and titles of the groups or courses (for pickers), in order. */
typedef struct tr_choice {
    char code[48];
    char *title;
} tr_choice;
typedef enum { TR_GROUPS, TR_COURSES } tr_choice_kind;
int training_choices(td_db *db, tr_choice_kind which, tr_choice **out, size_t *n);
void training_choices_free(tr_choice **list, size_t n);

/* ---- store side (SQL) ------------------------------------------------ */

/* A raw row of the table query; strings valid during the callback. */
typedef struct tr_raw {
    const char *group, *group_title, *course, *course_title, *period;
    int64_t population, registered, completed, confirmed; /* -1: NULL */
    double target_pct;                                    /* -1: none */
    int from_roster;
    const char *updated_at, *updated_by;
} tr_raw;

/* The latest month before `before` in which unit has rows (into out, 8
 * bytes; "" when none).  TD_OK or TD_EDB. */
int store_training_prev_month(td_db *db, const char *unit, const char *before, char out[8]);
/* The pairs of unit reported in month or prev (month wins), and the pairs
 * with a target in year, joined with titles, targets and roster. */
int store_training_table(td_db *db, const char *unit, const char *month, const char *prev,
                         const char *year, int (*fn)(void *ctx, const tr_raw *r), void *ctx);
/* Sums of population and confirmed per unit and month, months first..last
 * plus each unit's latest month before first; unit NULL: every commune,
 * a 2-digit code: the communes of that province, else that unit.  Rows in
 * unit then month order.  pop or conf -1 when no value. */
int store_training_sums(td_db *db, const char *unit, const char *first, const char *last,
                        int (*fn)(void *ctx, const char *unit, const char *month, int64_t pop,
                                  int64_t conf),
                        void *ctx);
/* Groups (by their order) or courses (by code) with titles. */
int store_training_choices(td_db *db, tr_choice_kind which,
                           int (*fn)(void *ctx, const char *code, const char *title), void *ctx);

#endif
