/* edit.h - the one edit path: every change a person makes in the UI or on
 * the command line (a checklist item, the counts of a training row, a
 * learner) goes through here.
 *
 * An edit is a transaction of one or more rows: the login's role is
 * looked up once and checked for every row (role_may_write), every cell
 * is validated by the kind's value validators and row rules (the same
 * kind_value and kind_row_rules as import), the row is stamped
 * (updated_at, updated_by), written through apply_row (audited), the
 * roster counts are derived, and all of it commits or none.
 *
 * No silent lost update: a row is written only when the stored row is the
 * one the user saw (values, updated_at and updated_by).  When it is not,
 * nothing is written and the result says who changed it, when, and what
 * (the UI asks whether to overwrite; `force` then writes anyway).  Each
 * row written is recorded (before and after) so that the UI can undo it,
 * with the same check. */
#ifndef THEODOI_EDIT_H
#define THEODOI_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "theodoi/db.h"
#include "theodoi/kinds.h"
#include "theodoi/learners.h"
#include "theodoi/status.h"

/* One row an edit wrote: its values before (NULL: there was no row) and
 * after (NULL: deleted), k->ncols canonical values each. */
typedef struct edit_change {
    const kind_def *k;
    char **before, **after;
} edit_change;

/* What an edit did.  Start with one zeroed ({0}); each edit frees what
 * the result held before.  Free with edit_result_free. */
typedef struct edit_result {
    char *err;             /* TD_EINPUT: "column: message" lines, translated */
    int conflict;          /* 1: a row is not the one the user saw; nothing written */
    char *by, *at;         /* conflict: who changed the row, and when (ISO; ""
                        when the row was deleted) */
    char *changes;         /* conflict: "column: seen -> stored" lines */
    const kind_def *k;     /* conflict: the kind of the rows below */
    char **seen, **stored; /* conflict: copies (NULL: no row) */
    edit_change *chg;      /* TD_OK: the rows written, in order */
    size_t nchg;
} edit_result;
void edit_result_free(edit_result *r);
/* Free an array of changes (and the array). */
void edit_changes_free(edit_change *c, size_t n);

/* What the user saw of a row: check 0 (command line, tests): do not
 * compare; check 1 and vals NULL: the user saw no row; check 1 and vals:
 * the row as shown (k->ncols canonical values, updated_at and updated_by
 * included); check 2: the same but for updated_at (undo).  force 1:
 * write even when the stored row differs. */
typedef struct edit_seen {
    int check, force;
    char *const *vals;
} edit_seen;

/* ---- the transaction (for edits of several rows) ---------------------- */

typedef struct edit_tx {
    td_db *db;
    const char *source; /* "ui", "undo" */
    role_kind role;
    char *own;
    kind_lookup lk;
    edit_result *res;
    int rc;
    size_t cap;
} edit_tx;

/* Look up the login's role, start the write transaction.  TD_OK or
 * TD_EDB (res->err says why). */
int edit_begin(edit_tx *t, td_db *db, const char *source, edit_result *res);
/* Validate the cells (as typed; cells[i] for column i, NULL or "" when
 * empty; updated_at and updated_by are ignored), check the role and what
 * the user saw, stamp and write.  After a failure (t->rc) the next calls
 * do nothing.  *out (may be NULL) gets the written row (borrowed from
 * the result's changes).  TD_OK, TD_EINPUT, TD_EDB. */
int edit_put(edit_tx *t, const kind_def *k, char *const *cells, const edit_seen *seen,
             char *const **out);
/* Delete the row with key's key columns, checked the same way (a row
 * that is not there is no change). */
int edit_del(edit_tx *t, const kind_def *k, char *const *key, const edit_seen *seen);
/* The stored row with key's key columns inside the transaction: 1 found
 * (out[] malloc'd, store_vals_free), 0 none, -1 error. */
int edit_get(edit_tx *t, const kind_def *k, char *const *key, char **out);
/* Derive the roster counts and commit when every step went well, else
 * roll back.  Returns t->rc (TD_OK, TD_EINPUT, TD_EDB). */
int edit_end(edit_tx *t);

/* May this login write rows of unit (NULL: rows without a unit) of kind
 * k?  TD_OK; TD_EINPUT with *err saying why (translated, malloc'd);
 * TD_EDB.  The same decision edit_put makes (role_may_write), asked
 * before a form opens. */
int edit_allowed(td_db *db, const kind_def *k, const char *unit, char **err);

/* One row in its own transaction: edit_begin, edit_put, edit_end. */
int edit_row(td_db *db, const kind_def *k, char *const *cells, const edit_seen *seen,
             edit_result *res);

/* Undo changes an edit made (newest first), as one edit of source
 * "undo": each row must still be what the change left (else a conflict
 * naming who changed it and when, and nothing written).  TD_OK,
 * TD_EINPUT, TD_EDB. */
int edit_undo(td_db *db, const edit_change *c, size_t n, edit_result *res);

/* "column: a -> b" lines for the columns where two rows differ (a or b
 * NULL: no row), updated_at and updated_by aside; malloc'd. */
char *edit_diff(const kind_def *k, char *const *a, char *const *b, const char *arrow);

/* ---- the rows people edit --------------------------------------------- */

/* Save a checklist row: cells in the kind's column order as typed
 * (status, done date, quantity, evidence, note).  A done row without a
 * done date gets the done date it had the last time it was done (from the
 * audit trail), else today: leaving done and coming back keeps the date.
 * seen: the row the user saw (NULL: no check). */
int checklist_save(td_db *db, char *const *cells, const edit_seen *seen, edit_result *res);

/* Direct entry of one row's counts (-1: empty) for month (NULL: the
 * current month).  Validated as an import would; a row derived from the
 * roster takes only the population (the counts must be -1 or the derived
 * ones).  seen: the row of that month as shown (NULL: no check).  TD_OK;
 * TD_EINPUT (res->err lines, or a conflict); TD_EDB. */
int training_set_counts(td_db *db, const char *unit, const char *month, const char *group,
                        const char *course, int64_t pop, int64_t reg, int64_t comp, int64_t conf,
                        const edit_seen *seen, edit_result *res);

/* A learner's row as the roster holds it, in the kind's column order
 * (malloc'd; store_vals_free and free). */
char **learner_vals(const learner *l);
/* Add or edit a roster row, validated as an import would.
 *  - id NULL: a new person; an id "L000123" (next free in the unit) is
 *    allocated and returned in *id_out (malloc'd, may be NULL).
 *  - id set, course_was NULL: the same person in one more course.
 *  - id and course_was set: edit that row (the course may change: the
 *    old row goes in the same transaction).
 * The person's name, birth year, gender, group and village are written to
 * every course row of the same id, so a person has one name.  The
 * current month's training counts follow.  seen: the edited row as shown
 * (NULL: no check). */
int learner_save(td_db *db, const char *unit, const char *id, const char *course_was,
                 const learner_form *f, const edit_seen *seen, char **id_out, edit_result *res);
/* Delete one roster row (audited).  TD_OK (also when there was none). */
int learner_delete(td_db *db, const char *unit, const char *id, const char *course,
                   const edit_seen *seen, edit_result *res);
/* One key on the roster: registered or learning -> completed, completed
 * -> confirmed (on VNeID).  A confirmed row stays confirmed (nothing is
 * written).  *now gets the new status.  TD_EINPUT when there is no such
 * row. */
int learner_advance(td_db *db, const char *unit, const char *id, const char *course,
                    const edit_seen *seen, learner_status *now, edit_result *res);

/* Code look-ups against the database, as import makes them. */
void edit_lookup_init(kind_lookup *lk, td_db *db);

#endif
