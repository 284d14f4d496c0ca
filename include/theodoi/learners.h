/* learners.h - a commune's roster of learners, as the roster screen sees
 * it: pages read from SQLite in Vietnamese name order (never the whole
 * roster), filters, a search that ignores diacritics, counts.  Its edits
 * go through the edit path (edit.h).
 *
 * Personal data (Law 91/2025/QH15): a learner is a name, a birth year, a
 * gender, a group and a village, with the course and its status; never an
 * identity number, a photo or an ethnicity.  Ids are local ("L000123"). */
#ifndef THEODOI_LEARNERS_H
#define THEODOI_LEARNERS_H

#include <stddef.h>

#include "theodoi/db.h"
#include "theodoi/status.h"

/* One row of the roster: a person and one course. */
typedef struct learner {
    char unit[8], id[48], course[48], group[48];
    char gender[8];            /* "", "nam", "nu", "khac" */
    char *full_name, *village; /* village "" when none */
    int birth_year;            /* 0 when none */
    learner_status status;
    char *name_key; /* sort key (text_name_key): the position */
    char updated_at[32], updated_by[64];
} learner;
void learner_clear(learner *l);

/* What the roster shows; NULL or -1 fields do not filter. */
typedef struct learner_filter {
    const char *unit;    /* required */
    const char *village; /* exact village */
    const char *group;
    const char *course;
    int status;         /* a learner_status, or -1 */
    const char *search; /* as typed: matched in the full name, ignoring
                                  case, diacritics and extra blanks */
} learner_filter;

/* A position in the roster's order (name_key, id, course); the strings
 * are borrowed, typically from a learner of the page on screen. */
typedef struct learner_pos {
    const char *name_key, *id, *course;
} learner_pos;
/* The position of a row (borrows l's strings). */
learner_pos learner_pos_of(const learner *l);

typedef enum {
    LP_AFTER, /* rows after pos (pos NULL: the first page) */
    LP_FROM,  /* rows at or after pos (reload keeping the cursor) */
    LP_BEFORE /* rows before pos (pos NULL: the last page) */
} learner_dir;

typedef struct learner_page {
    learner *rows; /* in roster order, whatever the direction */
    size_t n;
    int more_before, more_after;
} learner_page;

/* Load up to limit rows of the filter's roster from pos in direction dir.
 * Keyset paging: the whole roster walks the index learners(unit_code,
 * name_key), so a page costs the same in a roster of 48 or 100,000 (under
 * 1 ms); a filtered or searched one reads the unit's rows once and sorts
 * the matches (~25-50 ms for 100,000).  TD_OK or TD_EDB. */
int learner_page_load(td_db *db, const learner_filter *f, const learner_pos *pos, learner_dir dir,
                      size_t limit, learner_page *out);
void learner_page_free(learner_page *p);

/* Rows matching the filter (before NULL), or those of them before a
 * position (for a scroll bar: "row 1234 of 100000"); -1 on error. */
long learner_count(td_db *db, const learner_filter *f, const learner_pos *before);

/* The villages of unit's roster, in Vietnamese order (for the filter). */
int learner_villages(td_db *db, const char *unit, char ***out, size_t *n);
void learner_villages_free(char ***list, size_t n);

/* One row: 1 found (*out filled; learner_clear frees), 0 none, -1 error. */
int learner_get(td_db *db, const char *unit, const char *id, const char *course, learner *out);

/* A learner as typed in the form (any field NULL or ""; Vietnamese words
 * accepted for gender and status, as in an import). */
typedef struct learner_form {
    const char *full_name, *birth_year, *gender, *group, *village, *course, *status;
} learner_form;

/* ---- store side (SQL) ------------------------------------------------ */

/* The next free local id "L000123" of unit, never one handed out before
 * (a counter in meta): call it inside the write transaction that uses
 * it.  malloc'd, NULL on error. */
char *store_learner_next_id(td_db *db, const char *unit);
/* Course codes of the rows of a person (id), for fn. */
int store_learner_courses(td_db *db, const char *unit, const char *id,
                          int (*fn)(void *ctx, const char *course), void *ctx);

#endif
