/* kinds.c - the table of CSV kinds and header detection. */
#include "config.h"

#include "theodoi/kinds.h"

#include <stdlib.h>
#include <string.h>

#define K COL_KEY
#define R COL_REQUIRED
#define I COL_INT
#define M COL_META

static const kind_col UNITS[] = {{"code", VT_CODE, K | R},
                                 {"name", VT_NAME, R},
                                 {"kind", VT_UNITKIND, R},
                                 {"parent_code", VT_PARENT, 0}};
static const kind_col ITEMS[] = {{"task_code", VT_TASK, R},
                                 {"item_code", VT_CODE, K | R},
                                 {"title", VT_NAME, R},
                                 {"due", VT_DUE, 0}};
static const kind_col COURSES[] = {{"course_code", VT_CODE, K | R}, {"title", VT_NAME, R}};
static const kind_col HOLIDAYS[] = {{"date", VT_DAY, K | R}, {"name", VT_TEXT, 0}};
static const kind_col CHECKLIST[] = {{"unit_code", VT_UNIT, K | R}, {"item_code", VT_ITEM, K | R},
                                     {"period", VT_CPERIOD, K},     {"status", VT_STATUS, R},
                                     {"done_on", VT_DATE, 0},       {"quantity", VT_COUNT, I},
                                     {"evidence", VT_TEXT, 0},      {"note", VT_TEXT, 0},
                                     {"updated_at", VT_TS, M},      {"updated_by", VT_LOGIN, M}};
static const kind_col TRAINING[] = {
    {"unit_code", VT_UNIT, K | R},   {"period", VT_MONTH, K | R},
    {"group_code", VT_GROUP, K | R}, {"course_code", VT_COURSE, K | R},
    {"population", VT_COUNT, I},     {"registered", VT_COUNT, R | I},
    {"completed", VT_COUNT, R | I},  {"confirmed", VT_COUNT, R | I},
    {"updated_at", VT_TS, M},        {"updated_by", VT_LOGIN, M}};
static const kind_col TARGETS[] = {{"period", VT_YEAR, K | R},
                                   {"group_code", VT_GROUP, K | R},
                                   {"course_code", VT_COURSE, K | R},
                                   {"target_pct", VT_PCT, R | COL_REAL}};
static const kind_col LEARNERS[] = {
    {"unit_code", VT_UNIT, K | R}, {"learner_id", VT_LEARNER, K | R}, {"full_name", VT_NAME, R},
    {"birth_year", VT_BIRTH, I},   {"gender", VT_GENDER, 0},          {"group_code", VT_GROUP, R},
    {"village", VT_TEXT, 0},       {"course_code", VT_COURSE, K | R}, {"status", VT_LSTATUS, R},
    {"updated_at", VT_TS, M},      {"updated_by", VT_LOGIN, M}};
static const kind_col SUMMARY[] = {
    {"unit_code", VT_UNIT, 0},     {"unit_name", VT_TEXT, 0},      {"items_total", VT_COUNT, 0},
    {"items_done", VT_COUNT, 0},   {"items_overdue", VT_COUNT, 0}, {"population", VT_COUNT, 0},
    {"registered", VT_COUNT, 0},   {"completed", VT_COUNT, 0},     {"confirmed", VT_COUNT, 0},
    {"confirmed_pct", VT_TEXT, 0}, {"last_update", VT_TS, 0}};

#define N(a) (sizeof a / sizeof a[0])

static const kind_def KINDS[KIND__COUNT] = {
    {KIND_UNITS, "units", "units", 1, -1, 0, N(UNITS), UNITS},
    {KIND_ITEMS, "items", "items", 1, -1, 1, N(ITEMS), ITEMS},
    {KIND_COURSES, "courses", "courses", 1, -1, 1, N(COURSES), COURSES},
    {KIND_HOLIDAYS, "holidays", "holidays", 1, -1, 1, N(HOLIDAYS), HOLIDAYS},
    {KIND_CHECKLIST, "checklist", "checklist", 0, 0, 3, N(CHECKLIST), CHECKLIST},
    {KIND_TRAINING, "training", "training", 0, 0, 3, N(TRAINING), TRAINING},
    {KIND_TARGETS, "targets", "targets", 1, -1, 2, N(TARGETS), TARGETS},
    {KIND_LEARNERS, "learners", "learners", 0, 0, 4, N(LEARNERS), LEARNERS},
    {KIND_SUMMARY, "summary", NULL, 0, 0, 9, N(SUMMARY), SUMMARY},
};

const kind_def *kind_get(kind_id id)
{
    return id < KIND__COUNT ? &KINDS[id] : NULL;
}

const kind_def *kind_by_name(const char *name)
{
    for (int i = 0; i < KIND__COUNT; i++)
        if (strcmp(KINDS[i].name, name) == 0)
            return &KINDS[i];
    return NULL;
}

int kind_col_index(const kind_def *k, const char *name)
{
    for (size_t i = 0; i < k->ncols; i++)
        if (strcmp(k->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

int kind_ts_col(const kind_def *k)
{
    /* updated_at is the one time column that is metadata: no string compares */
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].type == VT_TS && (k->cols[i].flags & COL_META))
            return (int)i;
    return -1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when a name repeats in the header (a repeated column is never a
 * match).  Sorted copy: a header may have thousands of fields. */
static int has_repeat(char *const *names, size_t n)
{
    char **v = xmalloc((n ? n : 1) * sizeof *v);
    memcpy(v, names, n * sizeof *v);
    qsort(v, n, sizeof *v, by_name);
    int rep = 0;
    for (size_t i = 1; i < n && !rep; i++)
        rep = strcmp(v[i - 1], v[i]) == 0;
    free(v);
    return rep;
}

/* How many of the header's names are columns of k. */
static int header_hits(const kind_def *k, char *const *names, size_t n)
{
    int hits = 0;
    for (size_t i = 0; i < n; i++)
        hits += kind_col_index(k, names[i]) >= 0;
    return hits;
}

const kind_def *kind_from_header(char *const *names, size_t n, const kind_def **closest)
{
    const kind_def *best = NULL;
    int best_hits = 0;
    if (closest)
        *closest = NULL;
    if (has_repeat(names, n))
        return NULL;
    for (int i = 0; i < KIND__COUNT; i++) {
        const kind_def *k = &KINDS[i];
        int hits = header_hits(k, names, n);
        if (k->table && hits == (int)n && n == k->ncols)
            return k;
        if (k->table && hits > best_hits) {
            best = k;
            best_hits = hits;
        }
    }
    if (closest)
        *closest = best;
    return NULL;
}

char *kind_key(const kind_def *k, char *const *vals)
{
    strbuf b = {0};
    int first = 1;
    for (size_t i = 0; i < k->ncols; i++) {
        if (!(k->cols[i].flags & COL_KEY))
            continue;
        if (!first)
            sb_add(&b, "|");
        sb_add(&b, vals[i] ? vals[i] : "");
        first = 0;
    }
    return b.s ? b.s : xstrdup("");
}

int kind_same_values(const kind_def *k, char *const *a, char *const *b)
{
    for (size_t i = 0; i < k->ncols; i++) {
        if (k->cols[i].flags & COL_META)
            continue;
        const char *x = a[i] ? a[i] : "", *y = b[i] ? b[i] : "";
        if (strcmp(x, y) != 0)
            return 0;
    }
    return 1;
}
