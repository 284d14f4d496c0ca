/* apply.c - write one row with its audit trail; derive roster counts. */
#include "config.h"

#include "theodoi/apply.h"
#include "theodoi/codes.h"
#include "theodoi/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Touched roster keys "unit|group|course", a small open-addressing set,
 * and the last key added (rows of one roster key follow each other). */
static struct {
    char **slot;
    size_t cap, n;
    char last[256];
} touched;

static unsigned long hash_str(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

/* how: 'R' a learner row changed the roster, 'T' a training row of the
 * current month was written. */
static void touch(const char *unit, const char *group, const char *course, char how)
{
    if (!unit || !group || !course)
        return;
    char key[256];
    size_t lu = strlen(unit), lg = strlen(group), lc = strlen(course);
    if (lu + lg + lc + 5 > sizeof key || lu + lg + lc + 5 > sizeof touched.last)
        return; /* codes are short: such a key never names a roster */
    memcpy(key, unit, lu);
    key[lu] = '|';
    memcpy(key + lu + 1, group, lg);
    key[lu + 1 + lg] = '|';
    memcpy(key + lu + lg + 2, course, lc);
    key[lu + lg + lc + 2] = '|';
    key[lu + lg + lc + 3] = how;
    key[lu + lg + lc + 4] = '\0';
    if (strcmp(key, touched.last) == 0)
        return;
    memcpy(touched.last, key, lu + lg + lc + 5);
    if (touched.n * 2 >= touched.cap) {
        size_t cap = touched.cap ? touched.cap * 2 : 64;
        char **old = touched.slot;
        size_t oldcap = touched.cap;
        touched.slot = xcalloc(cap, sizeof *touched.slot);
        touched.cap = cap;
        touched.n = 0;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i]) {
                size_t j = hash_str(old[i]) % cap;
                while (touched.slot[j])
                    j = (j + 1) % cap;
                touched.slot[j] = old[i];
                touched.n++;
            }
        free(old);
    }
    size_t j = hash_str(key) % touched.cap;
    while (touched.slot[j]) {
        if (strcmp(touched.slot[j], key) == 0)
            return;
        j = (j + 1) % touched.cap;
    }
    touched.slot[j] = xstrdup(key);
    touched.n++;
}

void apply_forget(void)
{
    for (size_t i = 0; i < touched.cap; i++)
        free(touched.slot[i]);
    free(touched.slot);
    memset(&touched, 0, sizeof touched);
}

/* Remember the roster keys a row of kind k touches. */
static void note_roster(const kind_def *k, char *const *vals)
{
    static int ig = -1, ic;
    if (k->id == KIND_LEARNERS) {
        if (ig < 0) {
            ig = kind_col_index(k, "group_code");
            ic = kind_col_index(k, "course_code");
        }
        touch(vals[0], vals[ig], vals[ic], 'R');
    } else if (k->id == KIND_TRAINING) {
        char month[8];
        int y, m, d;
        day_to_ymd(day_today(), &y, &m, &d);
        snprintf(month, sizeof month, "%04d-%02d", y, m);
        if (vals[1] && strcmp(vals[1], month) == 0)
            touch(vals[0], vals[2], vals[3], 'T');
    }
}

void apply_note(const kind_def *k, char *const *vals)
{
    note_roster(k, vals);
}

/* Decide what the incoming row does to the stored one. */
static apply_result decide(const kind_def *k, char **vals, char *const *old, int64_t old_batch,
                           int64_t batch, int newest_wins)
{
    if (kind_same_values(k, vals, old))
        return AP_UNCHANGED;
    int ts = kind_ts_col(k);
    if (!newest_wins || ts < 0)
        return AP_UPDATED;
    const char *a = vals[ts] ? vals[ts] : "", *b = old[ts] ? old[ts] : "";
    int cmp = strcmp(a, b); /* canonical +07:00 text sorts by time */
    if (cmp == 0 && batch && old_batch == batch)
        return AP_CONFLICT;
    return cmp > 0 ? AP_UPDATED : AP_STALE;
}

/* The key of a row as kind_key() writes it, in a buffer kept for the next
 * row (no allocation per row). */
static const char *key_tmp(const kind_def *k, char *const *vals)
{
    static strbuf b;
    sb_reset(&b);
    int first = 1;
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].flags & COL_KEY) {
            if (!first)
                sb_addn(&b, "|", 1);
            sb_add(&b, vals[i] ? vals[i] : "");
            first = 0;
        }
    return b.s ? b.s : "";
}

/* Decide and write, the stored row being old (found) or none.  -2 when
 * the row turned out to be stored after all (write nothing then). */
