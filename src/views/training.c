/* training.c (view) - a commune's training table for a month, the
 * confirmed-% trend and its sparkline, the pickers' choices.  Typed
 * counts are saved through the edit path (edit.h). */
#include "config.h"

#include "theodoi/codes.h"
#include "theodoi/i18n.h"
#include "theodoi/status.h"
#include "theodoi/store.h"
#include "theodoi/text.h"
#include "theodoi/training.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- months ---------------------------------------------------------- */

void training_month_now(char out[8])
{
    int y, m, d;
    day_to_ymd(day_today(), &y, &m, &d);
    snprintf(out, 8, "%04d-%02d", y, m);
}

/* Month as a count of months since year 0 (-1 when not YYYY-MM). */
static int month_index(const char *month)
{
    int y, m;
    if (!month || strlen(month) != 7 || month[4] != '-' || period_parse_month(month, &y, &m) != 0)
        return -1;
    return y * 12 + m - 1;
}

int training_month_add(const char *month, int delta, char out[8])
{
    int i = month_index(month);
    if (i < 0 || i + delta < 0)
        return -1;
    i += delta;
    snprintf(out, 8, "%04d-%02d", i / 12 % 10000, i % 12 + 1);
    return 0;
}

/* ---- shared by the edits --------------------------------------------- */

/* ---- the table ------------------------------------------------------- */

typedef struct table_ctx {
    tr_table *t;
    size_t cap;
    int current; /* the month asked for is the current month */
} table_ctx;

/* Percentages of a row from its counts. */
static void row_pct(tr_row *r)
{
    long long pop = r->population, conf = r->confirmed;
    r->pct_permille = pop > 0 && conf >= 0 ? pct_format(conf, pop, r->pct, sizeof r->pct) : -1;
    if (r->pct_permille < 0)
        r->pct[0] = '\0';
}

static int add_raw(void *ctx, const tr_raw *raw)
{
    table_ctx *c = ctx;
    tr_table *t = c->t;
    if (t->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        t->rows = xrealloc(t->rows, c->cap * sizeof *t->rows);
    }
    tr_row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->group, sizeof r->group, "%s", raw->group);
    snprintf(r->course, sizeof r->course, "%s", raw->course);
    r->group_title = xstrdup(raw->group_title);
    r->course_title = xstrdup(raw->course_title);
    snprintf(r->period, sizeof r->period, "%s", raw->period ? raw->period : "");
    r->population = raw->population;
    r->registered = raw->registered;
    r->completed = raw->completed;
    r->confirmed = raw->confirmed;
    r->target_pct = raw->target_pct;
    r->from_roster = raw->from_roster;
    r->locked = raw->from_roster && c->current;
    snprintf(r->updated_at, sizeof r->updated_at, "%s", raw->updated_at ? raw->updated_at : "");
    snprintf(r->updated_by, sizeof r->updated_by, "%s", raw->updated_by ? raw->updated_by : "");
    row_pct(r);
    return 0;
}

/* Add a count to a total (-1 stays -1 until a value comes). */
static void add_count(int64_t *sum, int64_t v)
{
    if (v >= 0)
        *sum = (*sum < 0 ? 0 : *sum) + v;
}

/* The totals of the month shown, as the summary reports that month: rows
 * carried from an earlier month are not part of it. */
static void table_totals(tr_table *t)
{
    tr_row *s = &t->total;
    memset(s, 0, sizeof *s);
    s->population = s->registered = s->completed = s->confirmed = -1;
    s->target_pct = -1;
    snprintf(s->period, sizeof s->period, "%s", t->shown);
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->rows[i].period, t->shown) != 0)
            continue;
        add_count(&s->population, t->rows[i].population);
        add_count(&s->registered, t->rows[i].registered);
        add_count(&s->completed, t->rows[i].completed);
        add_count(&s->confirmed, t->rows[i].confirmed);
        s->from_roster |= t->rows[i].from_roster;
    }
    row_pct(s);
}

int training_table_load(td_db *db, const char *unit, const char *month, tr_table *out)
{
    memset(out, 0, sizeof *out);
    char now[8], prev[8];
    training_month_now(now);
    if (!month)
        month = now;
    if (month_index(month) < 0)
        return TD_EINPUT;
    snprintf(out->unit, sizeof out->unit, "%s", unit);
    snprintf(out->month, sizeof out->month, "%s", month);
    if (store_training_prev_month(db, unit, month, prev) != TD_OK)
        return TD_EDB;
    char year[5];
    snprintf(year, sizeof year, "%.4s", month);
    table_ctx c = {.t = out, .current = strcmp(month, now) == 0};
    if (store_training_table(db, unit, month, prev, year, add_raw, &c) != TD_OK) {
        training_table_free(out);
        return TD_EDB;
    }
    int has_month = 0;
    for (size_t i = 0; i < out->n; i++)
        has_month |= strcmp(out->rows[i].period, month) == 0;
    snprintf(out->shown, sizeof out->shown, "%s", has_month ? month : prev);
    out->carried = !has_month && prev[0];
    table_totals(out);
    return TD_OK;
}

