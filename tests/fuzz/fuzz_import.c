/* fuzz_import.c - sync_import() of any rows; export, re-import and undo.
 *
 * A database of Hai Phong (province 31) is made once in memory: the
 * tasks, groups, units, items, courses and holidays from share/, and a
 * few rows of each commune kind.  Each input then becomes one CSV file:
 *   byte 0, low nibble % 9: the kind whose header is put first (units,
 *          items, courses, holidays, checklist, training, targets,
 *          learners), or 8: no header (the bytes are the whole file);
 *   bits 4-5: the role importing (admin, city, commune 10507, none);
 *   bit 6: header columns in reverse order, separated by ';';
 *   bit 7: import for real (as admin), else a dry run;
 *   the rest: the rows.
 * Any import must never hit a database error (validation must catch bad
 * rows first), and every message must name the file.  A dry run must
 * write nothing and leave no transaction open.  An import for real that
 * succeeds must export rows that import again as unchanged, and its undo
 * (or, when nothing changed, nothing at all) must give back exactly the
 * exports of before; then the database is restored from its template for
 * the next input.
 */
#include "config.h"

#include "fuzz.h"
#include "theodoi/csvio.h"
#include "theodoi/db.h"
#include "theodoi/kinds.h"
#include "theodoi/paths.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"
#include "theodoi/users.h"
#include "theodoi/util.h"

static td_db *db, *tmpl;               /* the database used, and its state to restore */
static char *tmpl_export[KIND__COUNT]; /* the exports of that state */
static char *csv_path, *exp_path;

static const kind_id file_kinds[8] = {KIND_UNITS,     KIND_ITEMS,    KIND_COURSES, KIND_HOLIDAYS,
                                      KIND_CHECKLIST, KIND_TRAINING, KIND_TARGETS, KIND_LEARNERS};

/* Rows already in the database, so that updates, unchanged and stale
 * rows happen too. */
static const char *const sample[] = {
    "unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by\n"
    "10507,NV1.1,,done,2025-08-20,,https://x.vn/a,ghi chú,2025-08-20T09:00:00+07:00,fuzz\n"
    "10507,NV2.2,2025,doing,,3,,,2025-08-21T09:00:00+07:00,fuzz\n",
    "unit_code,period,group_code,course_code,population,registered,completed,confirmed,"
    "updated_at,updated_by\n"
    "10507,2025-08,nguoi_dan,KNS-CB,1000,300,200,100,2025-08-31T17:00:00+07:00,fuzz\n"
    "10525,2025-09,hssv,DVC,500,120,60,30,2025-09-10T17:00:00+07:00,fuzz\n",
    "period,group_code,course_code,target_pct\n2025,nguoi_dan,KNS-CB,80\n2025,hssv,DVC,62.5\n",
    "unit_code,learner_id,full_name,birth_year,gender,group_code,village,course_code,status,"
    "updated_at,updated_by\n"
    "10507,HD-001,Nguyễn Văn An,1980,nam,nguoi_dan,Thôn 1,KNS-CB,learning,"
    "2025-09-01T08:00:00+07:00,fuzz\n"
    "10507,HD-002,Trần Thị Bình,1995,nu,cbccvc,,DVC,confirmed,2025-09-02T08:00:00+07:00,fuzz\n",
};

/* See fuzz_known_bug(): signs in a message. */
static const char *const known_messages[] = {
    NULL, /* none at the moment */
};

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "fuzz_import: %s: %s\n", what, msg ? msg : "");
    abort();
}

/* Load a two-column reference file of share/ with put(). */
static void load_ref(const char *name, int (*put)(td_db *, const char *, const char *, int))
{
    char *path = td_share_path(name), *err = NULL;
    csv_in *in = csv_in_open(path, &err);
    if (!in)
        die(path, err);
    csv_rec rec;
    int ord = 0;
    csv_in_next(in, &rec); /* header */
    while (csv_in_next(in, &rec) > 0)
        if (rec.n >= 2 && put(db, rec.field[0], rec.field[1], ord++) != TD_OK)
            die(name, db_error(db));
    csv_in_free(&in);
    free(path);
}

/* Import files for real, as the admin; dies on any problem. */
static void import_real(char **files, size_t n)
{
    import_opts o = {
        .role = ROLE_ADMIN, .login = "fuzz", .max_problems = 5, .scope_province = "31"};
    import_report rep;
    if (sync_import(db, files, n, &o, &rep) != TD_OK)
        die(files[0], rep.errors.n ? rep.errors.msg[0] : "import failed");
    import_report_free(&rep);
}

