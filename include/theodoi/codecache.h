/* codecache.h - the codes (units, items, groups, courses, tasks) that
 * rows may name, held in memory so that validating needs no SQL: the
 * importer's reading thread looks codes up here.  Load again after
 * anything may have added codes (the importer does before each file). */
#ifndef THEODOI_CODECACHE_H
#define THEODOI_CODECACHE_H

#include <stdint.h>

#include "theodoi/codes.h"
#include "theodoi/date.h"
#include "theodoi/db.h"
#include "theodoi/kinds.h"

typedef struct code_cache code_cache;

code_cache *code_cache_new(void);
void code_cache_free(code_cache **c);
/* Read every code from the database (a few thousand at most): 0, or -1
 * on a database error. */
int code_cache_load(code_cache *c, td_db *db);
/* 1 when the code exists (items: *yearly tells whether the due rule is
 * yearly), else 0.  No SQL; one thread at a time (the last code asked
 * of each kind is remembered). */
int code_cache_has(code_cache *c, code_kind what, const char *code, int *yearly);
/* The look-ups kind_value() takes, answered from c. */
kind_lookup code_cache_lookup(code_cache *c, td_day today, int64_t now);

#endif
