/* import.c - import CSV files of any kind, all or nothing.
 *
 * One pass per file, in kind order (units before items before checklist
 * ...), inside one write transaction: each record is validated, checked
 * against the user's role and applied with apply_row().  Any problem marks
 * the run rejected; applying goes on only to find more problems and
 * conflicts, and the transaction is rolled back at the end. */
#include "config.h"

#include "theodoi/apply.h"
#include "theodoi/batches.h"
#include "theodoi/codes.h"
#include "theodoi/csvio.h"
#include "theodoi/i18n.h"
#include "theodoi/sha256.h"
#include "theodoi/store.h"
#include "theodoi/sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Look-ups with a one-entry memory per code kind: a file mostly repeats
 * the same unit, group and course row after row. */
typedef struct lookup_cache {
    td_db *db;
    char last[4][48];
    int last_hit[4], last_yearly;
} lookup_cache;

static int cached(lookup_cache *c, code_kind what, const char *code, int *yearly)
{
    int y = 0;
    if (strlen(code) >= sizeof c->last[what]) { /* too long to remember */
        int hit = store_code_exists(c->db, what, code, &y) == 1;
        if (yearly)
            *yearly = y;
        return hit;
    }
    if (strcmp(c->last[what], code) == 0 && c->last[what][0]) {
        if (yearly)
            *yearly = c->last_yearly;
        return c->last_hit[what];
    }
    int hit = store_code_exists(c->db, what, code, &y) == 1;
    snprintf(c->last[what], sizeof c->last[what], "%s", code);
    c->last_hit[what] = hit;
    if (what == CODE_ITEM)
        c->last_yearly = y;
    if (yearly)
        *yearly = y;
    return hit;
}

static int lk_unit(void *ctx, const char *c)
{
    return cached(ctx, CODE_UNIT, c, NULL);
}
static int lk_item(void *ctx, const char *c, int *y)
{
    return cached(ctx, CODE_ITEM, c, y);
}
static int lk_group(void *ctx, const char *c)
{
    return cached(ctx, CODE_GROUP, c, NULL);
}
static int lk_course(void *ctx, const char *c)
{
    return cached(ctx, CODE_COURSE, c, NULL);
}

/* Forget cached look-ups (after a file that may add codes). */
static void cache_clear(lookup_cache *c)
{
    memset(c->last, 0, sizeof c->last);
}

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

/* Rows of this run by key and updated_at (hashes only, so that a big
 * file costs little memory): two rows with the same key and time but
 * other values are a conflict, whatever the database holds and in
 * whichever files of the run they are.  Kinds without updated_at count
 * as one time: two rows of a key with other values conflict. */
typedef struct seen_row {
    uint64_t key;  /* kind, key columns, updated_at; 0 = free */
    uint64_t vals; /* the values but updated_at and updated_by */
    const char *file;
    long line;
} seen_row;

typedef struct seen_set {
    seen_row *slot;
    size_t cap, n;
} seen_set;

/* FNV-1a over s and a separator; NULL hashes as "" (as kind_same_values
 * compares them). */
static uint64_t hash_add(uint64_t h, const char *s)
{
    for (s = s ? s : ""; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ 0x1f) * 1099511628211ULL;
}

static void seen_grow(seen_set *set)
{
    size_t cap = set->cap ? set->cap * 2 : 1024;
    seen_row *old = set->slot;
    size_t oldcap = set->cap;
    set->slot = xcalloc(cap, sizeof *set->slot);
    set->cap = cap;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].key)
            continue;
        size_t j = old[i].key % cap;
        while (set->slot[j].key)
            j = (j + 1) % cap;
        set->slot[j] = old[i];
    }
    free(old);
}

/* Remember the row; return the earlier row of the run that conflicts with
 * it (same key and time, other values), or NULL. */
