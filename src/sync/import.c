/* import.c - import CSV files of any kind, all or nothing.
 *
 * One pass per file, in kind order (units before items before checklist
 * ...), inside one write transaction: each record is validated, checked
 * against the user's role and applied with apply_row().  Any problem marks
 * the run rejected; applying goes on only to find more problems and
 * conflicts, and the transaction is rolled back at the end.
 *
 * Reading and validating (CSV, Vietnamese text, codes looked up in memory,
 * the run's conflict set) happen on a second thread through rowpipe.h;
 * this thread, which owns the connection, only writes. */
#include "config.h"

#include "theodoi/apply.h"
#include "theodoi/batches.h"
#include "theodoi/codecache.h"
#include "theodoi/codes.h"
#include "theodoi/csvio.h"
#include "theodoi/i18n.h"
#include "theodoi/rowpipe.h"
#include "theodoi/seen.h"
#include "theodoi/sha256.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"
#include "theodoi/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One input file. */
typedef struct in_file {
    const char *path;
    char sha[65];
    const kind_def *kind;
    int map[32]; /* kind column -> field index in the file */
    long rows;
    size_t idx;  /* place on the command line */
    char *spool; /* "-": standard input kept in this file */
} in_file;

/* Read the header of f, find its kind and map its columns. */
static int read_header(in_file *f, csv_in *in, problems *errs)
{
    csv_rec rec;
    int rc = csv_in_next(in, &rec);
    if (rc <= 0) {
        if (rc < 0)
            problems_add(errs, f->path, csv_in_error_line(in), NULL, "%s", csv_in_error(in));
        else
            problems_add(errs, f->path, 1, NULL, "%s", _("empty file: no header row"));
        return -1;
    }
    for (size_t i = 0; i < rec.n; i++)
        str_trim(rec.field[i]);
    /* a named column twice: say so once per name (empty names are the
     * title rows and stray cells dealt with below) */
    int twice = 0;
    for (size_t i = 0; i < rec.n; i++) {
        size_t first = 0, seen = 0;
        for (size_t j = 0; j < i; j++)
            if (strcmp(rec.field[i], rec.field[j]) == 0 && !seen++)
                first = j;
        if (seen != 1 || !rec.field[i][0])
            continue; /* not its second time, or an empty name */
        problems_add(errs, f->path, rec.line, rec.field[i],
                     _("column \"%s\" appears twice in the header (columns %zu and %zu)"),
                     rec.field[i], first + 1, i + 1);
        twice = 1;
    }
    if (twice)
        return -1;
    const kind_def *closest = NULL;
    f->kind = kind_from_header(rec.field, rec.n, &closest);
    if (!f->kind) {
        strbuf b = {0};
        if (closest) {
            for (size_t i = 0; i < rec.n; i++)
                if (kind_col_index(closest, rec.field[i]) < 0)
                    sb_addf(&b, _(" unexpected column \"%s\";"), rec.field[i]);
            for (size_t i = 0; i < closest->ncols; i++) {
                size_t j = 0;
                while (j < rec.n && strcmp(rec.field[j], closest->cols[i].name))
                    j++;
                if (j == rec.n)
                    sb_addf(&b, _(" missing column \"%s\";"), closest->cols[i].name);
            }
        }
        problems_add(errs, f->path, rec.line, "header", _("not the header of a known kind%s%s%s"),
                     closest ? _(" (closest: ") : "", closest ? closest->name : "",
                     closest ? ")" : "");
        if (b.s)
            problems_add(errs, f->path, rec.line, "header", "%s", b.s + 1);
        else if (!closest)
            problems_add(
                errs, f->path, rec.line, "header", "%s",
                _("the first row must be the column names (such as unit_code,item_code,...); remove any title rows above them"));
        sb_free(&b);
        return -1;
    }
    for (size_t i = 0; i < f->kind->ncols; i++)
        for (size_t j = 0; j < rec.n; j++)
            if (strcmp(rec.field[j], f->kind->cols[i].name) == 0)
                f->map[i] = (int)j;
    return 0;
}

