/* ui-roster.h - the roster screen's state, shared by ui-roster.c (keys,
 * drawing, filters, edits) and ui-roster-pages.c (the rows on screen,
 * paged from SQLite).  Internal to those two files. */
#ifndef THEODOI_UI_ROSTER_H
#define THEODOI_UI_ROSTER_H

#include "theodoi/learners.h"
#include "theodoi/tui.h"

typedef struct layout {
    int name_w, year_x, gender_x, gender_w, group_x, group_w, village_x, village_w, course_x,
        course_w, status_x;
} layout;

typedef struct roster {
    ui_screen base;
    char unit[16];
    char *name;
    char def_group[48], def_course[48]; /* for a new learner */
    char *search, *village, *group;     /* filters; NULL: none */
    int status;
    ui_list list;
    learner_page page; /* the rows [page_top, page_top + n) */
    long page_top;
    ui_drawn drawn;    /* what draw() last showed of the list */
    int asking, asked; /* the name prompt is open; it answered */
    int confirm;       /* a delete waits for y/n */
    learner del;       /* the row the question asks about (a copy) */
    layout lay;
} roster;

#define R(s) ((roster *)(s))

/* The learner on row `row` of the list when it is on the page, else NULL. */
const learner *roster_row_at(const roster *r, long row);
/* Make the page the rows [top, top + height): from an end, or by
 * position from the page on screen (steps of a page at most). */
void roster_view_to(ui_app *app, roster *r, long top);
/* Load the view with the row at pos (or the one after it, when gone) on
 * screen line `line`; counts again. */
void roster_load_around(ui_app *app, roster *r, const learner_pos *pos, long line);
/* Load again keeping the cursor on the same row (or the next one). */
void roster_reload_keep(ui_app *app, roster *r);
/* A new filter starts at the top. */
void roster_refilter(ui_app *app, roster *r);

#endif
