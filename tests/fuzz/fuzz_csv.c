/* fuzz_csv.c - the CSV reader on any file, and the writer on what it read.
 *
 * The input is written as a file and read with csv_in_open/csv_in_next.
 * Every field handed out must be valid UTF-8 in NFC; records start on
 * increasing lines; an error is sticky and has a message.  When the whole
 * file reads without error, writing its records with csv_out_row and
 * reading that back must give the same fields (the writer's quoting and
 * formula guard are undone exactly by the reader).
 */
#include "config.h"

#include "fuzz.h"
#include "theodoi/csvio.h"
#include "theodoi/text.h"

static char *in_path, *out_path;

/* Records kept for the round trip: fields back to back. */
typedef struct kept {
    size_t nrec, nfield;
    size_t *count; /* fields per record */
    char **field;
} kept;

static void keep(kept *k, const csv_rec *rec)
{
    k->count = realloc(k->count, (k->nrec + 1) * sizeof *k->count);
    k->field = realloc(k->field, (k->nfield + rec->n) * sizeof *k->field);
    if (!k->count || !k->field)
        abort();
    k->count[k->nrec++] = rec->n;
    for (size_t i = 0; i < rec->n; i++) {
        k->field[k->nfield] = strdup(rec->field[i]);
        if (!k->field[k->nfield++])
            abort();
    }
}

static void kept_free(kept *k)
{
    for (size_t i = 0; i < k->nfield; i++)
        free(k->field[i]);
    free(k->field);
    free(k->count);
}

/* The promises of one record. */
static void check_rec(const csv_rec *rec, long *last_line)
{
    FUZZ_CHECK(rec->n >= 1 && rec->field != NULL);
    FUZZ_CHECK(rec->line > *last_line);
    *last_line = rec->line;
    for (size_t i = 0; i < rec->n; i++) {
        const char *f = rec->field[i];
        FUZZ_CHECK(text_utf8_valid(f, strlen(f), NULL));
        char *n = text_nfc(f);
        FUZZ_CHECK(n && strcmp(n, f) == 0);
        free(n);
        FUZZ_CHECK(!(f[0] == '\'' && f[1] && strchr("=+-@", f[1])));
    }
}

/* Read path to the end; keep the records when k is not NULL.  Returns the
 * last csv_in_next() result (0 or -1). */
static int read_all(const char *path, kept *k)
{
    char *err = NULL;
    csv_in *in = csv_in_open(path, &err);
    if (!in) {
        FUZZ_CHECK(err != NULL);
        free(err);
        return -1;
    }
    FUZZ_CHECK(err == NULL);
    char d = csv_in_delimiter(in);
    FUZZ_CHECK(d == ',' || d == ';' || d == '\t');
    csv_rec rec;
    long last = 0;
    int r;
    while ((r = csv_in_next(in, &rec)) > 0) {
        check_rec(&rec, &last);
        FUZZ_CHECK(csv_in_bytes_read(in) >= 0);
        FUZZ_CHECK(csv_in_size(in) < 0 || csv_in_bytes_read(in) <= csv_in_size(in));
        if (k)
            keep(k, &rec);
    }
    if (r < 0) {
        FUZZ_CHECK(csv_in_error(in)[0] != '\0');
        FUZZ_CHECK(csv_in_error_line(in) >= 0);
        FUZZ_CHECK(csv_in_next(in, &rec) == -1);
    } else {
        FUZZ_CHECK(csv_in_next(in, &rec) == 0);
    }
    csv_in_free(&in);
    FUZZ_CHECK(in == NULL);
    return r;
}

/* Write the kept records and read them back: the same fields. */
static void round_trip(const kept *k)
{
    FILE *f = fopen(out_path, "wb");
    FUZZ_CHECK(f != NULL);
    csv_out *o = csv_out_new(f);
    FUZZ_CHECK(o != NULL);
    size_t at = 0;
    for (size_t i = 0; i < k->nrec; i++) {
        FUZZ_CHECK(csv_out_row(o, k->count[i], (const char *const *)k->field + at, NULL) == 0);
        at += k->count[i];
    }
    csv_out_free(&o);
    FUZZ_CHECK(fclose(f) == 0);

    kept back = {0};
    FUZZ_CHECK(read_all(out_path, &back) == 0);
    FUZZ_CHECK(back.nrec == k->nrec && back.nfield == k->nfield);
    for (size_t i = 0; i < k->nrec; i++)
        FUZZ_CHECK(back.count[i] == k->count[i]);
    for (size_t i = 0; i < k->nfield; i++)
        FUZZ_CHECK(strcmp(back.field[i], k->field[i]) == 0);
    kept_free(&back);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    in_path = fuzz_tmp_path("in.csv");
    out_path = fuzz_tmp_path("out.csv");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kept k = {0};
    fuzz_write_file(in_path, data, size);
    if (read_all(in_path, &k) == 0)
        round_trip(&k);
    kept_free(&k);
    return 0;
}
