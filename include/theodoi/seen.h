/* seen.h - the rows of one import run by key and time, to find two rows
 * with the same key and updated_at but other values (PRODUCT.md: such a
 * run is rejected), whichever files of the run they are in.
 *
 * Only hashes are kept: 16 bytes a row in a table of at most SEEN_MAX_SLOTS
 * slots (32 MiB); rows beyond that go to a private temporary SQLite file
 * (store_spill_*), so the memory is bounded whatever the size of the run. */
#ifndef THEODOI_SEEN_H
#define THEODOI_SEEN_H

#include <stdint.h>

#include "theodoi/kinds.h"

typedef struct seen_set seen_set;

/* A set sized for about expect rows (it grows when there are more). */
seen_set *seen_new(long expect);
void seen_free(seen_set **s);
/* At most max_slots slots (a power of 2, at least the table's size now)
 * before rows go to the spill file: for tests. */
void seen_limit(seen_set *s, size_t max_slots);
/* The hashes of a row: its key and time, and its other values.  Pure:
 * any thread may compute them (the import's reading thread does). */
typedef struct seen_hash {
    uint64_t key;
    uint32_t vals;
} seen_hash;
seen_hash seen_hash_of(const kind_def *k, char *const *vals);
/* Ask the memory for the row's slot ahead of seen_check (a table of
 * millions of rows misses the cache on every look-up). */
void seen_prefetch(const seen_set *s, seen_hash h);
/* Remember the row (hashes h) from file number file_no (in import order),
 * line.  0 when no earlier row conflicts; 1 when one does: *twin_file and
 * *twin_line tell where (-1 and 0 when unknown). */
int seen_check(seen_set *s, seen_hash h, int file_no, long line, int *twin_file, long *twin_line);

/* The spill of rows beyond the memory table: a temporary SQLite file
 * opened by the thread that uses it (store layer, src/store/spill.c). */
typedef struct store_spill store_spill;
store_spill *store_spill_open(void);
/* Insert (key, vals, where) unless key is there; 1 and *old_vals,
 * *old_where when it is, 0 inserted, -1 error. */
int store_spill_check(store_spill *sp, uint64_t key, uint32_t vals, uint32_t where,
                      uint32_t *old_vals, uint32_t *old_where);
void store_spill_close(store_spill **sp);

#endif
