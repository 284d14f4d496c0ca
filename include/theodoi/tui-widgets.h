/* tui-widgets.h - the state of the terminal UI's widgets as plain structs.
 *
 * No curses here: the actions that keys stand for, a list's cursor, scroll
 * and paging, and the text input buffer of prompts and forms are pure logic, tested by CUnit without a
 * terminal (tests/unit/test_widgets.c).  Drawing lives in src/tui/. */
#ifndef THEODOI_TUI_WIDGETS_H
#define THEODOI_TUI_WIDGETS_H

#include <stddef.h>

/* ---- actions ---------------------------------------------------------- */

/* What a key does: the screens map keys to these (tui.h); the list moves
 * on the first six (ui_list_nav). */
typedef enum {
    ACT_NONE,
    ACT_UP,
    ACT_DOWN,
    ACT_PGUP,
    ACT_PGDN,
    ACT_HOME,
    ACT_END,
    ACT_OPEN,
    ACT_BACK,
    ACT_SEARCH,
    ACT_NEXT,
    ACT_PREV,
    ACT_SORT,
    ACT_REVERSE,
    ACT_OVERDUE,
    ACT_HELP,
    ACT_REDRAW,
    ACT_ADVANCE,
    ACT_NA,
    ACT_EDIT,
    ACT_FOLD,
    ACT_FOLD_ALL,
    ACT_PREV_YEAR,
    ACT_NEXT_YEAR,
    ACT_HISTORY,
    ACT_SAVE,
    ACT_CANCEL,
    ACT_NEXT_FIELD,
    ACT_PREV_FIELD,
    /* training screens (ui-training.c, ui-roster.c, ui-trend.c) */
    ACT_TRAINING,
    ACT_TREND,
    ACT_ROSTER,
    ACT_PREV_MONTH,
    ACT_NEXT_MONTH,
    ACT_ADD,
    ACT_DELETE,
    ACT_FILTER_NAME,
    ACT_FILTER_VILLAGE,
    ACT_FILTER_GROUP,
    ACT_FILTER_STATUS,
    ACT_FILTER_CLEAR,
    ACT_YES,
    ACT_NO,
    /* import, export, import history (ui-import.c, ui-export.c,
     * ui-batches.c); they use ACT_YES and ACT_NO too */
    ACT_IMPORT,
    ACT_EXPORT,
    ACT_BATCHES,
    ACT_TOGGLE,
    ACT_SELECT_ALL,
    ACT_DRY_RUN,
    ACT_PATH,
    ACT_PARENT,
    ACT_UNDO,
    ACT_STEP_BACK /* Backspace on the checklist: the status before */
} ui_act;

/* ---- list ------------------------------------------------------------- */

/* A scrolling list of n rows of which `height` are visible from `top`.
 * Invariants: 0 <= cur < n (cur 0 when n is 0), top <= cur < top+height,
 * 0 <= top <= max(0, n-height). */
typedef struct ui_list {
    long n;     /* rows in total */
    long cur;   /* the cursor's row */
    long top;   /* first visible row */
    int height; /* visible rows (at least 1) */
} ui_list;

void ui_list_init(ui_list *l, long n, int height);
/* After the cursor moved from drawn_cur without scrolling: the rows to
 * repaint (the one it left and the one it entered, when visible) as
 * screen lines and row indexes.  Returns how many (0..2). */
int ui_list_moved_rows(const ui_list *l, long drawn_cur, int line[2], long row[2]);
/* The number of rows changed (reload): keep cursor and top in range. */
void ui_list_set_count(ui_list *l, long n);
/* The window was resized: keep the cursor visible. */
void ui_list_set_height(ui_list *l, int height);
/* Move the cursor by delta rows (clamped), scrolling as little as possible. */
void ui_list_move(ui_list *l, long delta);
/* Page down (dir > 0) or up (dir < 0): the cursor and the view move by a
 * page; the last page is full when the list is longer than a page. */
void ui_list_page(ui_list *l, int dir);
void ui_list_home(ui_list *l);
void ui_list_end(ui_list *l);
/* The moving actions of a list (up, down, page up and down, home, end):
 * 1 when act was one of them and the cursor moved as it says, else 0. */
int ui_list_nav(ui_list *l, ui_act act);
/* Put the cursor on row (clamped); when the row is off screen, the view
 * scrolls so that it shows near the middle. */
void ui_list_goto(ui_list *l, long row);
/* 1 when row is visible; its screen line (0-based) in *line. */
int ui_list_visible(const ui_list *l, long row, int *line);

/* ---- text input --------------------------------------------------------- */

/* A line of text being typed: code points with a cursor.  A character is
 * a base code point followed by its combining marks (decomposed
 * Vietnamese, as some keyboards and pastes send): the cursor moves over,
 * and backspace deletes, whole characters. */
typedef struct ui_input {
    unsigned int *cp;
    size_t len, cap;
    size_t cur; /* 0..len, always at a character boundary */
    size_t max; /* most code points accepted; 0: no limit */
} ui_input;

/* Start with the UTF-8 text s (NULL: empty); the cursor at the end. */
void ui_input_init(ui_input *in, const char *s, size_t max);
void ui_input_free(ui_input *in);
/* Replace the text; the cursor at the end. */
void ui_input_set(ui_input *in, const char *s);
/* Insert a code point at the cursor: control characters are refused, a
 * tab becomes a space.  0 inserted, -1 refused. */
int ui_input_insert(ui_input *in, unsigned int cp);
/* Insert every character of a UTF-8 string (a paste). Returns how many
 * code points were inserted. */
size_t ui_input_insert_utf8(ui_input *in, const char *s);
void ui_input_left(ui_input *in);
void ui_input_right(ui_input *in);
void ui_input_home(ui_input *in);
void ui_input_end(ui_input *in);
/* Delete the character before the cursor with its marks: 0, or -1 at the
 * start. */
int ui_input_backspace(ui_input *in);
/* Delete the character under the cursor with its marks: 0, or -1 at the
 * end. */
int ui_input_delete(ui_input *in);
/* Delete from the cursor to the end (Ctrl-K) or the start (Ctrl-U). */
void ui_input_kill_end(ui_input *in);
void ui_input_kill_start(ui_input *in);
/* The text as UTF-8, NFC, not trimmed (malloc'd). */
char *ui_input_text(const ui_input *in);
/* The text of [from, to) as UTF-8, not normalised (malloc'd). */
char *ui_input_slice(const ui_input *in, size_t from, size_t to);
/* Display columns of [from, to). */
int ui_input_width(const ui_input *in, size_t from, size_t to);
/* The first code point to show in a field `cols` wide so that the cursor
 * is visible, given the previous first one (horizontal scroll). */
size_t ui_input_scroll(const ui_input *in, size_t first, int cols);
/* 1 when cp is a combining mark (zero width, joins the previous one). */
int ui_is_mark(unsigned int cp);

/* ---- UTF-8 bytes to code points ---------------------------------------- */

/* Bytes that arrive one at a time (a terminal in a non-UTF-8 locale that
 * still sends UTF-8) put back together. */
typedef struct ui_utf8_acc {
    unsigned int cp, min;
    int need;
} ui_utf8_acc;
/* Feed one byte: returns 1 and *out when a code point is complete, 0 when
 * more bytes are needed, -1 when the byte does not fit (start again). */
int ui_utf8_feed(ui_utf8_acc *a, unsigned char b, unsigned int *out);

#endif