typedef struct run {
    td_db *db;
    const import_opts *o;
    import_report *rep;
    code_cache *codes;
    kind_lookup lk;
    int64_t batch;
    char now[32];
    seen_set *seen;
    in_file *files; /* in the order they are imported */
    int name_keys;  /* see want_name_keys() (atomic) */
} run;

/* May this login write the row? Adds a problem when not. */
static int role_check(run *r, const in_file *f, char **vals, long line, problems *errs)
{
    const kind_def *k = f->kind;
    const char *unit = k->unit_col >= 0 ? vals[k->unit_col] : NULL;
    if (role_may_write(r->o->role, r->o->own_unit, unit, k->city_owned))
        return 0;
    problems_add(errs, f->path, line, k->unit_col >= 0 ? "unit_code" : NULL,
                 _("your login (%s) may not write this row: role %s%s%s"), r->o->login,
                 role_code(r->o->role), r->o->own_unit ? _(", unit ") : "",
                 r->o->own_unit ? r->o->own_unit : "");
    return -1;
}

/* Validate one record into canonical vals, problems into errs; 0 when it
 * is good.  Runs on the reading thread: no SQL. */
static int validate(run *r, const in_file *f, const csv_rec *rec, char **vals, problems *errs)
{
    const kind_def *k = f->kind;
    size_t before = errs->count;
    for (size_t i = 0; i < k->ncols; i++) {
        char *msg = NULL;
        const char *cell = rec->field[f->map[i]];
        if (kind_value(&k->cols[i], cell, &r->lk, &vals[i], &msg) != 0) {
            problems_add(errs, f->path, rec->line, k->cols[i].name, "%s", msg);
            free(msg);
        }
    }
    if (errs->count == before)
        kind_row_rules(k, vals, &r->lk, f->path, rec->line, errs);
    /* the task of an item must exist (tasks come from share/tasks.csv) */
    if (errs->count == before && k->id == KIND_ITEMS && vals[0] &&
        !code_cache_has(r->codes, CODE_TASK, vals[0], NULL))
        problems_add(errs, f->path, rec->line, k->cols[0].name, _("unknown task %s"), vals[0]);
    if (errs->count == before)
        role_check(r, f, vals, rec->line, errs);
    int ts = kind_ts_col(k);
    if (ts >= 0 && !vals[ts])
        vals[ts] = xstrdup(r->now);
    if (ts >= 0 && !vals[ts + 1])
        vals[ts + 1] = xstrdup(r->o->login);
    return errs->count == before ? 0 : -1;
}

/* 1 when a row of a units file lies outside the database's scope. */
static int out_of_scope(run *r, const in_file *f, char **vals)
{
    if (f->kind->id != KIND_UNITS)
        return 0;
    const char *code = vals[0], *parent = vals[3];
    if (r->o->scope_unit)
        return strcmp(code, r->o->scope_unit) != 0 &&
               !(r->o->scope_province && strcmp(code, r->o->scope_province) == 0);
    if (r->o->scope_province)
        return strcmp(code, r->o->scope_province) != 0 &&
               !(parent && strcmp(parent, r->o->scope_province) == 0);
    return 0;
}

/* Whether the reading thread should make learners' name keys: only
 * while rows are being written (a re-import writes none, and then the
 * reading thread is the slower one). */
static void want_name_keys(run *r, int yes)
{
    if (__atomic_load_n(&r->name_keys, __ATOMIC_RELAXED) != yes)
        __atomic_store_n(&r->name_keys, yes, __ATOMIC_RELAXED);
}

