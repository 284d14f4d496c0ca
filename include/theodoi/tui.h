/* tui.h - the terminal UI's pieces, shared by the files of src/tui/.
 *
 * The app (app.c) owns the terminal and a stack of screens; a screen is a
 * struct that starts with ui_screen and gets keys, draws what changed and
 * reloads when the data changed (another process committed, or a write of
 * ours).  Each screen has a table of actions {key, alternative, label}:
 * the status lines and the help screen are made from those tables.
 * No SQL here: screens use the views (summary.h, checklist.h) and the
 * store's headers. */
#ifndef THEODOI_TUI_H
#define THEODOI_TUI_H

#include <stddef.h>

#include "theodoi/date.h"
#include "theodoi/db.h"
#include "theodoi/status.h"
#include "theodoi/tui-widgets.h"

/* A key: a character (its code point), or a curses key code tagged with
 * UI_FKEY (so that KEY_xxx never collides with a letter such as ă). */
typedef int ui_key;
#define UI_FKEY(k) (0x40000000 | (k))
#define UI_CTRL(c) ((c)&0x1f)
#define UI_ESC 27
#define UI_ENTER '\r'
#define UI_TAB '\t'

/* One line of a screen's key table. */
typedef struct ui_action {
    ui_act act;
    ui_key key, alt, alt2; /* 0: none; alt2 is listed in help only */
    const char *label;     /* msgid for the help screen */
    const char *hint;      /* msgid for the status line; NULL: shares the
                                next line's hint ("↑/k ↓/j move") */
} ui_action;

/* The action of key k in a table (ACT_NONE when none). */
ui_act ui_action_of(const ui_action *tab, size_t n, ui_key k);
/* The name of a key as the user reads it ("↑", "PgDn", "Enter", "^F"),
 * ASCII when utf8 is 0. */
const char *ui_key_name(ui_key k, int utf8, char *buf, size_t size);
/* "↑/k" for an action line (alt2 too when with_alt2). */
void ui_action_keys(const ui_action *a, int utf8, int with_alt2, char *buf, size_t size);

typedef struct ui_app ui_app;
typedef struct ui_screen ui_screen;

struct ui_screen {
    const char *name; /* msgid: the screen's name in help */
    const ui_action *acts;
    size_t nacts;
    /* Draw the screen between its header and the status lines; full = 1
     * after a resize or a reload, else only what the screen marked. */
    void (*draw)(ui_app *app, ui_screen *s, int full);
    /* Handle an action (or a raw key, for text fields).  */
    void (*key)(ui_app *app, ui_screen *s, ui_act act, ui_key k);
    /* Data changed: load again, keeping the cursor on the same thing. */
    void (*reload)(ui_app *app, ui_screen *s);
    /* The terminal size changed: lay out again (draw follows). */
    void (*resize)(ui_app *app, ui_screen *s);
    void (*destroy)(ui_screen *s);
    /* Search: the first row (from `from`, stepping by dir, wrapping) whose
     * text matches the folded needle; -1 none.  NULL: no search here. */
    long (*find)(ui_app *app, ui_screen *s, const char *needle, long from, int dir);
    /* Put the cursor on a row found by find. */
    void (*goto_row)(ui_app *app, ui_screen *s, long row);
    long (*cursor)(ui_screen *s);
    /* 1: the screen wants raw keys first (text fields) */
    int raw_keys;
    int key_rows;   /* rows of keys at the bottom (1..3) */
    int stale;      /* data changed while below another */
    char info[256]; /* shown in the message row */
    ui_screen *below;
};

/* The bottom prompt (search). */
typedef struct ui_prompt {
    int active;
    const char *label; /* translated */
    ui_input in;
    size_t first; /* horizontal scroll */
} ui_prompt;

struct ui_app {
    td_db *db;
    const char *db_path;
    int utf8; /* terminal locale is UTF-8 */
    int colors;
    int rows, cols;
    ui_screen *top;
    long data_version;
    role_kind role;
    char *own_unit;           /* unit of a commune login, or NULL */
    char *scope, *scope_name; /* the database's province or unit */
    td_day today;
    char msg[512]; /* message in the status area */
    int msg_error;
    int msg_dirty;
    int status_dirty;       /* key lines need a draw */
    int full;               /* everything needs a draw */
    char shown_info[256];   /* the info the message row shows */
    int cursor_y, cursor_x; /* terminal cursor wanted (-1: hidden) */
    int cursor_on;
    char *search; /* last search (folded) */
    ui_prompt prompt;
    ui_utf8_acc acc;
    struct ui_undo_entry *undo; /* this login's changes in this UI, oldest first */
    size_t nundo, undo_cap;
    int quit;
};

