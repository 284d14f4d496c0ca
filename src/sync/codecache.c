/* codecache.c - the codes rows may name, in memory (see codecache.h). */
#include "config.h"

#include "theodoi/codecache.h"
#include "theodoi/util.h"

#include <stdlib.h>
#include <string.h>

/* The codes rows may name, in memory (sorted, as SQLite orders them), so
 * that the reading thread needs no SQL; loaded again before each file,
 * since an earlier file of the run may have added some.  A one-entry
 * memory per code kind: a file mostly repeats the same unit, group and
 * course row after row. */
#define N_CODE_KINDS 5
typedef struct code_set {
    char **code;
    unsigned char *yearly;
    size_t n, cap;
} code_set;

struct code_cache {
    code_set set[N_CODE_KINDS];
    char last[N_CODE_KINDS][48];
    int last_hit[N_CODE_KINDS], last_yearly;
};

static int add_code(void *ctx, const char *code, int yearly)
{
    code_set *cs = ctx;
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? cs->cap * 2 : 64;
        cs->code = xrealloc(cs->code, cs->cap * sizeof *cs->code);
        cs->yearly = xrealloc(cs->yearly, cs->cap);
    }
    cs->code[cs->n] = xstrdup(code);
    cs->yearly[cs->n++] = (unsigned char)yearly;
    return 0;
}

static void sets_free(code_cache *c)
{
    for (int w = 0; w < N_CODE_KINDS; w++) {
        for (size_t i = 0; i < c->set[w].n; i++)
            free(c->set[w].code[i]);
        free(c->set[w].code);
        free(c->set[w].yearly);
    }
    memset(c, 0, sizeof *c);
}

int code_cache_load(code_cache *c, td_db *db)
{
    sets_free(c);
    for (int w = 0; w < N_CODE_KINDS; w++)
        if (store_codes_each(db, (code_kind)w, add_code, &c->set[w]) != TD_OK)
            return -1;
    return 0;
}

static int cmp_code(const void *key, const void *elem)
{
    return strcmp(key, *(char *const *)elem);
}

int code_cache_has(code_cache *c, code_kind what, const char *code, int *yearly)
{
    if (strcmp(c->last[what], code) == 0 && c->last[what][0]) {
        if (yearly)
            *yearly = c->last_yearly;
        return c->last_hit[what];
    }
    code_set *cs = &c->set[what];
    char **at = cs->n ? bsearch(code, cs->code, cs->n, sizeof *cs->code, cmp_code) : NULL;
    int hit = at != NULL, y = at ? cs->yearly[at - cs->code] : 0;
    if (strlen(code) < sizeof c->last[what]) {
        memcpy(c->last[what], code, strlen(code) + 1);
        c->last_hit[what] = hit;
        if (what == CODE_ITEM)
            c->last_yearly = y;
    }
    if (yearly)
        *yearly = y;
    return hit;
}

static int lk_unit(void *ctx, const char *c)
{
    return code_cache_has(ctx, CODE_UNIT, c, NULL);
}
static int lk_item(void *ctx, const char *c, int *y)
{
    return code_cache_has(ctx, CODE_ITEM, c, y);
}
static int lk_group(void *ctx, const char *c)
{
    return code_cache_has(ctx, CODE_GROUP, c, NULL);
}
static int lk_course(void *ctx, const char *c)
{
    return code_cache_has(ctx, CODE_COURSE, c, NULL);
}

code_cache *code_cache_new(void)
{
    return xcalloc(1, sizeof(code_cache));
}

void code_cache_free(code_cache **pc)
{
    if (!*pc)
        return;
    sets_free(*pc);
    free(*pc);
    *pc = NULL;
}

kind_lookup code_cache_lookup(code_cache *c, td_day today, int64_t now)
{
    return (kind_lookup){c, lk_unit, lk_item, lk_group, lk_course, today, now};
}
