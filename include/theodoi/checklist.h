/* checklist.h - a commune's checklist as the screen and the report see
 * it: every item of the template with its state for the year shown. */
#ifndef THEODOI_CHECKLIST_H
#define THEODOI_CHECKLIST_H

#include <stddef.h>

#include "theodoi/date.h"
#include "theodoi/db.h"
#include "theodoi/status.h"

typedef struct cl_item {
    char task[16], item[48];
    char *title;
    char due_text[32]; /* the rule as stored */
    due_rule due;
    int yearly;
    char period[8]; /* "" or the year */
    item_status status;
    char done_on[11]; /* "" when none */
    long quantity;    /* -1 when none */
    char *evidence, *note;
    char updated_at[32], updated_by[64];
    td_day deadline; /* TD_NO_DAY when none */
    int overdue;
    int stored; /* 1 when a row exists */
} cl_item;

typedef struct cl_task {
    char code[16];
    char *title;
    size_t first, count; /* items[first .. first+count) */
    int done, applicable, overdue;
} cl_task;

typedef struct checklist {
    char unit[8];
    int year;
    cl_item *items;
    size_t n;
    cl_task *tasks;
    size_t ntasks;
} checklist;

/* Load unit's checklist with yearly items for `year` (one-off items are
 * the same whatever the year).  TD_OK or TD_EDB. */
int checklist_load(td_db *db, const char *unit, int year, checklist *out);
void checklist_free(checklist *c);

/* Item i as a row of the checklist kind, in its column order (10
 * malloc'd values or NULLs, updated_at and updated_by included), for the
 * edit path (edit.h); NULL when the item has no stored row. */
char **checklist_item_vals(const checklist *c, size_t i);
/* The same, also for an item without a stored row (a row "todo"). */
char **checklist_item_row(const checklist *c, size_t i);

/* Rows of the store side: the template joined with the unit's rows. */
typedef struct cl_row {
    const char *task, *task_title, *item, *title, *due, *status, *done_on;
    long long quantity; /* -1 none */
    const char *evidence, *note, *updated_at, *updated_by;
} cl_row;
int store_checklist_rows(td_db *db, const char *unit, int year,
                         int (*fn)(void *ctx, const cl_row *r), void *ctx);

#endif
