/* progress.c - which items apply today and which of them are late.
 *
 * Overdue is derived, never stored: each item's deadline is computed here
 * from its due rule, the holidays and today, and the store only counts
 * rows against that list. */
#include "config.h"

#include "theodoi/codes.h"
#include "theodoi/date.h"
#include "theodoi/summary.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct collect {
    cur_item *items;
    size_t n, cap;
    int year;
    td_day today;
    holidays h;
} collect;

/* One item: one-off items apply once (period ""), yearly items in the
 * current year. */
static int add_item(void *ctx, const char *task, const char *item, const char *title,
                    const char *due)
{
    (void)task;
    (void)title;
    collect *c = ctx;
    due_rule r;
    if (due_parse(due ? due : "", &r) != 0)
        r.kind = DUE_NONE;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->items = xrealloc(c->items, c->cap * sizeof *c->items);
    }
    cur_item *ci = &c->items[c->n++];
    snprintf(ci->item_code, sizeof ci->item_code, "%s", item);
    if (due_is_yearly(&r))
        snprintf(ci->period, sizeof ci->period, "%04d", c->year);
    else
        ci->period[0] = '\0';
    td_day d = due_day(&r, c->year, &c->h);
    ci->overdue_if_open = d != TD_NO_DAY && d < c->today;
    return 0;
}

int summary_each(td_db *db, const summary_query *q, int (*fn)(void *ctx, const summary_row *r),
                 void *ctx)
{
    collect c = {0};
    int m, d;
    c.today = day_today();
    day_to_ymd(c.today, &c.year, &m, &d);
    int32_t *days = NULL;
    size_t nd = 0;
    store_holidays(db, &days, &nd);
    c.h = (holidays){days, nd};
    int rc = store_items_each(db, add_item, &c);
    if (rc == TD_OK)
        rc = store_summary_items(db, c.items, c.n);
    if (rc == TD_OK && fn)
        rc = store_summary_each(db, q, fn, ctx);
    free(c.items);
    free(days);
    return rc;
}

long summary_count(td_db *db, const summary_query *q)
{
    if (summary_each(db, q, NULL, NULL) != TD_OK)
        return -1;
    return store_summary_count(db, q);
}
