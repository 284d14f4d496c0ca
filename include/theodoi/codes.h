/* codes.h - look-ups of codes and roster counts (store layer). */
#ifndef THEODOI_CODES_H
#define THEODOI_CODES_H

#include <stddef.h>
#include <stdint.h>

#include "theodoi/db.h"

typedef enum { CODE_UNIT, CODE_ITEM, CODE_GROUP, CODE_COURSE, CODE_TASK } code_kind;

/* 1 when the code exists (for items, *yearly tells if its due rule is
 * yearly), 0 when not, -1 on error. */
int store_code_exists(td_db *db, code_kind what, const char *code, int *yearly);

/* Every code of a kind in code order, for fn (items: yearly tells whether
 * the due rule is yearly); fn returning non-zero stops.  TD_OK / TD_EDB. */
int store_codes_each(td_db *db, code_kind what, int (*fn)(void *ctx, const char *code, int yearly),
                     void *ctx);

/* Roster counts of a unit, group and course: 1 and out[0..3) =
 * registered, completed, confirmed; 0 when there is no roster. */
int store_learner_counts(td_db *db, const char *unit, const char *group, const char *course,
                         int64_t out[3]);

/* Population of the latest training row of unit/group/course up to month:
 * 1 found (*pop = -1 when stored empty), 0 none. */
int store_latest_population(td_db *db, const char *unit, const char *group, const char *course,
                            const char *month, int64_t *pop);

/* Every (group, course) pair with roster counts for unit, for `fn`. */
int store_roster_pairs(td_db *db, const char *unit,
                       int (*fn)(void *ctx, const char *group, const char *course), void *ctx);

/* Name of a unit (malloc'd) or NULL. */
char *store_unit_name(td_db *db, const char *code);

/* Holidays as a sorted array of days (malloc'd, *n set). */
int store_holidays(td_db *db, int32_t **days, size_t *n);

#endif
