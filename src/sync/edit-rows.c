/* edit-rows.c - the rows people edit, each through the one edit path
 * (edit.c): a checklist item (with its done date kept across leaving
 * done), the counts of a training row, and the roster's learners (add,
 * edit with a course change in one transaction, delete, advance). */
#include "config.h"

#include "theodoi/batches.h"
#include "theodoi/codes.h"
#include "theodoi/edit.h"
#include "theodoi/i18n.h"
#include "theodoi/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- checklist --------------------------------------------------------- */

enum { C_UNIT, C_ITEM, C_PERIOD, C_STATUS, C_DONE, C_QTY, C_EVIDENCE, C_NOTE, C_NCOLS = 10 };

/* The audit trail's latest done date of a row (newest first: stop at the
 * first entry that left the row done with a date). */
typedef struct done_ctx {
    const kind_def *k;
    char *done_on;
} done_ctx;

static int last_done(void *ctx, const audit_row *r)
{
    done_ctx *d = ctx;
    if (!r->new_)
        return 0;
    char *v[C_NCOLS] = {0};
    store_vals_parse(d->k, r->new_, v);
    if (v[C_STATUS] && !strcmp(v[C_STATUS], "done") && v[C_DONE])
        d->done_on = xstrdup(v[C_DONE]);
    store_vals_free(d->k, v);
    return d->done_on != NULL;
}

/* A done row typed without a date: the date it had when it was last done
 * (a row leaves done without its date, by the rule of the kind), else
 * today.  malloc'd. */
static char *done_date(td_db *db, char *const *cells)
{
    const kind_def *k = kind_get(KIND_CHECKLIST);
    char *v[C_NCOLS] = {0};
    kind_lookup lk;
    edit_lookup_init(&lk, db);
    char *msg = NULL, *key = NULL;
    done_ctx d = {k, NULL};
    /* the key as stored: canonical unit and period */
    for (int i = C_UNIT; i <= C_PERIOD; i++)
        if (kind_value(&k->cols[i], cells[i], &lk, &v[i], &msg) != 0)
            xfree(&msg);
    if (v[C_UNIT] && v[C_ITEM]) {
        key = kind_key(k, v);
        store_audit_of_key(db, k->name, key, last_done, &d);
    }
    free(key);
    store_vals_free(k, v);
    if (!d.done_on) {
        d.done_on = xcalloc(1, 11);
        day_format(day_today(), d.done_on);
    }
    return d.done_on;
}

int checklist_save(td_db *db, char *const *cells, const edit_seen *seen, edit_result *res)
{
    const kind_def *k = kind_get(KIND_CHECKLIST);
    char *row[C_NCOLS], *done = NULL;
    memcpy(row, cells, sizeof row);
    item_status st;
    if (cells[C_STATUS] && status_parse(cells[C_STATUS], &st) == 0 && st == ST_DONE &&
        (!cells[C_DONE] || !*cells[C_DONE]))
        row[C_DONE] = done = done_date(db, cells);
    int rc = edit_row(db, k, row, seen, res);
    free(done);
    return rc;
}

/* ---- training counts ------------------------------------------------------ */

static char *count_cell(int64_t v)
{
    return v >= 0 || v < -1 ? xasprintf("%lld", (long long)v) : NULL;
}

/* A row derived from the roster takes only the population: the counts
 * typed must be -1 (keep) or the derived ones, which are filled in. */
static int roster_counts(td_db *db, const char *unit, const char *group, const char *course,
                         int64_t in[3], char **err)
{
    static const char *const names[] = {"registered", "completed", "confirmed"};
    int64_t derived[3];
    int has = store_learner_counts(db, unit, group, course, derived);
    if (has < 0)
        return TD_EDB;
    if (!has)
        return TD_OK;
    for (int i = 0; i < 3; i++) {
        if (in[i] != -1 && in[i] != derived[i]) {
            *err = xasprintf(_("%s: counted from the roster of learners (%lld); "
                               "edit the roster instead"),
                             names[i], (long long)derived[i]);
            return TD_EINPUT;
        }
        in[i] = derived[i];
    }
    return TD_OK;
}

int training_set_counts(td_db *db, const char *unit, const char *month, const char *group,
                        const char *course, int64_t pop, int64_t reg, int64_t comp, int64_t conf,
                        const edit_seen *seen, edit_result *res)
{
    edit_result_free(res);
    char now[8];
    int y, m, d;
    day_to_ymd(day_today(), &y, &m, &d);
    snprintf(now, sizeof now, "%04d-%02d", y, m);
    if (!month)
        month = now;
    int64_t counts[3] = {reg, comp, conf};
    int rc =
        strcmp(month, now) == 0 ? roster_counts(db, unit, group, course, counts, &res->err) : TD_OK;
    if (rc == TD_EDB)
        res->err = xasprintf(_("database error: %s"), db_error(db));
    if (rc != TD_OK)
        return rc;
    char *cells[10] = {(char *)unit,
                       (char *)month,
                       (char *)group,
                       (char *)course,
                       count_cell(pop),
                       count_cell(counts[0]),
                       count_cell(counts[1]),
                       count_cell(counts[2]),
                       NULL,
                       NULL};
    rc = edit_row(db, kind_get(KIND_TRAINING), cells, seen, res);
    for (int i = 4; i < 8; i++)
        free(cells[i]);
    return rc;
}