/* Apply a valid row and count what it did. */
static void apply_valid(run *r, const in_file *f, char **vals, long line)
{
    import_counts *c = &r->rep->by_kind[f->kind->id];
    switch (apply_row(r->db, f->kind, vals, r->batch, "import", 1)) {
    case AP_INSERTED:
        c->inserted++;
        want_name_keys(r, 1);
        break;
    case AP_UPDATED:
        c->updated++;
        want_name_keys(r, 1);
        break;
    case AP_UNCHANGED:
        c->unchanged++;
        want_name_keys(r, 0);
        break;
    case AP_STALE: {
        c->stale++;
        char *key = kind_key(f->kind, vals);
        problems_add(&r->rep->notes, f->path, line, NULL,
                     _("stale: the stored row %s is newer; this row was skipped"), key);
        free(key);
        break;
    }
    case AP_CONFLICT:
        problems_add(&r->rep->errors, f->path, line, "updated_at", "%s",
                     _("another row of this import has the same key and time but other values"));
        break;
    case AP_ERROR:
        problems_add(&r->rep->errors, f->path, line, NULL, _("database error: %s"),
                     db_error(r->db));
        break;
    }
}

/* What the reading thread needs for one file. */
typedef struct reader {
    run *r;
    in_file *f;
    csv_in *in;
    int file_no;
    int name_col;               /* learners: full_name */
    char *last_name, *last_key; /* the last name key made (name_key_of) */
} reader;

/* The name sort key of a learner row (malloc'd), on the reading thread.
 * A person's rows follow each other (one per course), so the last key
 * made is kept and copied when the name is the same: making one is about
 * 5,000 instructions, a third of the reading thread's work on a roster. */
static char *name_key_of(reader *rd, const char *name)
{
    if (rd->last_name && strcmp(rd->last_name, name) == 0)
        return xstrdup(rd->last_key);
    char *key = text_name_key(name);
    if (key) {
        free(rd->last_name);
        free(rd->last_key);
        rd->last_name = xstrdup(name);
        rd->last_key = xstrdup(key);
    }
    return key;
}

/* No two rows of the run with the same key and time but other values:
 * 1 when the row may be applied, else 0 with a problem in errs. */
static int no_twin(const reader *rd, const pipe_row *row, problems *errs)
{
    int tf;
    long tl;
    const kind_def *k = rd->f->kind;
    seen_hash h = {row->hash[0], (uint32_t)row->hash[1]};
    long line = row->line;
    if (!seen_check(rd->r->seen, h, rd->file_no, line, &tf, &tl))
        return 1;
    int ts = kind_ts_col(k) >= 0;
    if (tf >= 0)
        problems_add(
            errs, rd->f->path, line, ts ? "updated_at" : NULL,
            ts ? _("another row of this import (%s:%ld) has the same key and time but other values")
               : _("another row of this import (%s:%ld) has the same key but other values"),
            rd->r->files[tf].path, tl);
    else
        problems_add(errs, rd->f->path, line, "updated_at", "%s",
                     _("another row of this import has the same key and time but other values"));
    return 0;
}

/* Validate into the row's own buffer: no malloc per value. */
static int validate_into(run *r, const in_file *f, const csv_rec *rec, pipe_row *row)
{
    kind_value_buffer(row->arena, row->arena_cap);
    int rc = validate(r, f, rec, row->vals, &row->errs);
    row->arena_used = kind_value_buffered();
    kind_value_buffer(NULL, 0);
    return rc;
}

