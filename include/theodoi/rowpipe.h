/* rowpipe.h - read and check the rows of a file in a second thread while
 * the first one writes them.
 *
 * An import spends about half its time reading CSV and validating, half
 * in SQLite.  The producer (a function of the importer, free of SQL) fills
 * rows in chunks on its own thread; the consumer takes them in file order
 * on the thread that owns the database connection.  Without a second
 * thread (pthread_create failed) the consumer fills the chunks itself. */
#ifndef THEODOI_ROWPIPE_H
#define THEODOI_ROWPIPE_H

#include <stddef.h>
#include <stdint.h>

#include "theodoi/util.h"

/* One row as the producer hands it over. */
typedef struct pipe_row {
    long line;        /* where the record starts */
    int apply;        /* 1: valid, in scope, no conflict: write it */
    char **vals;      /* canonical values (ncols, malloc'd strings) */
    problems errs;    /* what is wrong with it (moved out by problems_move) */
    long bytes;       /* bytes of the file read so far, for progress */
    uint64_t hash[2]; /* for the consumer's use (the import: seen.h) */
    char *arena;      /* the row's buffer for its values: the producer may make
                  * them in arena[0..arena_cap) and say how much it used */
    size_t arena_cap, arena_used;
} pipe_row;

/* Fill *row (vals are NULL on entry, errs empty, arena_used 0): 1 a row,
 * 0 the end of the file, -1 the end with a read problem in row->errs.
 * Values are malloc'd, or in row->arena (then arena_used covers them). */
typedef int (*pipe_produce_fn)(void *ctx, pipe_row *row);

typedef struct rowpipe rowpipe;

/* Start producing rows of ncols values; errs_cap bounds the messages kept
 * per row (all are counted). */
rowpipe *rowpipe_start(size_t ncols, size_t errs_cap, pipe_produce_fn fn, void *ctx);
/* The next row in file order, or NULL after the last.  The row and its
 * vals (owned by the pipe: never free them) stay valid until the next
 * call. */
pipe_row *rowpipe_next(rowpipe *p);
/* The row n after the one rowpipe_next() gave last when it is already
 * there (in the same chunk), else NULL: for prefetching. */
const pipe_row *rowpipe_ahead(const rowpipe *p, int n);
/* Stop the producer (also early), wait for it, free everything. */
void rowpipe_free(rowpipe **p);

#endif
