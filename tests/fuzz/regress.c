/* regress.c - run a fuzz target once over its seeds and kept crashers.
 *
 * Linked with one fuzz_*.c built by the normal compiler (FUZZ_NAME names
 * it), this is a `make check` test: every file of
 * tests/fuzz/corpus/NAME/ and tests/fuzz/regress/NAME/ goes through
 * LLVMFuzzerTestOneInput() once, so a crash found by `make fuzz` and
 * kept under regress/ stays fixed.  With arguments, it runs those files
 * (or directories) instead: `tests/fuzz/fuzz_csv crash-1234`.
 */
#include "config.h"

#include "fuzz.h"

#include <errno.h>
#include <sys/stat.h>

#ifndef FUZZ_NAME
#error "FUZZ_NAME must name the target"
#endif

static int ran;

/* Read a whole file into malloc'd memory; NULL on failure. */
static uint8_t *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *b = realloc(buf, cap *= 2);
            if (!b)
                free(buf);
            buf = b;
        }
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *size = n;
    return buf;
}

static int run_file(const char *path)
{
    size_t size;
    uint8_t *data = slurp(path, &size);
    if (!data) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    /* Copy into an exact-size buffer so ASan sees reads past the end. */
    uint8_t *exact = malloc(size ? size : 1);
    if (!exact)
        abort();
    memcpy(exact, data, size);
    free(data);
    fprintf(stderr, "%s\n", path);
    LLVMFuzzerTestOneInput(exact, size);
    free(exact);
    ran++;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every file of dir in name order; a missing dir is no error unless
 * it was asked for (must). */
static int run_dir(const char *dir, int must)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (!must && errno == ENOENT)
            return 0;
        fprintf(stderr, "%s: %s\n", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **v = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *v);
            if (!v)
                abort();
            names = v;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            abort();
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (run_file(names[i]) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

static int run_arg(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return run_dir(path, 1);
    return run_file(path);
}

int main(int argc, char **argv)
{
    int rc = 0;
    LLVMFuzzerInitialize(&argc, &argv);
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            if (run_arg(argv[i]) != 0)
                rc = 1;
    } else {
        const char *top = getenv("top_srcdir");
        static const char *const sub[] = {"corpus", "regress"};
        if (!top || !*top)
            top = ABS_SRCDIR;
        for (int i = 0; i < 2; i++) {
            char dir[4096];
            snprintf(dir, sizeof dir, "%s/tests/fuzz/%s/%s", top, sub[i], FUZZ_NAME);
            if (run_dir(dir, i == 0) != 0)
                rc = 1;
        }
    }
    printf("fuzz_%s: %d inputs, %s\n", FUZZ_NAME, ran, rc ? "FAILED" : "ok");
    return rc;
}
