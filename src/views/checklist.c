/* checklist.c (view) - a commune's checklist: states, deadlines, overdue
 * flags and per-task counts, derived from the stored rows. */
#include "config.h"

#include "theodoi/checklist.h"
#include "theodoi/codes.h"
#include "theodoi/kinds.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct load_ctx {
    checklist *c;
    size_t cap, tcap;
    holidays h;
    td_day today;
} load_ctx;

/* Start a new task group when the task code changes. */
static void task_for(load_ctx *l, const cl_row *r)
{
    checklist *c = l->c;
    if (c->ntasks && strcmp(c->tasks[c->ntasks - 1].code, r->task) == 0)
        return;
    if (c->ntasks == l->tcap) {
        l->tcap = l->tcap ? l->tcap * 2 : 8;
        c->tasks = xrealloc(c->tasks, l->tcap * sizeof *c->tasks);
    }
    cl_task *t = &c->tasks[c->ntasks++];
    memset(t, 0, sizeof *t);
    snprintf(t->code, sizeof t->code, "%s", r->task);
    t->title = xstrdup(r->task_title);
    t->first = c->n;
}

static int add_row(void *ctx, const cl_row *r)
{
    load_ctx *l = ctx;
    checklist *c = l->c;
    task_for(l, r);
    if (c->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        c->items = xrealloc(c->items, l->cap * sizeof *c->items);
    }
    cl_item *it = &c->items[c->n++];
    memset(it, 0, sizeof *it);
    snprintf(it->task, sizeof it->task, "%s", r->task);
    snprintf(it->item, sizeof it->item, "%s", r->item);
    it->title = xstrdup(r->title);
    snprintf(it->due_text, sizeof it->due_text, "%s", r->due ? r->due : "");
    if (due_parse(it->due_text, &it->due) != 0)
        it->due.kind = DUE_NONE;
    it->yearly = due_is_yearly(&it->due);
    if (it->yearly)
        snprintf(it->period, sizeof it->period, "%04d", c->year);
    it->stored = r->status != NULL;
    if (!r->status || status_parse(r->status, &it->status) != 0)
        it->status = ST_TODO;
    snprintf(it->done_on, sizeof it->done_on, "%s", r->done_on ? r->done_on : "");
    it->quantity = r->quantity;
    it->evidence = xstrdup(r->evidence ? r->evidence : "");
    it->note = xstrdup(r->note ? r->note : "");
    snprintf(it->updated_at, sizeof it->updated_at, "%s", r->updated_at ? r->updated_at : "");
    snprintf(it->updated_by, sizeof it->updated_by, "%s", r->updated_by ? r->updated_by : "");
    it->deadline = due_day(&it->due, c->year, &l->h);
    it->overdue = item_is_overdue(&it->due, c->year, it->status, l->today, &l->h);
    cl_task *t = &c->tasks[c->ntasks - 1];
    t->count++;
    t->applicable += it->status != ST_NA;
    t->done += it->status == ST_DONE;
    t->overdue += it->overdue;
    return 0;
}

int checklist_load(td_db *db, const char *unit, int year, checklist *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->unit, sizeof out->unit, "%s", unit);
    out->year = year;
    load_ctx l = {.c = out, .today = day_today()};
    int32_t *days = NULL;
    size_t nd = 0;
    store_holidays(db, &days, &nd);
    l.h = (holidays){days, nd};
    int rc = store_checklist_rows(db, unit, year, add_row, &l);
    free(days);
    return rc;
}

void checklist_free(checklist *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].title);
        free(c->items[i].evidence);
        free(c->items[i].note);
    }
    for (size_t i = 0; i < c->ntasks; i++)
        free(c->tasks[i].title);
    free(c->items);
    free(c->tasks);
    memset(c, 0, sizeof *c);
}

char **checklist_item_vals(const checklist *c, size_t i)
{
    return c->items[i].stored ? checklist_item_row(c, i) : NULL;
}

char **checklist_item_row(const checklist *c, size_t i)
{
    const cl_item *it = &c->items[i];
    char **v = xcalloc(10, sizeof *v);
    v[0] = xstrdup(c->unit);
    v[1] = xstrdup(it->item);
    v[2] = it->period[0] ? xstrdup(it->period) : NULL;
    v[3] = xstrdup(status_code(it->status));
    v[4] = it->done_on[0] ? xstrdup(it->done_on) : NULL;
    v[5] = it->quantity >= 0 ? xasprintf("%ld", it->quantity) : NULL;
    v[6] = it->evidence[0] ? xstrdup(it->evidence) : NULL;
    v[7] = it->note[0] ? xstrdup(it->note) : NULL;
    v[8] = it->updated_at[0] ? xstrdup(it->updated_at) : NULL;
    v[9] = it->updated_by[0] ? xstrdup(it->updated_by) : NULL;
    return v;
}