/* Layout of the top screen: header row, body rows, message row, and as
 * many rows of keys as its table needs (at most UI_KEY_ROWS). */
enum { UI_KEY_ROWS = 3 };
int ui_body_top(const ui_app *app);
int ui_body_rows(const ui_app *app);
int ui_msg_row(const ui_app *app);

/* The signals the UI catches: SIGINT, SIGTERM and SIGHUP (app.c).  catch
 * sets handler for each (no SA_RESTART) and keeps the actions it replaced
 * in old[UI_NSIGNALS]; restore puts them back. */
enum { UI_NSIGNALS = 3 };
struct sigaction;
void ui_signals_catch(void (*handler)(int), struct sigaction *old);
void ui_signals_restore(const struct sigaction *old);

void ui_push(ui_app *app, ui_screen *s);
/* Pop the top screen (never the last one: that quits). */
void ui_pop(ui_app *app);
/* A message for the status area (until the next key), printf-style. */
void ui_message(ui_app *app, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Start the search prompt of the top screen. */
void ui_search_start(ui_app *app);
/* Move to the next (dir 1) or previous (-1) match of the last search. */
void ui_search_next(ui_app *app, int dir);
/* A key while the search prompt is open. */
void ui_prompt_key(ui_app *app, ui_key k);
/* The editing keys of a text field (prompt, form): 1 when k was one. */
int ui_edit_key(ui_input *in, ui_key k);
/* May this login write rows of unit of the kind (a kind_id)?  The edit
 * path decides (edit_allowed); when not, a message says why and 0 is
 * returned. */
int ui_edit_allowed(ui_app *app, int kind, const char *unit);
/* Reload the top screen after a write of ours. */
void ui_changed(ui_app *app);

/* ---- drawing (draw.c) --------------------------------------------------- */

/* Text for the screen: a copy with control characters blanked, folded to
 * ASCII when the terminal is not UTF-8 (malloc'd). */
char *ui_text(const ui_app *app, const char *s);
/* Draw s at (y, x) in at most w columns (cut with an ellipsis), with attr;
 * pad with blanks (without attr) to w columns when pad is 1.  Returns the
 * columns written (without padding). */
int ui_put(ui_app *app, int y, int x, int w, const char *s, int attr, int pad);
/* Same, right-aligned in w columns. */
void ui_put_right(ui_app *app, int y, int x, int w, const char *s, int attr);
/* A bar of w cells for num/den ("███░░" or "##..."). */
void ui_bar(ui_app *app, int y, int x, int w, long long num, long long den);
/* Blank from (y, x) to the end of the row. */
void ui_clear_eol(ui_app *app, int y, int x);
/* The header row: title left, info right. */
void ui_header(ui_app *app, const char *left, const char *right);
/* The key rows of the top screen. */
void ui_draw_keys(ui_app *app);
/* How many rows the keys of a table take at this width (1..UI_KEY_ROWS). */
int ui_keys_rows(ui_app *app, const ui_action *acts, size_t n);
/* The message row (message, prompt or the screen's info). */
void ui_draw_msg(ui_app *app, const char *info);
/* A glyph: the UTF-8 form or the ASCII one. */
const char *ui_glyph(const ui_app *app, const char *utf8, const char *ascii);
/* Colour pairs (0 when colours are off). */
enum { UI_PAIR_OK = 1, UI_PAIR_LATE, UI_PAIR_DIM, UI_PAIR_KEY, UI_PAIR_HEAD };
int ui_attr(const ui_app *app, int pair);
/* "DD/MM/YYYY" of an ISO date or timestamp ("" when empty). */
void ui_date_vn(const char *iso, char *out, size_t size);

/* What a list screen last drew: the view's top and the cursor (top -1:
 * nothing yet). */
typedef struct ui_drawn {
    long top, cur;
} ui_drawn;
/* Draws row `row` of a screen's list on line `line` of the view (a row
 * past the end blanks the line). */
typedef void ui_row_fn(ui_app *app, ui_screen *s, int line, long row);
/* Draw a screen's list with draw_row: the first `lines` lines of the view
 * when full is 1 or the view scrolled since *drawn, else only the rows
 * the cursor left and entered.  *drawn becomes what is on screen now.
 * Returns 1 when it drew the whole view (the caller adds what goes with
 * it). */
int ui_list_draw(ui_app *app, ui_screen *s, const ui_list *l, ui_drawn *drawn, int full, long lines,
                 ui_row_fn *draw_row);

/* ---- form pieces (fields.c) ---------------------------------------------- */

/* The width of a column of labels (msgids, translated here), with the
 * two columns of space after the longest. */
int ui_labels_width(const char *const *msgids, int n);
/* Row y of a form: blanked, then the focus mark and the label (translated)
 * in lw columns, bold when it has the focus. */
void ui_field_label(ui_app *app, int y, int lw, const char *label, int focus);
/* A choice "‹ value ›" at (y, x), reversed when it has the focus, else
 * bold.  Returns the columns written. */
int ui_field_choice(ui_app *app, int y, int x, const char *value, int focus);
/* A text field "[...]" at (y, x) with w columns inside, scrolled from
 * *first (updated) so that its cursor shows; underlined with the focus,
 * and then the terminal cursor goes into it. */
void ui_field_input(ui_app *app, int y, int x, int w, ui_input *in, size_t *first, int focus);
/* Word-wrap s into at most `max` rows of w columns from (y, x), the last
 * one cut with an ellipsis.  Returns the rows used. */
int ui_wrap(ui_app *app, int y, int x, int w, int max, const char *s, int attr);

/* ---- questions, saves and undo (edits.c) --------------------------------- */

/* A question on a screen of its own: title, body (lines), the question;
 * y calls answer(app, ctx, 1), n, Esc or q answer(app, ctx, 0), after
 * the question's screen is gone.  ctx_free (may be NULL) frees ctx after
 * the answer. */
typedef void ui_answer_fn(ui_app *app, void *ctx, int yes);
void ui_ask(ui_app *app, const char *title, const char *body, const char *question,
            ui_answer_fn *answer, void *ctx, void (*ctx_free)(void *));
/* Esc on a form (the top screen): it closes, or, when dirty (a field was
 * changed), a question asks first whether to throw the changes away. */
void ui_form_close(ui_app *app, int dirty);
/* A value as the user reads it: a status word, a date DD/MM/YYYY, "-"
 * for nothing (malloc'd); the label of a column ("Status"). */
char *ui_value_text(const char *col, const char *v);
const char *ui_column_label(const char *col);
/* "Status: To do → In progress" lines where rows a and b (NULL: none)
 * of kind k differ, keys and stamps aside (malloc'd, "" when none). */
struct kind_def;
char *ui_row_changes(ui_app *app, const struct kind_def *k, char *const *a, char *const *b);
/* "22/11/2026 10:05" of an ISO time ("?" when empty). */
void ui_when(const char *iso, char *out, size_t size);

/* A save through the edit path: run(app, ctx, force, res) writes (force 0
 * first); when the edit path refuses it because the row changed since
 * the user saw it, the user is shown who changed what and asked whether
 * to overwrite (y: run again with force 1; n: res->conflict stays set).
 * done(app, ctx, rc, res) is called once with the outcome (it says what
 * happened, pushes the undo entry, closes the form).  ctx_free (may be
 * NULL) frees ctx at the end. */
struct edit_result;
typedef int ui_save_fn(ui_app *app, void *ctx, int force, struct edit_result *res);
typedef void ui_saved_fn(ui_app *app, void *ctx, int rc, struct edit_result *res);
void ui_save(ui_app *app, ui_save_fn *run, ui_saved_fn *done, void *ctx, void (*ctx_free)(void *));
/* The message of a save that did not go through (nothing when rc is
 * TD_OK): the problem, or that the other change was kept.  what names
 * the row ("NV4.3"). */
void ui_save_message(ui_app *app, int rc, const struct edit_result *res, const char *what);

/* Undo: every change saved in this UI is kept (ui_undo_push takes the
 * result's changes; what names it for the messages); `u` (ui_undo)
 * reverts the newest, unless someone changed the row since (the message
 * names who and when). */
typedef struct ui_undo_entry ui_undo_entry;
void ui_undo_push(ui_app *app, struct edit_result *res, const char *what);
void ui_undo(ui_app *app);
void ui_undo_free(ui_app *app);

/* ---- screens ------------------------------------------------------------ */

ui_screen *ui_communes_new(ui_app *app);
ui_screen *ui_checklist_new(ui_app *app, const char *unit, const char *name);
ui_screen *ui_help_new(ui_app *app);
/* The history of one checklist row; key as "UNIT|ITEM|PERIOD", code the
 * item's code, seen the row as the screen shows it (taken; NULL: no row):
 * Enter on a change restores the values it left, after a yes. */
ui_screen *ui_history_new(ui_app *app, const char *key, const char *title, const char *code,
                          char **seen);

/* The edit form of item i of a checklist (form.c): Enter saves it (a
 * transaction), closes the form and reloads the screen below. */
struct checklist;
ui_screen *ui_form_new(ui_app *app, struct checklist *c, size_t i, const char *unit_name);

/* A read-only page of lines that scrolls (help, history: view.c). */
ui_screen *ui_view_new(ui_app *app, const char *name, const char *title);
/* Add a line: bold for titles; left (may be NULL) is a column of keys. */
void ui_view_add(ui_screen *v, int bold, const char *left, const char *text);
/* Make the bold lines of a view entries under a cursor (after the lines
 * are added): Up and Down move between them, Enter calls fn(app, ctx,
 * n) for the n-th (0-based); the view takes the key table acts and frees
 * ctx with ctx_free (may be NULL) when it goes. */
typedef void ui_pick_fn(ui_app *app, void *ctx, size_t nth);
void ui_view_pick(ui_screen *v, ui_pick_fn *fn, void *ctx, void (*ctx_free)(void *),
                  const ui_action *acts, size_t nacts);

/* The training screens: a commune's group x course table for a month
 * (ui-training.c), its roster of learners (ui-roster.c; group and course
 * are the defaults of a new learner, may be NULL), the confirmed-% trend
 * of a commune or of the city (unit NULL: the database's scope;
 * ui-trend.c), and their forms (ui-learner.c): a learner (l NULL: a new
 * one with the defaults of the roster) and the counts of a table row. */
struct learner;
struct tr_row;
ui_screen *ui_training_new(ui_app *app, const char *unit, const char *name);
ui_screen *ui_roster_new(ui_app *app, const char *unit, const char *name, const char *group,
                         const char *course);
ui_screen *ui_trend_new(ui_app *app, const char *unit, const char *name);
/* Put the roster's cursor on a row (after the form added or edited it). */
void ui_roster_goto(ui_app *app, ui_screen *roster, const char *id, const char *course);
ui_screen *ui_learner_form_new(ui_app *app, const char *unit, const char *unit_name,
                               const struct learner *l, const char *group, const char *course,
                               const char *village);
ui_screen *ui_counts_form_new(ui_app *app, const char *unit, const char *unit_name,
                              const char *month, const struct tr_row *r);
/* The roster's keys on a learner (ui-learner.c): Space marks it completed,
 * then confirmed; d, after its y, deletes the row.  Each saves at once
 * (asking first when the row changed since it was shown), reloads the
 * screens and says what it did. */
void ui_learner_advance(ui_app *app, const char *unit, const struct learner *l);
void ui_learner_delete(ui_app *app, const char *unit, const struct learner *l);

/* Import CSV files (ui-import.c): a path with Tab completion, a listing
 * of a directory's CSV files to select, a dry run shown first, then the
 * import after a yes. */
ui_screen *ui_import_new(ui_app *app);
/* Export a kind to a CSV file (ui-export.c); unit: the default unit for
 * commune kinds (NULL: all). */
ui_screen *ui_export_new(ui_app *app, const char *unit);
/* The import batches, newest first; u undoes one (ui-batches.c). */
ui_screen *ui_batches_new(ui_app *app);
extern const ui_action ui_import_acts[], ui_import_path_acts[], ui_import_confirm_acts[],
    ui_export_acts[], ui_batches_acts[], ui_confirm_acts[];
extern const size_t ui_import_nacts, ui_import_path_nacts, ui_import_confirm_nacts, ui_export_nacts,
    ui_batches_nacts, ui_confirm_nacts;

/* Every screen's key table, for the status lines and the help screen. */
extern const ui_action ui_communes_acts[], ui_checklist_acts[], ui_form_acts[], ui_view_acts[],
    ui_prompt_acts[], ui_history_acts[];
extern const size_t ui_communes_nacts, ui_checklist_nacts, ui_form_nacts, ui_view_nacts,
    ui_prompt_nacts, ui_history_nacts;
extern const ui_action ui_training_acts[], ui_roster_acts[], ui_trend_acts[], ui_fields_acts[];
extern const size_t ui_training_nacts, ui_roster_nacts, ui_trend_nacts, ui_fields_nacts;

#endif