/* Read and check the next record (the reading thread's work). */
static int read_row(void *ctx, pipe_row *row)
{
    reader *rd = ctx;
    run *r = rd->r;
    in_file *f = rd->f;
    const kind_def *k = f->kind;
    csv_rec rec;
    int rc = csv_in_next(rd->in, &rec);
    if (rc <= 0) {
        row->line = 0;
        if (rc < 0)
            problems_add(&row->errs, f->path, csv_in_error_line(rd->in), NULL, "%s",
                         csv_in_error(rd->in));
        return rc;
    }
    row->line = rec.line;
    row->bytes = csv_in_bytes_read(rd->in);
    if (rec.n != k->ncols /* header width */)
        problems_add(&row->errs, f->path, rec.line, NULL, _("%zu fields, but the header has %zu"),
                     rec.n, k->ncols);
    else if (validate_into(r, f, &rec, row) == 0 && !out_of_scope(r, f, row->vals)) {
        seen_hash h = seen_hash_of(k, row->vals);
        row->hash[0] = h.key;
        row->hash[1] = h.vals;
        row->apply = 1;
        /* a learner's name sort key, made here rather than on the writing
         * thread (vals has a spare slot after the kind's columns) */
        if (k->id == KIND_LEARNERS && rd->name_col >= 0 && row->vals[rd->name_col] &&
            __atomic_load_n(&r->name_keys, __ATOMIC_RELAXED))
            row->vals[k->ncols] = name_key_of(rd, row->vals[rd->name_col]);
    }
    return 1;
}

/* Stream the records of one file: read and checked on the other thread,
 * written here in file order. */
static void import_file(run *r, in_file *f, csv_in *in)
{
    const kind_def *k = f->kind;
    r->rep->kinds_seen[k->id] = 1;
    if (code_cache_load(r->codes, r->db) != 0) {
        problems_add(&r->rep->errors, NULL, 0, NULL, _("database error: %s"), db_error(r->db));
        return;
    }
    reader rd = {r, f, in, (int)(f - r->files), kind_col_index(k, "full_name"), NULL, NULL};
    long size = csv_in_size(in);
    size_t cap = r->rep->errors.cap < 16 ? r->rep->errors.cap : 16;
    rowpipe *p = rowpipe_start(k->ncols + 1, cap ? cap : 1, read_row, &rd);
    pipe_row *row;
    while ((row = rowpipe_next(p))) {
        if (r->o->cancel && *r->o->cancel) {
            problems_add(&r->rep->errors, f->path, row->line, NULL, "%s",
                         _("interrupted: nothing of this import was written"));
            break;
        }
        if (row->line > 0)
            f->rows++;
        problems_move(&r->rep->errors, &row->errs);
        /* the conflict set is checked here: this thread has time to spare
         * when rows are unchanged, and the memory stays with one thread */
        const pipe_row *next = rowpipe_ahead(p, 8);
        if (next && next->apply)
            seen_prefetch(r->seen, (seen_hash){next->hash[0], (uint32_t)next->hash[1]});
        if (row->apply && no_twin(&rd, row, &r->rep->errors)) {
            if (row->vals[k->ncols])
                store_name_key_hint(row->vals[rd.name_col], row->vals[k->ncols]);
            apply_valid(r, f, row->vals, row->line);
            store_name_key_hint(NULL, NULL);
        }
        /* the values are freed by the reading thread, which made them:
         * malloc arenas stay with their thread */
        if (r->o->progress && (f->rows & 4095) == 0)
            r->o->progress(r->o->progress_ctx, row->bytes, size);
    }
    rowpipe_free(&p);
    free(rd.last_name);
    free(rd.last_key);
}