static const seen_row *seen_check(seen_set *set, const kind_def *k, char **vals, const char *file,
                                  long line)
{
    uint64_t key = hash_add(14695981039346656037ULL, k->name);
    uint64_t v = 14695981039346656037ULL;
    int ts = kind_ts_col(k);
    for (size_t i = 0; i < k->ncols; i++) {
        if (k->cols[i].flags & COL_KEY)
            key = hash_add(key, vals[i]);
        if (!(k->cols[i].flags & COL_META))
            v = hash_add(v, vals[i]);
    }
    key = hash_add(key, ts >= 0 ? vals[ts] : "");
    if (!key)
        key = 1;
    if ((set->n + 1) * 2 > set->cap)
        seen_grow(set);
    size_t j = key % set->cap;
    while (set->slot[j].key && set->slot[j].key != key)
        j = (j + 1) % set->cap;
    if (set->slot[j].key)
        return set->slot[j].vals == v ? NULL : &set->slot[j];
    set->slot[j] = (seen_row){key, v, file, line};
    set->n++;
    return NULL;
}

typedef struct run {
    td_db *db;
    const import_opts *o;
    import_report *rep;
    lookup_cache cache;
    kind_lookup lk;
    int64_t batch;
    char now[32];
    seen_set seen;
} run;

/* May this login write the row? Adds a problem when not. */
static int role_check(run *r, const in_file *f, char **vals, long line)
{
    const kind_def *k = f->kind;
    const char *unit = k->unit_col >= 0 ? vals[k->unit_col] : NULL;
    if (role_may_write(r->o->role, r->o->own_unit, unit, k->city_owned))
        return 0;
    problems_add(&r->rep->errors, f->path, line, k->unit_col >= 0 ? "unit_code" : NULL,
                 _("your login (%s) may not write this row: role %s%s%s"), r->o->login,
                 role_code(r->o->role), r->o->own_unit ? _(", unit ") : "",
                 r->o->own_unit ? r->o->own_unit : "");
    return -1;
}