static void export_all(char *out[KIND__COUNT]);

/* Copy the whole database from into to (SQLite's online backup; the
 * cached statements of to must not be running). */
static void copy_db(td_db *to, td_db *from)
{
    for (sqlite3_stmt *st = sqlite3_next_stmt(db_handle(to), NULL); st;
         st = sqlite3_next_stmt(db_handle(to), st))
        sqlite3_reset(st);
    sqlite3_backup *b = sqlite3_backup_init(db_handle(to), "main", db_handle(from), "main");
    if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK)
        die("backup", db_error(to));
}

/* The database as in `theodoi init --province 31`, plus the samples. */
static void setup(void)
{
    char *err = NULL;
    if (db_open(":memory:", DB_OPEN_CREATE, &db, &err) != TD_OK)
        die("db_open", err);
    if (db_begin(db) != TD_OK)
        die("begin", db_error(db));
    load_ref("tasks.csv", store_task_put);
    load_ref("groups.csv", store_group_put);
    if (store_user_put(db, "fuzz", ROLE_ADMIN, NULL, "fuzz") != TD_OK ||
        store_meta_set(db, "scope_province", "31") != TD_OK || db_commit(db) != TD_OK)
        die("setup", db_error(db));
    static const char *const ref[] = {"units-2025.csv", "items.csv", "courses.csv", "holidays.csv"};
    char *paths[4];
    for (int i = 0; i < 4; i++)
        paths[i] = td_share_path(ref[i]);
    import_real(paths, 4);
    for (int i = 0; i < 4; i++)
        free(paths[i]);
    for (size_t i = 0; i < sizeof sample / sizeof sample[0]; i++) {
        fuzz_write_file(csv_path, sample[i], strlen(sample[i]));
        import_real(&csv_path, 1);
    }
    if (db_open(":memory:", DB_OPEN_CREATE, &tmpl, &err) != TD_OK)
        die("db_open", err);
    copy_db(tmpl, db);
    export_all(tmpl_export);
}

/* A number that changes whenever anything is written. */
static long long fingerprint(void)
{
    static const char *const sql =
        "SELECT (SELECT count(*) FROM audit) + (SELECT count(*) FROM batches) * 1000003"
        " + (SELECT count(*) FROM learners) * 7919 + (SELECT count(*) FROM training) * 104729"
        " + (SELECT count(*) FROM checklist) * 15485863 + (SELECT count(*) FROM units) * 3"
        " + (SELECT coalesce(sum(length(name)), 0) FROM units)";
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st || sqlite3_step(st) != SQLITE_ROW)
        die("fingerprint", db_error(db));
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("THEODOI_TODAY", "2025-09-15", 1);
    setenv("THEODOI_NOW", "2025-09-15T10:00:00+07:00", 1);
    if (!getenv("THEODOI_SHARE"))
        setenv("THEODOI_SHARE", ABS_SRCDIR "/share", 1);
    csv_path = fuzz_tmp_path("import.csv");
    exp_path = fuzz_tmp_path("export.csv");
    setup();
    return 0;
}

/* The file of the input: the header of the kind chosen, then the rows. */
static void write_input(const uint8_t *data, size_t size)
{
    unsigned sel = data[0] & 15;
    strbuf b = {0};
    if (sel % 9 < 8) {
        const kind_def *k = kind_get(file_kinds[sel % 9]);
        for (size_t i = 0; i < k->ncols; i++) {
            size_t c = (data[0] & 64) ? k->ncols - 1 - i : i;
            sb_addf(&b, "%s%s", i ? ((data[0] & 64) ? ";" : ",") : "", k->cols[c].name);
        }
        sb_add(&b, "\n");
    }
    sb_addn(&b, (const char *)data + 1, size - 1);
    fuzz_write_file(csv_path, b.s ? b.s : "", b.len);
    sb_free(&b);
}

/* A message names the file ("FILE:LINE: ..." or "FILE: ...") and is no
 * database error ("FILE:LINE: database error: ...", without a column). */
static void check_message(const char *m)
{
    size_t n = strlen(csv_path);
    if (strncmp(m, csv_path, n) != 0 || m[n] != ':')
        die("message without the file", m);
    m += n + 1;
    m += strspn(m, "0123456789");
    if (strncmp(m, ": database error", 16) == 0)
        die("database error", m);
}

/* The exports of every kind, each a malloc'd string. */
static void export_all(char *out[KIND__COUNT])
{
    for (int k = 0; k < KIND__COUNT; k++) {
        size_t len;
        char *err = NULL;
        FILE *f = open_memstream(&out[k], &len);
        if (!f)
            die("open_memstream", NULL);
        if (sync_export(db, kind_get((kind_id)k), NULL, NULL, f, &err) != TD_OK)
            die("export", err);
        fclose(f);
    }
}