static int by_order(const void *a, const void *b)
{
    const in_file *x = a, *y = b;
    /* kind order first; files of one kind keep the user's order */
    if (x->kind->order != y->kind->order)
        return x->kind->order - y->kind->order;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Standard input ("-") is read twice, for the header and then for the
 * rows (and hashed): keep it in a temporary file first.  Its path
 * (malloc'd), or NULL with a problem added. */
static char *spool_stdin(problems *errs)
{
    const char *dir = getenv("TMPDIR");
    char *path = xasprintf("%s/theodoi-stdin.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    char buf[65536];
    size_t n;
    int ok = f != NULL;
    while (ok && (n = fread(buf, 1, sizeof buf, stdin)) > 0)
        ok = fwrite(buf, 1, n, f) == n;
    ok = ok && !ferror(stdin);
    if (f && fclose(f) != 0)
        ok = 0;
    else if (!f && fd >= 0)
        close(fd);
    if (ok)
        return path;
    problems_add(errs, "-", 0, NULL, _("cannot keep standard input: %s"), strerror(errno));
    if (fd >= 0)
        unlink(path);
    free(path);
    return NULL;
}

/* Where a file is read from: its path, or the spool of standard input. */
static const char *src_of(const in_file *f)
{
    return f->spool ? f->spool : f->path;
}

static void files_free(in_file *fs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fs[i].spool) {
            unlink(fs[i].spool);
            free(fs[i].spool);
        }
    free(fs);
}

/* Open every file and read its header; order them by kind. */
static in_file *open_all(run *r, char *const *files, size_t n)
{
    in_file *fs = xcalloc(n, sizeof *fs);
    for (size_t i = 0; i < n; i++) {
        fs[i].path = files[i];
        fs[i].idx = i;
        if (strcmp(files[i], "-") == 0 && !(fs[i].spool = spool_stdin(&r->rep->errors)))
            continue;
        char *err = NULL;
        csv_in *in = csv_in_open(src_of(&fs[i]), &err);
        if (!in) {
            problems_add(&r->rep->errors, files[i], 0, NULL, "%s", err);
            free(err);
            continue;
        }
        read_header(&fs[i], in, &r->rep->errors);
        csv_in_free(&in);
    }
    return fs;
}

/* The files' kinds must be allowed for the login's role. */
static void check_file_roles(run *r, in_file *fs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!fs[i].kind)
            continue;
        if (r->o->role == ROLE_NONE)
            problems_add(
                &r->rep->errors, fs[i].path, 1, NULL,
                _("your login (%s) has no role in this database, so it may only read; an admin can give one: theodoi user add %s --role commune --unit CODE"),
                r->o->login, r->o->login);
        else if (r->o->role == ROLE_COMMUNE && fs[i].kind->city_owned)
            problems_add(&r->rep->errors, fs[i].path, 1, NULL,
                         _("a commune login may not import %s: the city keeps them"),
                         fs[i].kind->name);
    }
}

/* Say so when a file was imported before (first among the notes). */
static void note_seen(run *r, in_file *fs, size_t n)
{
    problems seen;
    problems_init(&seen, r->rep->notes.cap);
    for (size_t i = 0; i < n; i++) {
        batch_info b;
        if (fs[i].sha[0] && store_batch_by_sha(r->db, fs[i].sha, &b) == 1) {
            problems_add(&seen, fs[i].path, 0, NULL,
                         _("this file was imported before (batch %lld, %s, by %s)"),
                         (long long)b.id, b.at, b.login);
            free(b.files);
        }
    }
    problems_move(&seen, &r->rep->notes);
    problems_free(&r->rep->notes);
    r->rep->notes = seen;
}

/* About how many rows the files hold (a row of the roster is about 100
 * bytes), to size the conflict set once. */
static long expected_rows(const in_file *fs, size_t n)
{
    long bytes = 0;
    struct stat st;
    for (size_t i = 0; i < n; i++)
        if (fs[i].kind && stat(src_of(&fs[i]), &st) == 0)
            bytes += (long)st.st_size;
    return bytes / 100;
}

/* Hash the files on another thread while they are imported. */
static sha256_job *hash_files(in_file *fs, size_t n, const char ***paths, char ***hex)
{
    *paths = xcalloc(n ? n : 1, sizeof **paths);
    *hex = xcalloc(n ? n : 1, sizeof **hex);
    for (size_t i = 0; i < n; i++) {
        (*paths)[i] = fs[i].kind ? src_of(&fs[i]) : NULL;
        (*hex)[i] = fs[i].sha;
    }
    return sha256_start(*paths, *hex, n);
}

