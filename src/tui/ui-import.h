/* ui-import.h - the import screen's state, shared by ui-import.c (path,
 * listing, selection) and ui-import-run.c (dry run, import, results). */
#ifndef THEODOI_UI_IMPORT_H
#define THEODOI_UI_IMPORT_H

#include "theodoi/pathcomp.h"
#include "theodoi/tui.h"

typedef struct imp {
    ui_screen base;
    char *cwd; /* the process's directory: paths under it are
                              given to the import relative to it */
    char *dir; /* the directory listed (absolute) */
    dir_entry *ents;
    size_t n;
    char *filter; /* the list shows completion candidates of this
                              prefix; NULL: the whole directory */
    ui_list list;
    ui_input path;
    size_t path_first;
    int editing; /* the path field has the keys */
    char **sel;  /* the selected files (absolute) */
    size_t nsel;
    int list_dirty;
    ui_drawn drawn; /* what draw() last showed of the list */
    size_t drawn_nsel;
} imp;

/* A selected file as given to the import and shown in its messages:
 * relative to the process's directory when under it (malloc'd). */
char *import_shown_path(const imp *im, const char *abs);
void import_sel_clear(imp *im);
/* 1 when s is the import screen. */
int import_is(const ui_screen *s);
/* Run the import of the selection (or of the file under the cursor):
 * dry (check, nothing written) or for real, with a progress bar, and
 * show the result. */
void import_run(ui_app *app, imp *im, int dry);

#endif