/* The checks of one import's report; 1 when it shows a known bug. */
static int check_report(int rc, const import_report *rep)
{
    for (size_t i = 0; i < rep->errors.n; i++)
        if (fuzz_known_bug(known_messages, rep->errors.msg[i]))
            return 1;
    for (size_t i = 0; i < rep->errors.n; i++)
        check_message(rep->errors.msg[i]);
    FUZZ_CHECK(rc == TD_OK || rc == TD_EINPUT);
    FUZZ_CHECK((rc == TD_OK) == (rep->errors.count == 0));
    FUZZ_CHECK(!db_in_tx(db));
    return 0;
}

/* A dry run writes nothing. */
static void dry_run(const import_opts *o)
{
    import_report rep;
    long long before = fingerprint();
    int rc = sync_import(db, &csv_path, 1, o, &rep);
    if (!check_report(rc, &rep)) {
        FUZZ_CHECK(rep.batch == 0);
        FUZZ_CHECK(fingerprint() == before);
    }
    import_report_free(&rep);
}

/* What was imported exports as rows that import again as unchanged. */
static void reimport(kind_id k)
{
    FILE *f = fopen(exp_path, "wb");
    char *err = NULL, *file = exp_path;
    if (!f || sync_export(db, kind_get(k), NULL, NULL, f, &err) != TD_OK || fclose(f) != 0)
        die("export", err);
    import_opts o = {.dry_run = 1,
                     .role = ROLE_ADMIN,
                     .login = "fuzz",
                     .max_problems = 5,
                     .scope_province = "31"};
    import_report rep;
    int rc = sync_import(db, &file, 1, &o, &rep);
    if (rc != TD_OK)
        fprintf(stderr, "re-import of %s: %s\n", kind_get(k)->name,
                rep.errors.n ? rep.errors.msg[0] : "");
    FUZZ_CHECK(rc == TD_OK);
    const import_counts *c = &rep.by_kind[k];
    FUZZ_CHECK(c->inserted == 0 && c->updated == 0 && c->stale == 0);
    import_report_free(&rep);
}

/* Import for real; re-import the exports; undo gives back the exports of
 * before.  Then the database is restored for the next input. */
static void for_real(void)
{
    import_opts o = {
        .role = ROLE_ADMIN, .login = "fuzz", .max_problems = 5, .scope_province = "31"};
    import_report rep;
    int rc = sync_import(db, &csv_path, 1, &o, &rep);
    if (!check_report(rc, &rep) && rc == TD_OK) {
        long changed = 0;
        for (int k = 0; k < KIND__COUNT; k++)
            changed += rep.by_kind[k].inserted + rep.by_kind[k].updated;
        FUZZ_CHECK((rep.batch > 0) == (changed > 0)); /* no change, no batch */
        for (int k = 0; k < KIND__COUNT; k++)
            if (rep.kinds_seen[k])
                reimport((kind_id)k);
        if (rep.batch > 0) {
            problems p;
            problems_init(&p, 5);
            if (sync_undo(db, rep.batch, "fuzz", &p) != TD_OK)
                die("undo", p.n ? p.msg[0] : db_error(db));
            problems_free(&p);
        }
        char *after[KIND__COUNT];
        export_all(after);
        for (int k = 0; k < KIND__COUNT; k++) {
            if (strcmp(tmpl_export[k], after[k]) != 0)
                fprintf(stderr, "undo did not give back the %s:\n%s\n---\n%s\n",
                        kind_get((kind_id)k)->name, tmpl_export[k], after[k]);
            FUZZ_CHECK(strcmp(tmpl_export[k], after[k]) == 0);
            free(after[k]);
        }
    }
    import_report_free(&rep);
    copy_db(db, tmpl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const role_kind roles[4] = {ROLE_ADMIN, ROLE_CITY, ROLE_COMMUNE, ROLE_NONE};
    if (size == 0)
        return 0;
    write_input(data, size);
    role_kind role = roles[(data[0] >> 4) & 3];
    if ((data[0] & 128) && role == ROLE_ADMIN) {
        for_real();
        return 0;
    }
    import_opts o = {.dry_run = 1,
                     .role = role,
                     .login = "fuzz",
                     .max_problems = 5,
                     .own_unit = role == ROLE_COMMUNE ? "10507" : NULL,
                     .scope_province = "31"};
    dry_run(&o);
    return 0;
}
