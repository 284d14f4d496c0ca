/* rowpipe.c - a producer thread and a ring of row chunks (see rowpipe.h).
 *
 * Rows move in chunks of CHUNK so that the threads meet once per chunk,
 * not once per row (waking a thread costs tens of microseconds on a
 * virtual machine); NCHUNK chunks bound the memory (about 2 MB). */
#include "config.h"

#include "theodoi/rowpipe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 1024
#define NCHUNK 4

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

/* Move the row's values (malloc'd by the producer) into the row's own
 * buffer and free them at once: a burst of frees of another thread's
 * memory, or of thousands of small blocks at a time, costs glibc's
 * malloc far more than this copy. */
static void pack(rowpipe *p, pipe_row *r)
{
    size_t need = 0;
    for (size_t i = 0; i < p->ncols; i++)
        need += r->vals[i] ? strlen(r->vals[i]) + 1 : 0;
    if (need > r->arena_cap) {
        r->arena_cap = need + 256;
        free(r->arena);
        r->arena = xmalloc(r->arena_cap);
    }
    char *at = r->arena;
    for (size_t i = 0; i < p->ncols; i++) {
        if (!r->vals[i])
            continue;
        size_t n = strlen(r->vals[i]) + 1;
        memcpy(at, r->vals[i], n);
        free(r->vals[i]);
        r->vals[i] = at;
        at += n;
    }
}

/* Forget the row's values and empty its problems. */
static void row_clear(rowpipe *p, pipe_row *r)
{
    memset(r->vals, 0, p->ncols * sizeof *r->vals);
    for (size_t i = 0; i < r->errs.n; i++)
        free(r->errs.msg[i]);
    r->errs.n = r->errs.count = 0;
    r->apply = 0;
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
    p->threaded = pthread_create(&p->th, NULL, produce, p) == 0;
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
