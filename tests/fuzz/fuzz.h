/* fuzz.h - what every fuzz target shares.
 *
 * Each target (fuzz_*.c) defines the two libFuzzer entry points.  Built
 * with clang -fsanitize=fuzzer it is a fuzzer (`make fuzz`); built with
 * the normal compiler and regress.c it is a program that runs the seed
 * corpus and every kept crasher once (`make check`).  A broken property
 * aborts with its place, so both builds report it as a crash.
 */
#ifndef THEODOI_FUZZ_H
#define THEODOI_FUZZ_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with the failed condition and its place. */
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : fuzz_fail(#cond, __FILE__, __LINE__))

static inline void fuzz_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "%s:%d: property broken: %s\n", file, line, what);
    abort();
}

/* The input as a NUL-terminated string (it may hold NULs: C functions
 * then see its first part).  malloc'd. */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Write size bytes to path (replacing it); aborts on failure, which is
 * the harness's fault, not the program's. */
static inline void fuzz_write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

/* Known bugs: found, reported with their fix, not fixed yet because the
 * code is not tests/fuzz's to change.  A target lists the signs of its
 * own in a NULL-ended array; an input showing one is not counted as a
 * crash, so that fuzzing goes on finding new bugs.  Their inputs wait in
 * tests/fuzz/pending/TARGET/: when a fix lands, delete its line and move
 * the input to regress/.  1 when text shows one of the signs. */
static inline int fuzz_known_bug(const char *const *signs, const char *text)
{
    for (; *signs; signs++)
        if (strcasestr(text, *signs))
            return 1;
    return 0;
}

/* The process's scratch directory (made on first use, emptied and
 * removed at exit). */
static char fuzz_dir[4096];

static inline void fuzz_rm_dir(void)
{
    DIR *d = opendir(fuzz_dir);
    struct dirent *e;
    char p[4096 + 260];
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", fuzz_dir, e->d_name);
        unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(fuzz_dir);
}

/* malloc'd path of name in the scratch directory: under $TMPDIR, else in
 * memory (/dev/shm) when there is one, else under /tmp. */
static inline char *fuzz_tmp_path(const char *name)
{
    if (!fuzz_dir[0]) {
        const char *t = getenv("TMPDIR");
        if (!t || !*t)
            t = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(fuzz_dir, sizeof fuzz_dir, "%s/theodoi-fuzz.XXXXXX", t);
        if (!mkdtemp(fuzz_dir)) {
            perror(fuzz_dir);
            abort();
        }
        atexit(fuzz_rm_dir);
    }
    size_t n = strlen(fuzz_dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s", fuzz_dir, name);
    return p;
}

#endif
