/* writeback.c - start writing a big transaction's files to disk while it
 * is still being made.
 *
 * A big import writes the WAL as the page cache spills, then COMMIT
 * checkpoints: it syncs the WAL, copies it into the database file and
 * syncs that.  The kernel holds every written page in memory until a
 * sync asks for it, so both syncs waited for hundreds of megabytes (a
 * third of a million-row import's time went by with the CPU idle).  A
 * thread asks the kernel every WB_PERIOD_MS to start writing what is
 * dirty in both files (sync_file_range, which does not wait), so the
 * disk works while the import computes and the syncs find little left.
 * Durability is SQLite's as before: only its own syncs promise anything. */
#include "config.h"

#include "theodoi/db.h"
#include "theodoi/util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WB_PERIOD_MS 100

struct db_writeback {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop, running;
    char *path[2]; /* the database file and its WAL */
};

/* Ask the kernel to start writing the dirty pages of path (opened each
 * time: the WAL appears only once the transaction spills). */
static void start_writing(const char *path)
{
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    close(fd);
#else
    (void)path;
#endif
}

static void *writeback_loop(void *arg)
{
    db_writeback *w = arg;
    pthread_mutex_lock(&w->mu);
    while (!w->stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += WB_PERIOD_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        if (pthread_cond_timedwait(&w->cv, &w->mu, &until) == ETIMEDOUT && !w->stop) {
            pthread_mutex_unlock(&w->mu);
            start_writing(w->path[1]);
            start_writing(w->path[0]);
            pthread_mutex_lock(&w->mu);
        }
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

db_writeback *db_writeback_start(td_db *db)
{
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
    const char *file = sqlite3_db_filename(db_handle(db), "main");
    if (!file || !*file)
        return NULL; /* a database in memory */
    db_writeback *w = xcalloc(1, sizeof *w);
    w->path[0] = xstrdup(file);
    w->path[1] = xasprintf("%s-wal", file);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (!xthread_start(&w->th, writeback_loop, w)) {
        db_writeback_stop(&w);
        return NULL;
    }
    w->running = 1;
    return w;
#else
    (void)db;
    return NULL;
#endif
}

void db_writeback_stop(db_writeback **pw)
{
    db_writeback *w = *pw;
    if (!w)
        return;
    if (w->running) {
        pthread_mutex_lock(&w->mu);
        w->stop = 1;
        pthread_cond_signal(&w->cv);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->th, NULL);
    }
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    free(w->path[0]);
    free(w->path[1]);
    free(w);
    *pw = NULL;
}
