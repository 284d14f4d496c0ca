/* fform.h - the one form framework of the UI (fform.c), private to
 * src/tui: a form is a title, a note (wrapped), a line under it, fields
 * and a last line.  A field is free text (real Vietnamese input:
 * input.c), digits, a date (digits and separators), a choice (Space and
 * the arrows step through it; a letter jumps to the next choice that
 * starts with it) or a fixed value shown dim.  Enter calls the form's
 * save, which goes through ui_save (edits.c): a problem "column: message"
 * puts the focus on its field and the form stays open; Esc closes,
 * asking first when a field changed.  The item form (form.c), the
 * learner and count forms (ui-learner.c) are made of it. */
#ifndef THEODOI_TUI_FFORM_H
#define THEODOI_TUI_FFORM_H

#include <stdint.h>

#include "theodoi/edit.h"
#include "theodoi/tui.h"

enum { FD_TEXT, FD_DIGITS, FD_DATE, FD_CHOICE, FD_FIXED };
enum { MAX_FIELDS = 8 };

typedef struct field {
    const char *label;  /* msgid */
    const char *column; /* the column its problems name */
    int kind;
    ui_input in; /* FD_TEXT, FD_DIGITS, FD_DATE */
    size_t first;
    char **codes, **names; /* FD_CHOICE */
    size_t n, cur;
    char *fixed; /* FD_FIXED */
} field;

typedef struct fform fform;
struct fform {
    ui_screen base;
    char *title, *note, *sub, *last; /* sub: a line under the note */
    int note_rows, sub_attr;         /* rows the note may wrap to (1) */
    field f[MAX_FIELDS];
    int n, focus;
    int (*save)(ui_app *app, fform *fm);   /* 1: saved, the form is gone */
    char *value0[MAX_FIELDS];              /* the values as the form opened */
    char **seen;                           /* the row then (NULL: none) */
    char **row;                            /* the row edited (item form) */
    const kind_def *k;                     /* of seen and row */
    char unit[16], id[48], course_was[48]; /* a learner */
    char month[8], group[48], course[48];  /* a row of counts */
    char *unit_name;
};

#define FM(s) ((fform *)(s))

/* A new form of unit with its key table; save is called on Enter. */
fform *fform_new(const char *unit, const char *unit_name, int (*save)(ui_app *, fform *),
                 const ui_action *acts, size_t nacts);
/* Add a field (label a msgid, column the one its problems name). */
field *fform_field(fform *fm, const char *label, const char *column, int kind);
/* Add a choice to a choice field; put the cursor on the choice code. */
void fform_choice(field *f, const char *code, const char *name);
void fform_choose(field *f, const char *code);
/* A field's value: the code of a choice, the trimmed text (malloc'd). */
char *fform_value(const field *f);
/* A count typed in a field: -1 when empty. */
int64_t fform_count(const field *f);
/* Show the first problem of a save and put the focus on its field. */
void fform_problem(ui_app *app, fform *fm, const char *err);
/* The fields as the form opens (call when it is built): Esc asks only
 * when one changed since. */
void fform_ready(fform *fm);
/* "Last change: 20/11/2026 10:00 by lan" (malloc'd), NULL when never. */
char *fform_last_change(const char *at, const char *by);

/* A form's save through ui_save: the values typed (the form is on top
 * while it runs). */
typedef struct fsave {
    fform *fm;
    char *v[MAX_FIELDS];
    char *id;
} fsave;
fsave *fsave_new(fform *fm);
void fsave_free(void *p);
/* After a save: a problem keeps the form open with the focus on its
 * field (0); otherwise the form closes, the screens reload and a failure
 * is told (1). */
int fsave_end(ui_app *app, fform *fm, int rc, const edit_result *res, const char *what);

#endif