/* ---- learners ---------------------------------------------------------------- */

enum {
    L_UNIT,
    L_ID,
    L_NAME,
    L_BIRTH,
    L_GENDER,
    L_GROUP,
    L_VILLAGE,
    L_COURSE,
    L_STATUS,
    L_AT,
    L_BY,
    L_NCOLS
};

char **learner_vals(const learner *l)
{
    char **v = xcalloc(L_NCOLS, sizeof *v);
    v[L_UNIT] = xstrdup(l->unit);
    v[L_ID] = xstrdup(l->id);
    v[L_NAME] = l->full_name && *l->full_name ? xstrdup(l->full_name) : NULL;
    v[L_BIRTH] = l->birth_year > 0 ? xasprintf("%d", l->birth_year) : NULL;
    v[L_GENDER] = l->gender[0] ? xstrdup(l->gender) : NULL;
    v[L_GROUP] = l->group[0] ? xstrdup(l->group) : NULL;
    v[L_VILLAGE] = l->village && *l->village ? xstrdup(l->village) : NULL;
    v[L_COURSE] = xstrdup(l->course);
    v[L_STATUS] = xstrdup(lstatus_code(l->status));
    v[L_AT] = l->updated_at[0] ? xstrdup(l->updated_at) : NULL;
    v[L_BY] = l->updated_by[0] ? xstrdup(l->updated_by) : NULL;
    return v;
}

typedef struct course_list {
    char **code;
    size_t n;
} course_list;

static int add_course(void *ctx, const char *course)
{
    course_list *c = ctx;
    c->code = xrealloc(c->code, (c->n + 1) * sizeof *c->code);
    c->code[c->n++] = xstrdup(course);
    return 0;
}

/* Write the person's fields of vals into the other course rows of the
 * same id (inside the transaction). */
static void propagate(edit_tx *t, char *const *vals, const char *course_was)
{
    const kind_def *k = kind_get(KIND_LEARNERS);
    course_list c = {0};
    if (store_learner_courses(t->db, vals[L_UNIT], vals[L_ID], add_course, &c) != TD_OK)
        t->rc = TD_EDB;
    for (size_t i = 0; i < c.n; i++) {
        char *key[L_NCOLS] = {0}, *old[L_NCOLS] = {0};
        key[L_UNIT] = vals[L_UNIT];
        key[L_ID] = vals[L_ID];
        key[L_COURSE] = c.code[i];
        if (t->rc == TD_OK && strcmp(c.code[i], vals[L_COURSE]) != 0 &&
            !(course_was && strcmp(c.code[i], course_was) == 0) && edit_get(t, k, key, old) == 1) {
            static const int person[] = {L_NAME, L_BIRTH, L_GENDER, L_GROUP, L_VILLAGE};
            for (size_t j = 0; j < sizeof person / sizeof *person; j++) {
                free(old[person[j]]);
                old[person[j]] = vals[person[j]] ? xstrdup(vals[person[j]]) : NULL;
            }
            edit_put(t, k, old, NULL, NULL);
        }
        store_vals_free(k, old);
        free(c.code[i]);
    }
    free(c.code);
}

/* Cells of the form in the kind's column order (borrowed strings). */
static void form_cells(const char *unit, const char *id, const learner_form *f, char **cells)
{
    memset(cells, 0, L_NCOLS * sizeof *cells);
    cells[L_UNIT] = (char *)unit;
    cells[L_ID] = (char *)id;
    cells[L_NAME] = (char *)f->full_name;
    cells[L_BIRTH] = (char *)f->birth_year;
    cells[L_GENDER] = (char *)f->gender;
    cells[L_GROUP] = (char *)f->group;
    cells[L_VILLAGE] = (char *)f->village;
    cells[L_COURSE] = (char *)f->course;
    cells[L_STATUS] = (char *)(f->status && *f->status ? f->status : "registered");
}

/* Inside the transaction: the edited row must still be there (another
 * clerk may have deleted it), and a row moved to a course must not take
 * the key of another row. */
