/* sync-fixture.h - the fixture that test_sync.c and test_undo.c share: a
 * fresh database of Hai Phong for each test in a scratch directory, files
 * written there, imports whose report stays in rep, and exports. */
#ifndef THEODOI_SYNC_FIXTURE_H
#define THEODOI_SYNC_FIXTURE_H

#include "theodoi/db.h"
#include "theodoi/kinds.h"
#include "theodoi/status.h"
#include "theodoi/sync.h"

#define HC \
    "unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by\n"
#define HT \
    "unit_code,period,group_code,course_code,population,registered,completed,confirmed,updated_at,updated_by\n"
#define HL \
    "unit_code,learner_id,full_name,birth_year,gender,group_code,village,course_code,status,updated_at,updated_by\n"

extern char tmpdir[256];
extern td_db *db;         /* this test's database */
extern import_report rep; /* the last import's report */
extern int rep_live;

int suite_init(void);
int suite_clean(void);
void setup(void);
void teardown(void);
/* Write a file in the scratch directory; its path (a ring of 8). */
const char *file(const char *name, const char *text);
/* Import up to three files as role (own unit for a commune). */
int import_as(role_kind role, const char *unit, int dry, const char *f1, const char *f2,
              const char *f3);
int import1(const char *f);
/* 1 when a message of the list starts with want (or holds it, "*..."). */
int has(const problems *p, const char *want);
/* "FILE:LINE: rest" for a file of the scratch directory. */
const char *at(const char *name, const char *rest);
char *export_kind(kind_id id, const char *unit, const char *period);
char *export_all(void);
int count_batches(void);

#define COUNTS(kind, i, u, s, t)                      \
    do {                                              \
        const import_counts *c_ = &rep.by_kind[kind]; \
        CU_ASSERT_EQUAL(c_->inserted, i);             \
        CU_ASSERT_EQUAL(c_->updated, u);              \
        CU_ASSERT_EQUAL(c_->unchanged, s);            \
        CU_ASSERT_EQUAL(c_->stale, t);                \
    } while (0)

#endif
