/* summary.h - progress of each commune: checklist counts, training sums,
 * last report; what the dashboard shows and `export summary` writes. */
#ifndef THEODOI_SUMMARY_H
#define THEODOI_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "theodoi/db.h"

typedef struct summary_row {
    const char *code, *name;
    long items_total, items_done, items_overdue;
    int64_t population, registered, completed, confirmed; /* -1: none */
    const char *last_update;                              /* "" when never */
    const char *period;                                   /* latest training month, "" if none */
    double target_pct;                                    /* -1 when no target */
    int reported_this_month;                              /* a training row for this month */
} summary_row;

typedef enum {
    SUM_BY_NAME,
    SUM_BY_DONE,
    SUM_BY_OVERDUE,
    SUM_BY_CONFIRMED,
    SUM_BY_LAST
} summary_order;

typedef struct summary_query {
    const char *scope; /* a province code, a unit code, or NULL: all */
    const char *match; /* folded search text, or NULL */
    int only_overdue;  /* only communes with overdue items */
    summary_order order;
    int descending;
    long offset, limit; /* limit 0: all */
} summary_query;

/* Compute the applicable items for today (one-off items, yearly items of
 * this year) and call fn for each commune in the query, in order.
 * TD_OK or TD_EDB. */
int summary_each(td_db *db, const summary_query *q, int (*fn)(void *ctx, const summary_row *r),
                 void *ctx);
/* How many communes the query has (for scroll bars). */
long summary_count(td_db *db, const summary_query *q);

/* An item as it applies today: its period ("" or this year) and whether
 * an open (todo/doing) row of it is overdue. */
typedef struct cur_item {
    char item_code[48];
    char period[8];
    int overdue_if_open;
} cur_item;

/* Hand the applicable items to the summary queries (temp table). */
int store_summary_items(td_db *db, const cur_item *items, size_t n);
/* Store side of summary_each, once the items are handed over. */
int store_summary_each(td_db *db, const summary_query *q,
                       int (*fn)(void *ctx, const summary_row *r), void *ctx);
long store_summary_count(td_db *db, const summary_query *q);
/* Every item with its due rule, in task and item order. */
int store_items_each(td_db *db,
                     int (*fn)(void *ctx, const char *task, const char *item, const char *title,
                               const char *due),
                     void *ctx);

#endif
