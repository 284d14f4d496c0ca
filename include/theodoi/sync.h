/* sync.h - import and export of CSV files, history and undo.
 *
 * Import is one path for every kind: each file's kind is told by its
 * header; files are taken city kinds first; every row of every file is
 * validated and applied inside one write transaction, which is rolled back
 * when any row is bad (and always in a dry run), so a rejected run writes
 * nothing.  Newest wins by updated_at; equal values change nothing; an
 * older row is stale and reported.  Each run that writes is a batch whose
 * audit rows let `undo` revert it exactly. */
#ifndef THEODOI_SYNC_H
#define THEODOI_SYNC_H

#include <stdint.h>
#include <stdio.h>

#include "theodoi/db.h"
#include "theodoi/kinds.h"
#include "theodoi/status.h"
#include "theodoi/util.h"

typedef struct import_opts {
    int dry_run;
    role_kind role;
    const char *own_unit; /* for ROLE_COMMUNE */
    const char *login;
    size_t max_problems; /* messages kept (the rest are counted) */
    /* Scope of the database: rows of a units file outside it are left
     * out (a city keeps its own province; a commune its unit). */
    const char *scope_province, *scope_unit;
    /* Progress: called now and then with bytes read and total. */
    void (*progress)(void *ctx, long done, long total);
    void *progress_ctx;
    /* Set (by a signal handler) to stop: the run is rolled back. */
    volatile int *cancel;
} import_opts;

typedef struct import_counts {
    long inserted, updated, unchanged, stale, rows;
} import_counts;

typedef struct import_report {
    import_counts by_kind[KIND__COUNT];
    int kinds_seen[KIND__COUNT];
    problems errors; /* FILE:LINE: column: message */
    problems notes;  /* stale rows, files imported before */
    int64_t batch;   /* the batch written, 0 when none */
} import_report;

/* Import files (see above).  TD_OK, TD_EINPUT (rejected: report.errors
 * says why; nothing written) or TD_EDB.  Free the report with
 * import_report_free. */
int sync_import(td_db *db, char *const *files, size_t nfiles, const import_opts *opts,
                import_report *report);
void import_report_free(import_report *r);

/* Write a CSV of kind to f; unit/period filter where the kind has them
 * (NULL = all).  TD_OK, TD_EUSAGE (unknown kind) or TD_EDB. */
int sync_export(td_db *db, const kind_def *k, const char *unit, const char *period, FILE *f,
                char **err);

/* Revert batch.  TD_OK; TD_EINPUT when later changes depend on it (the
 * rows are named in *problems) or it was undone already; TD_EDB. */
int sync_undo(td_db *db, int64_t batch, const char *login, problems *out);

#endif
