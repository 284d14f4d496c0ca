/* sync-fixture.c - the fixture of test_sync.c and test_undo.c (see
 * sync-fixture.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "theodoi/apply.h"
#include "theodoi/batches.h"
#include "theodoi/codes.h"
#include "theodoi/db.h"
#include "theodoi/init.h"
#include "theodoi/kinds.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"
#include "theodoi/util.h"

#include "sync-fixture.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char tmpdir[256];
td_db *db;
static int ndb;

int suite_init(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/test_sync.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("THEODOI_SHARE", ABS_SRCDIR "/share", 1);
    setenv("THEODOI_TODAY", "2026-11-22", 1);
    setenv("THEODOI_NOW", "2026-11-22T10:00:00+07:00", 1);
    setenv("THEODOI_LANG", "en", 1);
    return 0;
}

int suite_clean(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A fresh database for each test. */
void setup(void)
{
    char path[300], *err = NULL;
    snprintf(path, sizeof path, "%s/t%d.db", tmpdir, ++ndb);
    db = NULL;
    if (db_open(path, DB_OPEN_CREATE, &db, &err) != TD_OK) {
        fprintf(stderr, "db_open: %s\n", err ? err : "?");
        free(err);
        return;
    }
    if (init_load(db, "31", NULL, 1) != TD_OK)
        db_close(&db);
}

void teardown(void)
{
    db_close(&db);
}

/* Write a file in the scratch directory; the path (static buffer ring). */
const char *file(const char *name, const char *text)
{
    static char paths[8][300];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 300, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return p;
}

import_report rep;
int rep_live;

/* Import files as role (own unit for a commune); the report stays in rep. */
int import_as(role_kind role, const char *unit, int dry, const char *f1, const char *f2,
              const char *f3)
{
    char *files[3];
    size_t n = 0;
    if (f1)
        files[n++] = (char *)f1;
    if (f2)
        files[n++] = (char *)f2;
    if (f3)
        files[n++] = (char *)f3;
    if (rep_live)
        import_report_free(&rep);
    import_opts o = {.dry_run = dry,
                     .role = role,
                     .own_unit = unit,
                     .login = "tester",
                     .max_problems = 50,
                     .scope_province = "31"};
    rep_live = 1;
    return sync_import(db, files, n, &o, &rep);
}

int import1(const char *f)
{
    return import_as(ROLE_ADMIN, NULL, 0, f, NULL, NULL);
}

/* 1 when a message of the list starts with want (or holds it, for "*..."). */
int has(const problems *p, const char *want)
{
    for (size_t i = 0; i < p->n; i++)
        if (want[0] == '*' ? strstr(p->msg[i], want + 1) != NULL
                           : strncmp(p->msg[i], want, strlen(want)) == 0)
            return 1;
    fprintf(stderr, "\n  no message \"%s\" among %zu:\n", want, p->n);
    for (size_t i = 0; i < p->n; i++)
        fprintf(stderr, "    %s\n", p->msg[i]);
    return 0;
}

/* "FILE:LINE: rest" for a file of the scratch directory. */
const char *at(const char *name, const char *rest)
{
    static char buf[4][600];
    static int next;
    char *b = buf[next++ % 4];
    snprintf(b, 600, "%s/%s:%s", tmpdir, name, rest);
    return b;
}

/* The export of one kind as a string (malloc'd). */
char *export_kind(kind_id id, const char *unit, const char *period)
{
    char *s = NULL, *err = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    int rc = sync_export(db, kind_get(id), unit, period, f, &err);
    fclose(f);
    CU_ASSERT_EQUAL(rc, TD_OK);
    free(err);
    return s;
}

/* Every export of the database, one after the other (malloc'd). */
char *export_all(void)
{
    strbuf b = {0};
    for (int k = 0; k < KIND__COUNT; k++) {
        char *s = export_kind((kind_id)k, NULL, NULL);
        sb_add(&b, s);
        free(s);
    }
    return b.s;
}

static int count_batches_fn(void *ctx, const batch_info *b)
{
    (void)b;
    ++*(int *)ctx;
    return 0;
}

int count_batches(void)
{
    int n = 0;
    store_batches_each(db, count_batches_fn, &n);
    return n;
}