void training_table_free(tr_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->rows[i].group_title);
        free(t->rows[i].course_title);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

/* ---- trends ---------------------------------------------------------- */

/* Monthly sums over the window; with carry, each unit's latest month
 * stands in for the months it has not reported yet. */
typedef struct trend_ctx {
    int first, n, carry;
    int64_t *pop, *conf;
    char *has;
    char unit[8];
    int next; /* the unit's first window month not filled */
    int64_t last_pop, last_conf;
    int last_has;
} trend_ctx;

static void trend_put(trend_ctx *c, int i, int64_t pop, int64_t conf)
{
    if (pop > 0)
        c->pop[i] += pop;
    if (conf > 0)
        c->conf[i] += conf;
    c->has[i] = 1;
}

/* Fill the unit's window months before `upto` with its latest values. */
static void trend_fill(trend_ctx *c, int upto)
{
    for (; c->carry && c->last_has && c->next < upto && c->next < c->n; c->next++)
        trend_put(c, c->next, c->last_pop, c->last_conf);
    if (c->next < upto)
        c->next = upto;
}

static int trend_row(void *ctx, const char *unit, const char *month, int64_t pop, int64_t conf)
{
    trend_ctx *c = ctx;
    if (strcmp(unit, c->unit) != 0) {
        trend_fill(c, c->n);
        snprintf(c->unit, sizeof c->unit, "%s", unit);
        c->next = 0;
        c->last_has = 0;
    }
    int i = month_index(month) - c->first;
    if (i >= c->n)
        return 0;
    trend_fill(c, i < 0 ? 0 : i);
    if (i >= 0) {
        trend_put(c, i, pop, conf);
        c->next = i + 1;
    }
    c->last_pop = pop;
    c->last_conf = conf;
    c->last_has = 1;
    return 0;
}

int training_trend(td_db *db, const char *unit, const char *last_month, int n, double *pct)
{
    char now[8], first[8];
    training_month_now(now);
    if (!last_month)
        last_month = now;
    if (n <= 0 || training_month_add(last_month, -(n - 1), first) != 0)
        return TD_EINPUT;
    trend_ctx c = {.first = month_index(first), .n = n, .carry = !unit || strlen(unit) == 2};
    c.pop = xcalloc((size_t)n, sizeof *c.pop);
    c.conf = xcalloc((size_t)n, sizeof *c.conf);
    c.has = xcalloc((size_t)n, 1);
    int rc = store_training_sums(db, unit, first, last_month, trend_row, &c);
    trend_fill(&c, n);
    for (int i = 0; i < n; i++) {
        int pm = c.has[i] ? pct_format(c.conf[i], c.pop[i], NULL, 0) : -1;
        pct[i] = pm < 0 ? -1 : pm / 10.0;
    }
    free(c.pop);
    free(c.conf);
    free(c.has);
    return rc;
}

char *training_sparkline(const double *pct, int n, int utf8)
{
    static const char *const blocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    static const char ascii[] = "_.:-=+*#";
    strbuf b = {0};
    sb_add(&b, "");
    for (int i = 0; i < n; i++) {
        if (pct[i] < 0) {
            sb_add(&b, " ");
            continue;
        }
        int level = (int)(pct[i] * 8 / 100);
        level = level < 0 ? 0 : level > 7 ? 7 : level;
        if (utf8)
            sb_add(&b, blocks[level]);
        else
            sb_addn(&b, &ascii[level], 1);
    }
    return b.s;
}

/* ---- choices --------------------------------------------------------- */

typedef struct choice_ctx {
    tr_choice *list;
    size_t n, cap;
} choice_ctx;

static int add_choice(void *ctx, const char *code, const char *title)
{
    choice_ctx *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->list = xrealloc(c->list, c->cap * sizeof *c->list);
    }
    snprintf(c->list[c->n].code, sizeof c->list[c->n].code, "%s", code);
    c->list[c->n++].title = xstrdup(title ? title : code);
    return 0;
}

int training_choices(td_db *db, tr_choice_kind which, tr_choice **out, size_t *n)
{
    choice_ctx c = {0};
    int rc = store_training_choices(db, which, add_choice, &c);
    *out = c.list;
    *n = c.n;
    return rc;
}

void training_choices_free(tr_choice **list, size_t n)
{
    for (size_t i = 0; *list && i < n; i++)
        free((*list)[i].title);
    xfree(list);
}
