/* pathcomp.h - typing a file name: Tab completion and a directory listing
 * of the CSV files a clerk may want to import.  No curses. */
#ifndef THEODOI_PATHCOMP_H
#define THEODOI_PATHCOMP_H

#include <stddef.h>

typedef struct dir_entry {
    char *name; /* entry name; directories end with '/' */
    int is_dir;
    long long size; /* bytes, files only */
} dir_entry;

/* Complete `typed` (a path, "~/" expanded) as far as it is unambiguous.
 * *out gets the completed text (malloc'd); *matches the candidate names
 * (directories with a trailing '/'), sorted, *n their count.  Returns the
 * count of candidates (0: nothing matches). */
size_t path_complete(const char *typed, char **out, char ***matches, size_t *n);
void path_matches_free(char **matches, size_t n);

/* The entries of dir worth showing to import: sub-directories (and "../")
 * first, then files ending in .csv or .txt (any case), each group sorted
 * by name; hidden entries skipped.  0 ok, -1 with errno. */
int dir_list_csv(const char *dir, dir_entry **out, size_t *n);
void dir_list_free(dir_entry *e, size_t n);

/* "~/x" -> "$HOME/x"; other paths copied.  malloc'd. */
char *path_expand(const char *typed);

#endif
