/* edit.c - the one edit path (see edit.h): role, validation, what the
 * user saw, stamp, write, derive, commit; and undo of an edit. */
#include "config.h"

#include "theodoi/apply.h"
#include "theodoi/batches.h"
#include "theodoi/codes.h"
#include "theodoi/edit.h"
#include "theodoi/i18n.h"
#include "theodoi/store.h"
#include "theodoi/text.h"
#include "theodoi/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void edit_changes_free(edit_change *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        if (c[i].before)
            store_vals_free(c[i].k, c[i].before);
        if (c[i].after)
            store_vals_free(c[i].k, c[i].after);
        free(c[i].before);
        free(c[i].after);
    }
    free(c);
}

static char **vals_copy(const kind_def *k, char *const *v)
{
    if (!v)
        return NULL;
    char **d = xcalloc(k->ncols, sizeof *d);
    for (size_t i = 0; i < k->ncols; i++)
        d[i] = v[i] ? xstrdup(v[i]) : NULL;
    return d;
}

static void vals_drop(const kind_def *k, char ***v)
{
    if (*v)
        store_vals_free(k, *v);
    xfree(v);
}

void edit_result_free(edit_result *r)
{
    if (r->k) {
        vals_drop(r->k, &r->seen);
        vals_drop(r->k, &r->stored);
    }
    free(r->err);
    free(r->by);
    free(r->at);
    free(r->changes);
    edit_changes_free(r->chg, r->nchg);
    memset(r, 0, sizeof *r);
}

/* Look-ups for kind_value: ctx is the database. */
static int exists(void *db, code_kind what, const char *code, int *yearly)
{
    return store_code_exists(db, what, code, yearly) == 1;
}
static int lk_unit(void *db, const char *c)
{
    return exists(db, CODE_UNIT, c, NULL);
}
static int lk_item(void *db, const char *c, int *y)
{
    return exists(db, CODE_ITEM, c, y);
}
static int lk_group(void *db, const char *c)
{
    return exists(db, CODE_GROUP, c, NULL);
}
static int lk_course(void *db, const char *c)
{
    return exists(db, CODE_COURSE, c, NULL);
}

void edit_lookup_init(kind_lookup *lk, td_db *db)
{
    *lk = (kind_lookup){db, lk_unit, lk_item, lk_group, lk_course, day_today(), ts_now()};
}

/* Validate cells as the import does: kind_value per column (updated_at
 * and updated_by are stamped, not typed), then kind_row_rules.  NULL, or
 * the problems as "column: message" lines (malloc'd). */
static char *validate(const kind_def *k, char *const *cells, const kind_lookup *lk, char **vals)
{
    problems p;
    problems_init(&p, 20);
    for (size_t i = 0; i < k->ncols; i++) {
        if (k->cols[i].type == VT_TS || k->cols[i].type == VT_LOGIN)
            continue;
        char *msg = NULL, *cell = cells[i] ? text_nfc(cells[i]) : NULL;
        if (cells[i] && !cell)
            problems_add(&p, NULL, 0, k->cols[i].name, "%s", _("not valid UTF-8 text"));
        else if (kind_value(&k->cols[i], cell, lk, &vals[i], &msg) != 0) {
            problems_add(&p, NULL, 0, k->cols[i].name, "%s", msg);
            free(msg);
        }
        free(cell);
    }
    if (p.count == 0)
        kind_row_rules(k, vals, lk, NULL, 0, &p);
    char *err = NULL;
    if (p.count) {
        strbuf b = {0};
        for (size_t i = 0; i < p.n; i++)
            sb_addf(&b, "%s%s", i ? "\n" : "", p.msg[i]);
        err = b.s;
    }
    problems_free(&p);
    return err;
}