static void check_keys(edit_tx *t, const char *unit, const char *id, const char *course_was,
                       const char *course)
{
    const kind_def *k = kind_get(KIND_LEARNERS);
    char *key[L_NCOLS] = {0}, *old[L_NCOLS] = {0};
    key[L_UNIT] = (char *)unit;
    key[L_ID] = (char *)id;
    key[L_COURSE] = (char *)course_was;
    if (course_was && edit_get(t, k, key, old) == 0 && t->rc == TD_OK) {
        t->res->err = xasprintf(_("no such learner: %s in course %s"), id, course_was);
        t->rc = TD_EINPUT;
    }
    store_vals_free(k, old);
    key[L_COURSE] = (char *)course;
    memset(old, 0, sizeof old);
    int moved = !course_was || (course && strcmp(course_was, course) != 0);
    if (t->rc == TD_OK && moved && course && edit_get(t, k, key, old) == 1) {
        char *m = xasprintf(_("%s already takes course %s"), id, course);
        t->res->err = xasprintf("course_code: %s", m);
        free(m);
        t->rc = TD_EINPUT;
    }
    store_vals_free(k, old);
}

int learner_save(td_db *db, const char *unit, const char *id, const char *course_was,
                 const learner_form *f, const edit_seen *seen, char **id_out, edit_result *res)
{
    const kind_def *k = kind_get(KIND_LEARNERS);
    edit_tx t;
    char *cells[L_NCOLS], *new_id = NULL, *const *row = NULL;
    if (id_out)
        *id_out = NULL;
    if (edit_begin(&t, db, "ui", res) == TD_OK && !id &&
        !(id = new_id = store_learner_next_id(db, unit)))
        t.rc = TD_EDB;
    form_cells(unit, id, f, cells);
    int moved = id && course_was && f->course && strcmp(course_was, f->course) != 0;
    if (t.rc == TD_OK && id)
        check_keys(&t, unit, id, new_id ? NULL : course_was, f->course);
    if (moved) {
        /* the old row goes, checked against what the user saw */
        char *old_key[L_NCOLS] = {0};
        old_key[L_UNIT] = (char *)unit;
        old_key[L_ID] = (char *)id;
        old_key[L_COURSE] = (char *)course_was;
        edit_del(&t, k, old_key, seen);
        edit_put(&t, k, cells, NULL, &row);
    } else {
        edit_put(&t, k, cells, course_was ? seen : NULL, &row);
    }
    if (t.rc == TD_OK)
        propagate(&t, cells, course_was);
    int rc = edit_end(&t);
    if (rc == TD_OK && id_out)
        *id_out = xstrdup(id);
    free(new_id);
    return rc;
}

int learner_delete(td_db *db, const char *unit, const char *id, const char *course,
                   const edit_seen *seen, edit_result *res)
{
    char *key[L_NCOLS] = {0};
    key[L_UNIT] = (char *)unit;
    key[L_ID] = (char *)id;
    key[L_COURSE] = (char *)course;
    edit_tx t;
    if (edit_begin(&t, db, "ui", res) == TD_OK)
        edit_del(&t, kind_get(KIND_LEARNERS), key, seen);
    return edit_end(&t);
}

/* The status one key gives: on to completed, then to confirmed. */
static learner_status advanced(learner_status s)
{
    return s == LS_COMPLETED || s == LS_CONFIRMED ? LS_CONFIRMED : LS_COMPLETED;
}

int learner_advance(td_db *db, const char *unit, const char *id, const char *course,
                    const edit_seen *seen, learner_status *now, edit_result *res)
{
    const kind_def *k = kind_get(KIND_LEARNERS);
    char *key[L_NCOLS] = {0}, *vals[L_NCOLS] = {0};
    key[L_UNIT] = (char *)unit;
    key[L_ID] = (char *)id;
    key[L_COURSE] = (char *)course;
    edit_tx t;
    learner_status st = LS_REGISTERED;
    if (edit_begin(&t, db, "ui", res) == TD_OK) {
        int found = edit_get(&t, k, key, vals);
        if (found == 1 && lstatus_parse(vals[L_STATUS], &st) != 0)
            st = LS_REGISTERED;
        if (found == 0 && t.rc == TD_OK) {
            res->err = xasprintf(_("no such learner: %s in course %s"), id, course);
            t.rc = TD_EINPUT;
        }
        /* what the user saw decides the next status, when it was shown */
        if (found == 1 && seen && seen->check && seen->vals && seen->vals[L_STATUS] &&
            lstatus_parse(seen->vals[L_STATUS], &st) != 0)
            st = LS_REGISTERED;
        if (found == 1 && advanced(st) != st) {
            st = advanced(st);
            char *cells[L_NCOLS];
            memcpy(cells, vals, sizeof cells);
            cells[L_STATUS] = (char *)lstatus_code(st);
            edit_put(&t, k, cells, seen, NULL);
        }
    }
    int rc = edit_end(&t);
    if (now)
        *now = st;
    store_vals_free(k, vals);
    return rc;
}
