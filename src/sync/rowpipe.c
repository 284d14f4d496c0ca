/* rowpipe.c - a producer thread and a ring of row chunks (see rowpipe.h).
 *
 * Rows move in chunks of CHUNK so that the threads meet once per chunk,
 * not once per row (waking a thread costs tens of microseconds on a
 * virtual machine); NCHUNK chunks bound the memory (about 2 MB). */
#include "config.h"

#include "theodoi/rowpipe.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 1024
#define NCHUNK 4
#define ROW_BUF 256 /* bytes of values a row has at first */

typedef struct chunk {
    pipe_row row[CHUNK];
    int n;     /* rows filled */
    int last;  /* the producer ended with this chunk */
    int ready; /* filled, not yet given back by the consumer */
} chunk;

struct rowpipe {
    pipe_produce_fn fn;
    void *ctx;
    size_t ncols;
    chunk ch[NCHUNK];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t th;
    int threaded, stop;
    int ended;  /* producer side: fn said the end */
    int pc;     /* producer: next chunk to fill */
    int cc, ci; /* consumer: chunk and row */
    int started;
};

/* 1 when p points into the row's buffer (its used part). */
static int in_arena(const pipe_row *r, const char *p)
{
    uintptr_t a = (uintptr_t)r->arena, x = (uintptr_t)p;
    return x >= a && x < a + r->arena_used;
}

/* Move the row's values that the producer malloc'd (those it did not
 * make in the row's buffer) into the buffer and free them at once: a
 * burst of frees of another thread's memory, or of thousands of small
 * blocks at a time, costs glibc's malloc far more than this copy. */
static void pack(rowpipe *p, pipe_row *r)
{
    size_t extra = 0;
    for (size_t i = 0; i < p->ncols; i++)
        if (r->vals[i] && !in_arena(r, r->vals[i]))
            extra += strlen(r->vals[i]) + 1;
    if (!extra)
        return;
    if (r->arena_used + extra > r->arena_cap) {
        size_t cap = r->arena_used + extra + ROW_BUF;
        char *nb = xmalloc(cap);
        if (r->arena_used)
            memcpy(nb, r->arena, r->arena_used);
        for (size_t i = 0; i < p->ncols; i++)
            if (r->vals[i] && in_arena(r, r->vals[i]))
                r->vals[i] = nb + (r->vals[i] - r->arena);
        free(r->arena);
        r->arena = nb;
        r->arena_cap = cap;
    }
    size_t used = r->arena_used;
    for (size_t i = 0; i < p->ncols; i++) {
        char *v = r->vals[i];
        if (!v || in_arena(r, v))
            continue;
        size_t n = strlen(v) + 1;
        memcpy(r->arena + used, v, n);
        free(v);
        r->vals[i] = r->arena + used;
        used += n;
    }
    r->arena_used = used;
}

/* Forget the row's values and empty its problems. */
static void row_clear(rowpipe *p, pipe_row *r)
{
    memset(r->vals, 0, p->ncols * sizeof *r->vals);
    r->arena_used = 0;
    if (!r->arena) {
        r->arena = xmalloc(ROW_BUF);
        r->arena_cap = ROW_BUF;
    }
    for (size_t i = 0; i < r->errs.n; i++)
        free(r->errs.msg[i]);
    r->errs.n = r->errs.count = 0;
    r->apply = 0;
    r->line = r->bytes = 0;
}

/* Fill one chunk (on whichever thread produces). */
static void fill(rowpipe *p, chunk *c)
{
    c->n = 0;
    c->last = 0;
    while (c->n < CHUNK && !p->ended) {
        pipe_row *r = &c->row[c->n];
        row_clear(p, r);
        int rc = p->fn(p->ctx, r);
        pack(p, r);
        if (rc != 1) {
            p->ended = 1;
            if (rc < 0)
                c->n++; /* the row carries the read problem */
            break;
        }
        c->n++;
    }
    c->last = p->ended;
}

static void *produce(void *arg)
{
    rowpipe *p = arg;
    for (;;) {
        chunk *c = &p->ch[p->pc];
        pthread_mutex_lock(&p->mu);
        while (c->ready && !p->stop)
            pthread_cond_wait(&p->cv, &p->mu);
        int stop = p->stop;
        pthread_mutex_unlock(&p->mu);
        if (stop)
            break;
        fill(p, c);
        pthread_mutex_lock(&p->mu);
        c->ready = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (c->last)
            break;
        p->pc = (p->pc + 1) % NCHUNK;
    }
    return NULL;
}

rowpipe *rowpipe_start(size_t ncols, size_t errs_cap, pipe_produce_fn fn, void *ctx)
{
    rowpipe *p = xcalloc(1, sizeof *p);
    p->fn = fn;
    p->ctx = ctx;
    p->ncols = ncols;
    for (int i = 0; i < NCHUNK; i++)
        for (int j = 0; j < CHUNK; j++) {
            p->ch[i].row[j].vals = xcalloc(ncols ? ncols : 1, sizeof(char *));
            problems_init(&p->ch[i].row[j].errs, errs_cap);
        }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->threaded = xthread_start(&p->th, produce, p);
    return p;
}

/* Wait until the consumer's chunk is filled (or fill it ourselves). */
static chunk *wait_ready(rowpipe *p)
{
    chunk *c = &p->ch[p->cc];
    if (!p->threaded) {
        if (!c->ready) {
            fill(p, c);
            c->ready = 1;
        }
        return c;
    }
    pthread_mutex_lock(&p->mu);
    while (!c->ready)
        pthread_cond_wait(&p->cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    return c;
}

pipe_row *rowpipe_next(rowpipe *p)
{
    chunk *c = wait_ready(p);
    if (p->started)
        p->ci++;
    p->started = 1;
    while (p->ci >= c->n) {
        if (c->last)
            return NULL;
        /* give the chunk back and go on to the next one */
        if (p->threaded)
            pthread_mutex_lock(&p->mu);
        c->ready = 0;
        if (p->threaded) {
            pthread_cond_broadcast(&p->cv);
            pthread_mutex_unlock(&p->mu);
        }
        p->cc = (p->cc + 1) % NCHUNK;
        p->ci = 0;
        c = wait_ready(p);
    }
    return &c->row[p->ci];
}

const pipe_row *rowpipe_ahead(const rowpipe *p, int n)
{
    const chunk *c = &p->ch[p->cc];
    return p->ci + n < c->n ? &c->row[p->ci + n] : NULL;
}

void rowpipe_free(rowpipe **pp)
{
    rowpipe *p = *pp;
    if (!p)
        return;
    if (p->threaded) {
        pthread_mutex_lock(&p->mu);
        p->stop = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        pthread_join(p->th, NULL);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    for (int i = 0; i < NCHUNK; i++)
        for (int j = 0; j < CHUNK; j++) {
            row_clear(p, &p->ch[i].row[j]);
            free(p->ch[i].row[j].vals);
            free(p->ch[i].row[j].arena);
            problems_free(&p->ch[i].row[j].errs);
        }
    free(p);
    *pp = NULL;
}