static int eq(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* 1 when two rows (NULL: none) are the same, updated_by too, and
 * updated_at unless any_time. */
static int same_row(const kind_def *k, char *const *a, char *const *b, int any_time)
{
    if (!a || !b)
        return !a && !b;
    int ts = kind_ts_col(k);
    return kind_same_values(k, a, b) &&
           (ts < 0 || ((any_time || eq(a[ts], b[ts])) && eq(a[ts + 1], b[ts + 1])));
}

char *edit_diff(const kind_def *k, char *const *a, char *const *b, const char *arrow)
{
    strbuf s = {0};
    sb_add(&s, "");
    for (size_t i = 0; i < k->ncols; i++) {
        if (k->cols[i].type == VT_TS || k->cols[i].type == VT_LOGIN)
            continue;
        const char *x = a ? a[i] : NULL, *y = b ? b[i] : NULL;
        if (eq(x, y) || (k->cols[i].flags & COL_KEY))
            continue;
        sb_addf(&s, "%s%s: %s %s %s", s.len ? "\n" : "", k->cols[i].name, x ? x : "-", arrow,
                y ? y : "-");
    }
    return s.s;
}

/* The newest audit entry of a row: who and when (a deleted row). */
static int newest(void *ctx, const audit_row *r)
{
    edit_result *res = ctx;
    res->by = xstrdup(r->login ? r->login : "?");
    res->at = xstrdup(r->at ? r->at : "");
    return 1;
}

/* The stored row is not the one seen: say who changed it, when, what. */
static int conflict(edit_tx *t, const kind_def *k, char *const *stored, char *const *seen)
{
    edit_result *res = t->res;
    int ts = kind_ts_col(k);
    res->conflict = 1;
    free(res->by);
    free(res->at);
    res->by = res->at = NULL;
    if (stored && ts >= 0) {
        res->by = xstrdup(stored[ts + 1] ? stored[ts + 1] : "?");
        res->at = xstrdup(stored[ts] ? stored[ts] : "");
    } else {
        char *key = kind_key(k, stored ? stored : seen);
        store_audit_of_key(t->db, k->name, key, newest, res);
        free(key);
    }
    if (!res->by)
        res->by = xstrdup("?");
    if (!res->at)
        res->at = xstrdup("");
    free(res->changes);
    res->changes = edit_diff(k, seen, stored, "->");
    if (res->k) {
        vals_drop(res->k, &res->seen);
        vals_drop(res->k, &res->stored);
    }
    res->k = k;
    res->seen = vals_copy(k, seen);
    res->stored = vals_copy(k, stored);
    return t->rc = TD_EINPUT;
}

/* Why the role may not write a row of unit (NULL for rows without a
 * unit) of kind k; NULL when it may (role_may_write decides). */
static char *refusal(role_kind role, const char *own, const kind_def *k, const char *unit)
{
    if (role_may_write(role, own, unit, k->city_owned))
        return NULL;
    const char *me = td_login();
    if (role == ROLE_NONE)
        return xasprintf(_("your login (%s) has no role in this database, so it may only read; "
                           "an admin can run: theodoi user add %s --role commune --unit %s"),
                         me, me, unit ? unit : "CODE");
    if (k->city_owned)
        return xasprintf(_("your login (%s) may not edit %s: the city keeps them"), me, k->name);
    return xasprintf(_("your login (%s) may not edit the rows of unit %s"), me, unit ? unit : "-");
}

/* The role may write this row of kind k (else t->rc and the message). */
static int role_ok(edit_tx *t, const kind_def *k, char *const *vals)
{
    char *why = refusal(t->role, t->own, k, k->unit_col >= 0 ? vals[k->unit_col] : NULL);
    if (!why)
        return 1;
    free(t->res->err);
    t->res->err = why;
    t->rc = TD_EINPUT;
    return 0;
}

int edit_allowed(td_db *db, const kind_def *k, const char *unit, char **err)
{
    role_kind role = ROLE_NONE;
    char *own = NULL;
    *err = NULL;
    if (store_user_get(db, td_login(), &role, &own) != TD_OK) {
        *err = xasprintf(_("database error: %s"), db_error(db));
        return TD_EDB;
    }
    *err = refusal(role, own, k, unit);
    free(own);
    return *err ? TD_EINPUT : TD_OK;
}

int edit_begin(edit_tx *t, td_db *db, const char *source, edit_result *res)
{
    memset(t, 0, sizeof *t);
    edit_result_free(res);
    t->db = db;
    t->source = source;
    t->res = res;
    edit_lookup_init(&t->lk, db);
    if (store_user_get(db, td_login(), &t->role, &t->own) != TD_OK || db_begin(db) != TD_OK) {
        res->err = xasprintf(_("database error: %s"), db_error(db));
        return t->rc = TD_EDB;
    }
    return TD_OK;
}

/* Remember a row written (takes before and after). */
static void record(edit_tx *t, const kind_def *k, char **before, char **after)
{
    edit_result *r = t->res;
    if (r->nchg == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 4;
        r->chg = xrealloc(r->chg, t->cap * sizeof *r->chg);
    }
    r->chg[r->nchg++] = (edit_change){k, before, after};
}

static void free_vals(const kind_def *k, char **v)
{
    if (v)
        store_vals_free(k, v);
    free(v);
}

/* Stamp updated_at and updated_by of an edited row. */
static void stamp(const kind_def *k, char **vals)
{
    int ts = kind_ts_col(k);
    if (ts < 0)
        return;
    char now[32];
    ts_format(ts_now(), now);
    free(vals[ts]);
    vals[ts] = xstrdup(now);
    free(vals[ts + 1]);
    vals[ts + 1] = xstrdup(td_login());
}

/* The stored row with the key of vals: 1 (*old malloc'd), 0 (*old NULL),
 * -1 (t->rc set). */
static int stored(edit_tx *t, const kind_def *k, char *const *vals, char ***old)
{
    *old = xcalloc(k->ncols, sizeof **old);
    int found = store_row_get(t->db, k, vals, *old, NULL);
    if (found <= 0) {
        free(*old);
        *old = NULL;
    }
    if (found < 0) {
        t->res->err = xasprintf(_("database error: %s"), db_error(t->db));
        t->rc = TD_EDB;
    }
    return found;
}

static int seen_differs(const kind_def *k, const edit_seen *seen, char *const *old)
{
    return seen && seen->check && !seen->force && !same_row(k, old, seen->vals, seen->check == 2);
}

int edit_get(edit_tx *t, const kind_def *k, char *const *key, char **out)
{
    int found = store_row_get(t->db, k, key, out, NULL);
    if (found < 0) {
        t->res->err = xasprintf(_("database error: %s"), db_error(t->db));
        t->rc = TD_EDB;
    }
    return found;
}

int edit_put(edit_tx *t, const kind_def *k, char *const *cells, const edit_seen *seen,
             char *const **out)
{
    if (out)
        *out = NULL;
    if (t->rc != TD_OK)
        return t->rc;
    char **vals = xcalloc(k->ncols, sizeof *vals), **old = NULL;
    char *err = validate(k, cells, &t->lk, vals);
    if (err) {
        t->res->err = err;
        t->rc = TD_EINPUT;
    } else if (role_ok(t, k, vals) && stored(t, k, vals, &old) >= 0) {
        if (seen_differs(k, seen, old)) {
            conflict(t, k, old, seen->vals);
        } else if (old && kind_same_values(k, vals, old)) {
            if (out)
                *out = NULL; /* nothing to write */
        } else {
            stamp(k, vals);
            if (apply_row(t->db, k, vals, 0, t->source, 0) == AP_ERROR) {
                t->res->err = xasprintf(_("database error: %s"), db_error(t->db));
                t->rc = TD_EDB;
            } else {
                record(t, k, old, vals);
                if (out)
                    *out = vals;
                return TD_OK;
            }
        }
    }
    free_vals(k, vals);
    free_vals(k, old);
    return t->rc;
}

int edit_del(edit_tx *t, const kind_def *k, char *const *key, const edit_seen *seen)
{
    if (t->rc != TD_OK || !role_ok(t, k, key))
        return t->rc;
    char **old = NULL;
    int found = stored(t, k, key, &old);
    if (found < 0)
        return t->rc;
    if (seen_differs(k, seen, old) && (old || seen->vals)) {
        if (old) /* a row that is gone already is what the user wanted */
            conflict(t, k, old, seen->vals);
        free_vals(k, old);
        return t->rc;
    }
    if (!old)
        return TD_OK;
    char *keytext = kind_key(k, old), *old_text = store_vals_text(k, old);
    if (store_row_delete(t->db, k, old) != 0 ||
        store_audit(t->db, 0, t->source, k, keytext, old_text, NULL, 0) < 0) {
        t->res->err = xasprintf(_("database error: %s"), db_error(t->db));
        t->rc = TD_EDB;
    }
    apply_note(k, old);
    free(keytext);
    free(old_text);
    if (t->rc == TD_OK)
        record(t, k, old, NULL);
    else
        free_vals(k, old);
    return t->rc;
}

int edit_end(edit_tx *t)
{
    if (t->rc == TD_OK && apply_derive(t->db, 0, t->source, td_login()) != TD_OK)
        t->rc = TD_EDB;
    if (t->rc == TD_OK && db_commit(t->db) != TD_OK)
        t->rc = TD_EDB;
    if (t->rc == TD_EDB && !t->res->err)
        t->res->err = xasprintf(_("database error: %s"), db_error(t->db));
    if (t->rc != TD_OK) {
        db_rollback(t->db);
        apply_forget();
        edit_changes_free(t->res->chg, t->res->nchg);
        t->res->chg = NULL;
        t->res->nchg = 0;
    }
    free(t->own);
    t->own = NULL;
    return t->rc;
}

int edit_row(td_db *db, const kind_def *k, char *const *cells, const edit_seen *seen,
             edit_result *res)
{
    edit_tx t;
    if (edit_begin(&t, db, "ui", res) == TD_OK)
        edit_put(&t, k, cells, seen, NULL);
    return edit_end(&t);
}

int edit_undo(td_db *db, const edit_change *c, size_t n, edit_result *res)
{
    edit_tx t;
    if (edit_begin(&t, db, "ui-undo", res) != TD_OK)
        return edit_end(&t);
    /* the rows as the changes left them, but for updated_at: an undo
     * stamps the row it puts back, so the change before it sees its own
     * values with a later time */
    for (size_t i = n; i-- > 0 && t.rc == TD_OK;) {
        edit_seen seen = {2, 0, c[i].after};
        if (c[i].before)
            edit_put(&t, c[i].k, c[i].before, &seen, NULL);
        else
            edit_del(&t, c[i].k, c[i].after, &seen);
    }
    return edit_end(&t);
}
