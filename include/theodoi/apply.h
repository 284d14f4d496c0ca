/* apply.h - the one way a row is written: compare with the stored row,
 * decide (insert, update, unchanged, stale), write it and its audit row.
 * Used by import, by edits in the UI, by the roster derivation and by
 * undo, so that every change leaves the same trail. */
#ifndef THEODOI_APPLY_H
#define THEODOI_APPLY_H

#include <stdint.h>

#include "theodoi/db.h"
#include "theodoi/kinds.h"

typedef enum {
    AP_INSERTED,
    AP_UPDATED,
    AP_UNCHANGED,
    AP_STALE,
    AP_CONFLICT,
    AP_ERROR
} apply_result;

/* Write canonical row vals of kind k as part of batch (0 for an edit).
 * newest_wins: an incoming row older than the stored one (by updated_at)
 * is stale and not written; a row this same batch wrote before with the
 * same updated_at and other values is a conflict.  Must run inside a
 * transaction.  Roster changes are remembered for apply_derive(). */
apply_result apply_row(td_db *db, const kind_def *k, char **vals, int64_t batch, const char *source,
                       int newest_wins);

/* After learners (or current-month training rows) changed: recompute the
 * current month's training rows of every touched unit/group/course from
 * the roster, through apply_row.  Forget the touched set afterwards. */
int apply_derive(td_db *db, int64_t batch, const char *source, const char *login);
/* Remember that a row (of learners or training) changed the roster. */
void apply_note(const kind_def *k, char *const *vals);
/* Forget the touched set without deriving (after a rollback). */
void apply_forget(void);

#endif