static int apply_known(td_db *db, const kind_def *k, char **vals, int64_t batch, const char *source,
                       int newest_wins, char *const *old, int64_t old_batch, int found)
{
    apply_result r = AP_INSERTED;
    if (found)
        r = decide(k, vals, old, old_batch, batch, newest_wins);
    if (r != AP_INSERTED && r != AP_UPDATED)
        return (int)r;
    /* the old values may live in the store's cursor: use them first */
    note_roster(k, vals);
    if (found)
        note_roster(k, old);
    /* a roster row new to the database from an import gets no audit
     * entry, so no key text (store_row_write makes it when needed) */
    const char *key = k->id == KIND_LEARNERS && batch && !found ? NULL : key_tmp(k, vals);
    int w = store_row_write(db, k, vals, batch, found ? old : NULL, source, key, old_batch);
    return w == 1 ? (int)r : w == 0 ? -2 : (int)AP_ERROR;
}

apply_result apply_row(td_db *db, const kind_def *k, char **vals, int64_t batch, const char *source,
                       int newest_wins)
{
    const char *old[32];
    int64_t old_batch = 0;
    int found = store_row_peek(db, k, vals, old, &old_batch);
    if (found < 0)
        return AP_ERROR;
    int r =
        apply_known(db, k, vals, batch, source, newest_wins, (char *const *)old, old_batch, found);
    if (r != -2)
        return (apply_result)r;
    /* written before in this run, after the cursor had passed: look again */
    char **got = xcalloc(k->ncols, sizeof *got);
    found = store_row_get(db, k, vals, got, &old_batch);
    r = found <= 0 ? AP_ERROR
                   : apply_known(db, k, vals, batch, source, newest_wins, got, old_batch, 1);
    store_vals_free(k, got);
    free(got);
    return r < 0 ? AP_ERROR : (apply_result)r;
}

/* Recompute one current-month training row from the roster. */
static int derive_one(td_db *db, const char *keytext, const char *month, const char *now,
                      const char *login, int64_t batch, const char *source)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", keytext);
    char *unit = strtok(buf, "|"), *group = strtok(NULL, "|"), *course = strtok(NULL, "|");
    char *how = strtok(NULL, "|");
    int64_t counts[3] = {0, 0, 0}, pop = -1;
    if (!unit || !group || !course || !how)
        return 0;
    /* when the last learner of a pair goes, the month's counts become 0;
     * a training row written alone is never overwritten by an empty roster */
    int roster_changed = *how == 'R';
    if (store_learner_counts(db, unit, group, course, counts) < 0)
        return -1;
    int has_pop = store_latest_population(db, unit, group, course, month, &pop);
    if (counts[0] == 0 && (!roster_changed || !has_pop))
        return 0; /* no roster (any more) and nothing to bring to 0 */
    const kind_def *k = kind_get(KIND_TRAINING);
    char *vals[10] = {0};
    vals[0] = xstrdup(unit);
    vals[1] = xstrdup(month);
    vals[2] = xstrdup(group);
    vals[3] = xstrdup(course);
    vals[4] = pop >= 0 ? xasprintf("%lld", (long long)pop) : NULL;
    for (int i = 0; i < 3; i++)
        vals[5 + i] = xasprintf("%lld", (long long)counts[i]);
    vals[8] = xstrdup(now);
    vals[9] = xstrdup(login);
    int rc = 0;
    if ((counts[0] > 0 || roster_changed) && apply_row(db, k, vals, batch, source, 0) == AP_ERROR)
        rc = -1;
    store_vals_free(k, vals);
    return rc;
}

int apply_derive(td_db *db, int64_t batch, const char *source, const char *login)
{
    char month[8], now[32];
    int y, m, d;
    day_to_ymd(day_today(), &y, &m, &d);
    snprintf(month, sizeof month, "%04d-%02d", y, m);
    ts_format(ts_now(), now);
    /* the roster counts kept in memory go in before they are read */
    if (db_in_tx(db) && db_flush(db) != TD_OK)
        return TD_EDB;
    /* take the set first: apply_row below would add to it again */
    char **slot = touched.slot;
    size_t cap = touched.cap;
    memset(&touched, 0, sizeof touched);
    int rc = 0;
    for (size_t i = 0; i < cap; i++) {
        if (slot[i] && rc == 0)
            rc = derive_one(db, slot[i], month, now, login, batch, source);
        free(slot[i]);
    }
    free(slot);
    apply_forget();
    return rc == 0 ? TD_OK : TD_EDB;
}
