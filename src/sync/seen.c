/* seen.c - rows of an import run by key and time (see seen.h).
 *
 * Open addressing over 16-byte slots: a 64-bit hash of (kind, key
 * columns, updated_at), a 32-bit hash of the other values, and where the
 * row is (file number and line packed in 32 bits).  The table starts
 * small and doubles up to SEEN_MAX_SLOTS; past 3/4 of that, new rows go
 * to the spill file. */
#include "config.h"

#include "theodoi/seen.h"
#include "theodoi/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define SEEN_MAX_SLOTS (1u << 21)
#define HUGE_PAGE (2u << 20)
#define LINE_BITS 24 /* where = file << 24 | line; 0 when it does not fit */

typedef struct slot {
    uint64_t key; /* 0 = free */
    uint32_t vals, where;
} slot;

struct seen_set {
    slot *slot;
    size_t cap, n;
    size_t max; /* slots at most (a power of 2) */
    store_spill *spill;
    int spill_failed;
};

/* A zeroed table of cap slots.  Big tables are mapped on huge-page
 * boundaries and ask for huge pages: every page of a hash table is
 * touched, and a fault per 4 KB page is slow (more so on a virtual
 * machine).  Mapped memory comes zeroed, page by page as it is first
 * touched: no pass over the whole table before the first row (32 MB for a
 * million rows). */
static slot *table_new(size_t cap)
{
    size_t bytes = cap * sizeof(slot);
    if (bytes >= HUGE_PAGE) {
        char *m = mmap(NULL, bytes + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                       -1, 0);
        if (m != MAP_FAILED) {
            char *p = (char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
            if (p > m)
                munmap(m, (size_t)(p - m));
            munmap(p + bytes, (size_t)(m + HUGE_PAGE - p));
#ifdef MADV_HUGEPAGE
            madvise(p, bytes, MADV_HUGEPAGE);
#endif
            return (slot *)p;
        }
    }
    return xcalloc(cap, sizeof(slot));
}

/* Give back a table of cap slots made by table_new(). */
static void table_free(slot *t, size_t cap)
{
    if (t && cap * sizeof(slot) >= HUGE_PAGE)
        munmap(t, cap * sizeof(slot));
    else
        free(t);
}

seen_set *seen_new(long expect)
{
    seen_set *s = xcalloc(1, sizeof(seen_set));
    s->max = SEEN_MAX_SLOTS;
    size_t cap = 4096;
    while (cap < SEEN_MAX_SLOTS && (long)(cap / 4 * 3) < expect)
        cap *= 2;
    s->slot = table_new(cap);
    s->cap = cap;
    return s;
}

void seen_limit(seen_set *s, size_t max_slots)
{
    s->max = max_slots;
}

void seen_free(seen_set **ps)
{
    seen_set *s = *ps;
    if (!s)
        return;
    table_free(s->slot, s->cap);
    store_spill_close(&s->spill);
    free(s);
    *ps = NULL;
}

/* Mix one 8-byte word into h (MurmurHash3's steps). */
static uint64_t mix(uint64_t h, uint64_t w)
{
    w *= 0x87c37b91114253d5ULL;
    w = (w << 31) | (w >> 33);
    w *= 0x4cf5ad432745937fULL;
    h ^= w;
    h = (h << 27) | (h >> 37);
    return h * 5 + 0x52dce729;
}

/* Add str (NULL as "", as kind_same_values compares them) and its length
 * to h, eight bytes at a time. */
static uint64_t hash_add(uint64_t h, const char *str)
{
    size_t n = str ? strlen(str) : 0;
    uint64_t w;
    for (; n >= 8; n -= 8, str += 8) {
        memcpy(&w, str, 8);
        h = mix(h, w);
    }
    w = 0;
    if (n)
        memcpy(&w, str, n);
    return mix(h, w ^ (uint64_t)n << 56 ^ 0x80);
}

/* MurmurHash3's finaliser: every bit of h moves every bit of the result. */
static uint64_t fmix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

static void grow(seen_set *s)
{
    size_t cap = s->cap * 2;
    slot *old = s->slot;
    s->slot = table_new(cap);
    for (size_t i = 0; i < s->cap; i++) {
        if (!old[i].key)
            continue;
        size_t j = old[i].key & (cap - 1);
        while (s->slot[j].key)
            j = (j + 1) & (cap - 1);
        s->slot[j] = old[i];
    }
    table_free(old, s->cap);
    s->cap = cap;
}

static void unpack(uint32_t where, int *file, long *line)
{
    *file = where ? (int)(where >> LINE_BITS) : -1;
    *line = where ? (long)(where & ((1u << LINE_BITS) - 1)) : 0;
}

/* Look the row up in the spill file (opened on first use). */
static int check_spill(seen_set *s, uint64_t key, uint32_t v, uint32_t where, int *tf, long *tl)
{
    if (!s->spill && !s->spill_failed && !(s->spill = store_spill_open()))
        s->spill_failed = 1;
    uint32_t ov, ow;
    int rc = s->spill ? store_spill_check(s->spill, key, v, where, &ov, &ow) : -1;
    if (rc != 1 || ov == v)
        return 0; /* new, same values, or no spill (then a conflict may go unseen) */
    unpack(ow, tf, tl);
    return 1;
}

seen_hash seen_hash_of(const kind_def *k, char *const *vals)
{
    uint64_t key = hash_add(0x9e3779b97f4a7c15ULL, k->name);
    uint64_t v = 0x2545f4914f6cdd1dULL;
    int ts = kind_ts_col(k);
    for (size_t i = 0; i < k->ncols; i++) {
        if (k->cols[i].flags & COL_KEY)
            key = hash_add(key, vals[i]);
        if (!(k->cols[i].flags & COL_META))
            v = hash_add(v, vals[i]);
    }
    key = fmix(hash_add(key, ts >= 0 ? vals[ts] : ""));
    v = fmix(v);
    return (seen_hash){key ? key : 1, (uint32_t)(v ^ (v >> 32))};
}

void seen_prefetch(const seen_set *s, seen_hash h)
{
    if (s->cap)
        __builtin_prefetch(&s->slot[h.key & (s->cap - 1)]);
}

int seen_check(seen_set *s, seen_hash h, int file_no, long line, int *twin_file, long *twin_line)
{
    uint64_t key = h.key;
    uint32_t v32 = h.vals;
    uint32_t where = file_no >= 0 && file_no < 255 && line > 0 && line < (1L << LINE_BITS)
                         ? (uint32_t)file_no << LINE_BITS | (uint32_t)line
                         : 0;
    if ((s->n + 1) * 4 > s->cap * 3 && s->cap < s->max)
        grow(s);
    size_t j = key & (s->cap - 1);
    while (s->slot[j].key && s->slot[j].key != key)
        j = (j + 1) & (s->cap - 1);
    if (s->slot[j].key) {
        if (s->slot[j].vals == v32)
            return 0;
        unpack(s->slot[j].where, twin_file, twin_line);
        return 1;
    }
    if ((s->n + 1) * 4 > s->cap * 3) /* full: the spill file takes it */
        return check_spill(s, key, v32, where, twin_file, twin_line);
    s->slot[j] = (slot){key, v32, where};
    s->n++;
    return 0;
}