/* Join the files' names and digests for the batch record. */
static void batch_files(run *r, in_file *fs, size_t n)
{
    strbuf names = {0}, shas = {0};
    long ins = 0, upd = 0, same = 0, stale = 0;
    for (size_t i = 0; i < n; i++) {
        sb_addf(&names, "%s%s", i ? " " : "", fs[i].path);
        sb_addf(&shas, "%s%s", i ? " " : "", fs[i].sha);
        store_batch_file(r->db, r->batch, fs[i].path, fs[i].sha, fs[i].kind->name, fs[i].rows);
    }
    for (int k = 0; k < KIND__COUNT; k++) {
        ins += r->rep->by_kind[k].inserted;
        upd += r->rep->by_kind[k].updated;
        same += r->rep->by_kind[k].unchanged;
        stale += r->rep->by_kind[k].stale;
    }
    store_batch_finish(r->db, r->batch, names.s ? names.s : "", shas.s ? shas.s : "", ins, upd,
                       same, stale);
    sb_free(&names);
    sb_free(&shas);
}

/* Import every file inside the open transaction. */
static void import_all(run *r, in_file *fs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *err = NULL;
        csv_in *in = csv_in_open(src_of(&fs[i]), &err);
        if (!in) {
            problems_add(&r->rep->errors, fs[i].path, 0, NULL, "%s", err);
            free(err);
            continue;
        }
        csv_rec rec;
        csv_in_next(in, &rec); /* the header, read before */
        import_file(r, &fs[i], in);
        csv_in_free(&in);
    }
    if (apply_derive(r->db, r->batch, "import", r->o->login) != TD_OK)
        problems_add(&r->rep->errors, NULL, 0, NULL, _("database error: %s"), db_error(r->db));
}

int sync_import(td_db *db, char *const *files, size_t nfiles, const import_opts *opts,
                import_report *rep)
{
    memset(rep, 0, sizeof *rep);
    problems_init(&rep->errors, opts->max_problems ? opts->max_problems : 50);
    problems_init(&rep->notes, opts->max_problems ? opts->max_problems : 50);
    run r = {.db = db, .o = opts, .rep = rep, .name_keys = 1};
    r.lk = code_cache_lookup(NULL, day_today(), ts_now());
    ts_format(r.lk.now, r.now);
    in_file *fs = open_all(&r, files, nfiles);
    check_file_roles(&r, fs, nfiles);
    if (rep->errors.count) {
        files_free(fs, nfiles);
        return TD_EINPUT;
    }
    qsort(fs, nfiles, sizeof *fs, by_order);
    r.files = fs;
    if (db_begin(db) != TD_OK) {
        files_free(fs, nfiles);
        return TD_EDB;
    }
    if ((r.batch = store_batch_new(db, opts->login, r.now)) < 0) {
        db_rollback(db);
        files_free(fs, nfiles);
        return TD_EDB;
    }
    r.seen = seen_new(expected_rows(fs, nfiles));
    r.codes = code_cache_new();
    r.lk.ctx = r.codes;
    const char **paths;
    char **hex;
    sha256_job *job = hash_files(fs, nfiles, &paths, &hex);
    db_writeback *wb = opts->dry_run ? NULL : db_writeback_start(db);
    import_all(&r, fs, nfiles);
    sha256_wait(&job);
    free(paths);
    free(hex);
    note_seen(&r, fs, nfiles);
    seen_free(&r.seen);
    code_cache_free(&r.codes);
    if (!rep->errors.count && !opts->dry_run)
        batch_files(&r, fs, nfiles);
    files_free(fs, nfiles);
    long changed = 0;
    for (int k = 0; k < KIND__COUNT; k++)
        changed += rep->by_kind[k].inserted + rep->by_kind[k].updated;
    /* a run that changes nothing leaves no batch behind either */
    if (rep->errors.count || opts->dry_run || changed == 0) {
        db_writeback_stop(&wb);
        apply_forget();
        db_rollback(db);
        return rep->errors.count ? TD_EINPUT : TD_OK;
    }
    rep->batch = r.batch;
    int rc = db_commit(db); /* with the checkpoint: writeback still helps */
    db_writeback_stop(&wb);
    return rc;
}

void import_report_free(import_report *r)
{
    problems_free(&r->errors);
    problems_free(&r->notes);
}