/* Validate one record into canonical vals; 0 when it is good. */
static int validate(run *r, const in_file *f, const csv_rec *rec, char **vals)
{
    const kind_def *k = f->kind;
    size_t before = r->rep->errors.count;
    for (size_t i = 0; i < k->ncols; i++) {
        char *msg = NULL;
        const char *cell = rec->field[f->map[i]];
        if (kind_value(&k->cols[i], cell, &r->lk, &vals[i], &msg) != 0) {
            problems_add(&r->rep->errors, f->path, rec->line, k->cols[i].name, "%s", msg);
            free(msg);
        }
    }
    if (r->rep->errors.count == before)
        kind_row_rules(k, vals, &r->lk, f->path, rec->line, &r->rep->errors);
    /* the task of an item must exist (tasks come from share/tasks.csv) */
    if (r->rep->errors.count == before && k->id == KIND_ITEMS && vals[0] &&
        store_code_exists(r->db, CODE_TASK, vals[0], NULL) == 0)
        problems_add(&r->rep->errors, f->path, rec->line, k->cols[0].name, _("unknown task %s"),
                     vals[0]);
    if (r->rep->errors.count == before)
        role_check(r, f, vals, rec->line);
    int ts = kind_ts_col(k);
    if (ts >= 0 && !vals[ts])
        vals[ts] = xstrdup(r->now);
    if (ts >= 0 && !vals[ts + 1])
        vals[ts + 1] = xstrdup(r->o->login);
    return r->rep->errors.count == before ? 0 : -1;
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

/* Apply a valid row and count what it did. */
static void apply_valid(run *r, const in_file *f, char **vals, long line)
{
    import_counts *c = &r->rep->by_kind[f->kind->id];
    const seen_row *twin = seen_check(&r->seen, f->kind, vals, f->path, line);
    if (twin) {
        problems_add(
            &r->rep->errors, f->path, line, kind_ts_col(f->kind) >= 0 ? "updated_at" : NULL,
            kind_ts_col(f->kind) >= 0
                ? _("another row of this import (%s:%ld) has the same key and time but other values")
                : _("another row of this import (%s:%ld) has the same key but other values"),
            twin->file, twin->line);
        return;
    }
    switch (apply_row(r->db, f->kind, vals, r->batch, "import", 1)) {
    case AP_INSERTED:
        c->inserted++;
        break;
    case AP_UPDATED:
        c->updated++;
        break;
    case AP_UNCHANGED:
        c->unchanged++;
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

/* Stream the records of one file. */
static void import_file(run *r, in_file *f, csv_in *in)
{
    const kind_def *k = f->kind;
    char **vals = xcalloc(k->ncols, sizeof *vals);
    r->rep->kinds_seen[k->id] = 1;
    csv_rec rec;
    int rc;
    while ((rc = csv_in_next(in, &rec)) > 0) {
        if (r->o->cancel && *r->o->cancel) {
            problems_add(&r->rep->errors, f->path, rec.line, NULL, "%s",
                         _("interrupted: nothing of this import was written"));
            break;
        }
        f->rows++;
        if (rec.n != k->ncols /* header width */) {
            problems_add(&r->rep->errors, f->path, rec.line, NULL,
                         _("%zu fields, but the header has %zu"), rec.n, k->ncols);
            continue;
        }
        if (validate(r, f, &rec, vals) == 0 && !out_of_scope(r, f, vals))
            apply_valid(r, f, vals, rec.line);
        store_vals_free(k, vals);
        if (r->o->progress && (f->rows & 4095) == 0)
            r->o->progress(r->o->progress_ctx, csv_in_bytes_read(in), csv_in_size(in));
    }
    if (rc < 0)
        problems_add(&r->rep->errors, f->path, csv_in_error_line(in), NULL, "%s", csv_in_error(in));
    free(vals);
    if (k->id == KIND_UNITS || k->id == KIND_ITEMS || k->id == KIND_COURSES)
        cache_clear(&r->cache);
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
        if (read_header(&fs[i], in, &r->rep->errors) == 0 &&
            sha256_file(src_of(&fs[i]), fs[i].sha) != 0)
            fs[i].sha[0] = '\0';
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

/* Say so when a file was imported before. */
static void note_seen(run *r, in_file *fs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        batch_info b;
        if (fs[i].sha[0] && store_batch_by_sha(r->db, fs[i].sha, &b) == 1) {
            problems_add(&r->rep->notes, fs[i].path, 0, NULL,
                         _("this file was imported before (batch %lld, %s, by %s)"),
                         (long long)b.id, b.at, b.login);
            free(b.files);
        }
    }
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
    run r = {.db = db, .o = opts, .rep = rep};
    r.cache.db = db;
    r.lk = (kind_lookup){&r.cache, lk_unit, lk_item, lk_group, lk_course, day_today(), ts_now()};
    ts_format(r.lk.now, r.now);
    in_file *fs = open_all(&r, files, nfiles);
    check_file_roles(&r, fs, nfiles);
    if (rep->errors.count) {
        files_free(fs, nfiles);
        return TD_EINPUT;
    }
    qsort(fs, nfiles, sizeof *fs, by_order);
    if (db_begin(db) != TD_OK) {
        files_free(fs, nfiles);
        return TD_EDB;
    }
    note_seen(&r, fs, nfiles);
    if ((r.batch = store_batch_new(db, opts->login, r.now)) < 0) {
        db_rollback(db);
        files_free(fs, nfiles);
        return TD_EDB;
    }
    import_all(&r, fs, nfiles);
    free(r.seen.slot);
    if (!rep->errors.count && !opts->dry_run)
        batch_files(&r, fs, nfiles);
    files_free(fs, nfiles);
    long changed = 0;
    for (int k = 0; k < KIND__COUNT; k++)
        changed += rep->by_kind[k].inserted + rep->by_kind[k].updated;
    /* a run that changes nothing leaves no batch behind either */
    if (rep->errors.count || opts->dry_run || changed == 0) {
        apply_forget();
        db_rollback(db);
        return rep->errors.count ? TD_EINPUT : TD_OK;
    }
    rep->batch = r.batch;
    return db_commit(db);
}

void import_report_free(import_report *r)
{
    problems_free(&r->errors);
    problems_free(&r->notes);
}
