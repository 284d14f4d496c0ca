/* pathcomp.c - Tab completion of paths and directory listings. */
#include "config.h"

#include "theodoi/pathcomp.h"
#include "theodoi/util.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

char *path_expand(const char *typed)
{
    const char *home = getenv("HOME");
    if (typed[0] == '~' && (typed[1] == '/' || !typed[1]) && home)
        return xasprintf("%s%s", home, typed + 1);
    return xstrdup(typed);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when dir/name is a directory. */
static int is_dir_at(const char *dir, const char *name)
{
    char *p = xasprintf("%s/%s", dir, name);
    struct stat sb;
    int d = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
    free(p);
    return d;
}

/* Split "a/b/c" into dir "a/b" (or "." ) and base "c". */
static void split(const char *path, char **dir, const char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        *dir = xstrdup(".");
        *base = path;
    } else if (slash == path) {
        *dir = xstrdup("/");
        *base = slash + 1;
    } else {
        *dir = xasprintf("%.*s", (int)(slash - path), path);
        *base = slash + 1;
    }
}

size_t path_complete(const char *typed, char **out, char ***matches, size_t *n)
{
    char *full = path_expand(typed), *dir;
    const char *base;
    split(full, &dir, &base);
    *matches = NULL;
    *n = 0;
    size_t cap = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, base, strlen(base)) != 0 || !strcmp(e->d_name, ".") ||
            !strcmp(e->d_name, "..") || (e->d_name[0] == '.' && base[0] != '.'))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *matches = xrealloc(*matches, cap * sizeof **matches);
        }
        (*matches)[(*n)++] =
            is_dir_at(dir, e->d_name) ? xasprintf("%s/", e->d_name) : xstrdup(e->d_name);
    }
    if (d)
        closedir(d);
    if (*n)
        qsort(*matches, *n, sizeof **matches, by_name);
    /* the longest common prefix of the candidates */
    size_t common = *n ? strlen((*matches)[0]) : 0;
    for (size_t i = 1; i < *n; i++) {
        size_t k = 0;
        while (k < common && (*matches)[i][k] == (*matches)[0][k])
            k++;
        common = k;
    }
    size_t keep = (size_t)(base - full);
    if (*n && common > strlen(base))
        *out = xasprintf("%.*s%.*s", (int)keep, full, (int)common, (*matches)[0]);
    else
        *out = xstrdup(full);
    free(full);
    free(dir);
    return *n;
}

void path_matches_free(char **matches, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(matches[i]);
    free(matches);
}

/* Directories first, then files; by name within each. */
static int entry_order(const void *a, const void *b)
{
    const dir_entry *x = a, *y = b;
    if (x->is_dir != y->is_dir)
        return y->is_dir - x->is_dir;
    if (!strcmp(x->name, "../"))
        return -1;
    if (!strcmp(y->name, "../"))
        return 1;
    return strcmp(x->name, y->name);
}

/* 1 for names a clerk would import. */
static int wanted_file(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && (!strcasecmp(name + n - 4, ".csv") || !strcasecmp(name + n - 4, ".txt"));
}

int dir_list_csv(const char *dir, dir_entry **out, size_t *n)
{
    DIR *d = opendir(dir);
    *out = NULL;
    *n = 0;
    if (!d)
        return -1;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int up = !strcmp(e->d_name, "..");
        if ((e->d_name[0] == '.' && !up))
            continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        struct stat sb;
        int ok = stat(p, &sb) == 0;
        free(p);
        if (!ok || (!S_ISDIR(sb.st_mode) && !wanted_file(e->d_name)))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        dir_entry *de = &(*out)[(*n)++];
        de->is_dir = S_ISDIR(sb.st_mode);
        de->name = de->is_dir ? xasprintf("%s/", e->d_name) : xstrdup(e->d_name);
        de->size = de->is_dir ? 0 : (long long)sb.st_size;
    }
    closedir(d);
    if (*n)
        qsort(*out, *n, sizeof **out, entry_order);
    return 0;
}

void dir_list_free(dir_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(e[i].name);
    free(e);
}
