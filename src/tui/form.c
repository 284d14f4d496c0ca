/* form.c - the edit form of one checklist item: status, done date,
 * quantity, evidence and note, with real Vietnamese text input (wide
 * characters, decomposed letters, pastes; see input.c).  Enter saves
 * through the edit path, which checks every field as an import would and
 * refuses to overwrite a change made since the form opened (the user is
 * asked); Esc closes, asking first when a field was changed.  The text
 * is NFC and trimmed. */
#include "config.h"

#include "theodoi/checklist.h"
#include "theodoi/edit.h"
#include "theodoi/i18n.h"
#include "theodoi/store.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_form_acts[] = {
    {ACT_SAVE, UI_ENTER, 0, 0, N_("check and save the item, close the form"), N_("save")},
    {ACT_CANCEL, UI_ESC, UI_CTRL('G'), 0, N_("close without saving (asks when a field changed)"),
     N_("cancel")},
    {ACT_NEXT_FIELD, UI_TAB, FK(KEY_DOWN), UI_CTRL('N'), N_("next field"), NULL},
    {ACT_PREV_FIELD, FK(KEY_UP), FK(KEY_BTAB), UI_CTRL('P'), N_("previous field"), N_("field")},
    {ACT_ADVANCE, ' ', 0, 0, N_("on the status: the next status (also left and right arrows)"),
     N_("status")},
    {ACT_NONE, FK(KEY_LEFT), UI_CTRL('B'), 0, N_("cursor left"), NULL},
    {ACT_NONE, FK(KEY_RIGHT), UI_CTRL('F'), 0, N_("cursor right"), N_("move")},
    {ACT_NONE, FK(KEY_HOME), UI_CTRL('A'), 0, N_("start of the field"), NULL},
    {ACT_NONE, FK(KEY_END), UI_CTRL('E'), 0, N_("end of the field"), N_("start/end")},
    {ACT_NONE, FK(KEY_BACKSPACE), UI_CTRL('H'), 0, N_("delete the character before the cursor"),
     NULL},
    {ACT_NONE, FK(KEY_DC), UI_CTRL('D'), 0, N_("delete the character under the cursor"),
     N_("delete")},
    {ACT_NONE, UI_CTRL('U'), 0, 0, N_("delete to the start of the field"), NULL},
    {ACT_NONE, UI_CTRL('K'), 0, 0, N_("delete to the end of the field"), N_("clear")},
};
const size_t ui_form_nacts = sizeof ui_form_acts / sizeof ui_form_acts[0];

enum { F_STATUS, F_DONE, F_QTY, F_EVIDENCE, F_NOTE, F_COUNT };
static const char *const LABELS[F_COUNT] = {N_("Status"), N_("Done on (DD/MM/YYYY)"),
                                            N_("Quantity"), N_("Evidence"), N_("Note")};

typedef struct form {
    ui_screen base;
    checklist *cl;
    size_t i;
    char *unit_name;
    item_status status, status0;
    char *text0[F_COUNT]; /* the fields as the form opened */
    char **seen;          /* the stored row then (NULL: none) */
    ui_input in[F_COUNT];
    size_t first[F_COUNT];
    int focus;
} form;

#define F(s) ((form *)(s))

/* One field's row; sets the terminal cursor when it has the focus. */
static void draw_field(ui_app *app, form *fm, int f, int y, int lw)
{
    int focus = fm->focus == f, x = 2 + lw;
    ui_field_label(app, y, lw, _(LABELS[f]), focus);
    if (f == F_STATUS) {
        ui_field_choice(app, y, x, status_label(fm->status), focus);
        if (focus)
            app->cursor_y = -1;
        return;
    }
    int w = app->cols - x - 3;
    if (w < 2)
        return;
    ui_field_input(app, y, x, w, &fm->in[f], &fm->first[f], focus);
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    form *fm = F(s);
    const cl_item *it = &fm->cl->items[fm->i];
    char date[16], b[128];
    (void)full;
    char code[64];
    snprintf(code, sizeof code, it->period[0] ? "%s (%s)" : "%s", it->item, it->period);
    char *head = xasprintf(_("Edit %s: %s (%s)"), code, fm->unit_name, fm->cl->unit);
    day_format_vn(app->today, date);
    ui_header(app, head, date);
    free(head);
    int y = ui_body_top(app), rows = ui_body_rows(app), end = y + rows;
    for (int r = y; r < end; r++)
        ui_clear_eol(app, r, 0);
    int title_rows = rows - F_COUNT - 3;
    title_rows = title_rows > 3 ? 3 : title_rows < 1 ? 1 : title_rows;
    y += ui_wrap(app, y, 2, app->cols - 3, title_rows, it->title, A_BOLD);
    if (it->deadline != TD_NO_DAY) {
        day_format_vn(it->deadline, date);
        snprintf(b, sizeof b, _("Due: %s"), date);
        int x = 2 + ui_put(app, y, 2, app->cols - 3, b, 0, 0);
        if (it->overdue)
            ui_put(app, y, x, app->cols - x - 1, _(" ! overdue"),
                   A_BOLD | ui_attr(app, UI_PAIR_LATE), 0);
    }
    y += rows >= F_COUNT + 6 ? 2 : 1;
    int lw = ui_labels_width(LABELS, F_COUNT);
    if (lw > app->cols * 2 / 5)
        lw = app->cols * 2 / 5;
    for (int f = 0; f < F_COUNT && y < end; f++, y++)
        draw_field(app, fm, f, y, lw);
    if (it->stored && y + 1 < end) {
        char when[32];
        ui_date_vn(it->updated_at, when, sizeof when);
        snprintf(b, sizeof b, _("Last change: %s %.5s by %s"), when,
                 strlen(it->updated_at) >= 16 ? it->updated_at + 11 : "", it->updated_by);
        ui_put(app, y + 1, 2, app->cols - 3, b, ui_attr(app, UI_PAIR_DIM), 0);
    }
    snprintf(s->info, sizeof s->info, "%s", _("Enter saves, Esc cancels; dates as DD/MM/YYYY"));
}

static char *field_text(form *fm, int f)
{
    char *s = ui_input_text(&fm->in[f]);
    char *t = xstrdup(str_trim(s));
    free(s);
    return t;
}

/* 1 when a field or the status differs from what the form opened with. */
static int dirty(form *fm)
{
    if (fm->status != fm->status0)
        return 1;
    for (int f = F_DONE; f < F_COUNT; f++) {
        char *t = field_text(fm, f);
        int same = strcmp(t, fm->text0[f]) == 0;
        free(t);
        if (!same)
            return 1;
    }
    return 0;
}

/* A save of the form: the row typed, the row seen when it opened. */
typedef struct form_save {
    form *fm; /* valid while the form is on top */
    char **cells, **seen;
    char code[48];
} form_save;

static void vals_free(char **v)
{
    if (v)
        store_vals_free(kind_get(KIND_CHECKLIST), v);
    free(v);
}

static void form_save_free(void *p)
{
    form_save *s = p;
    vals_free(s->cells);
    free(s);
}

static int form_run(ui_app *app, void *p, int force, edit_result *res)
{
    form_save *s = p;
    edit_seen seen = {1, force, s->seen};
    return checklist_save(app->db, s->cells, &seen, res);
}

/* The field a problem "column: message" names (-1: none). */
static int field_of(const char *err)
{
    static const char *const COLS[F_COUNT] = {"status", "done_on", "quantity", "evidence", "note"};
    for (int f = 0; err && f < F_COUNT; f++) {
        size_t n = strlen(COLS[f]);
        if (!strncmp(err, COLS[f], n) && err[n] == ':')
            return f;
    }
    return -1;
}

static void form_saved(ui_app *app, void *p, int rc, edit_result *res)
{
    form_save *s = p;
    if (rc != TD_OK && !res->conflict) {
        int f = field_of(res->err);
        const char *e = res->err ? res->err : "";
        if (f >= 0) {
            s->fm->focus = f;
            e += strcspn(e, ":") + 2;
        }
        ui_message(app, 1, _("Not saved: %.*s"), (int)strcspn(e, "\n"), e);
        return; /* the form stays open */
    }
    ui_pop(app); /* the form is gone */
    ui_changed(app);
    if (rc != TD_OK) {
        ui_save_message(app, rc, res, s->code);
        return;
    }
    ui_undo_push(app, res, s->code);
    ui_message(app, 0, _("Saved %s"), s->code);
}

static void save(ui_app *app, form *fm)
{
    form_save *s = xcalloc(1, sizeof *s);
    static const int COL[F_COUNT] = {3, 4, 5, 6, 7};
    s->fm = fm;
    s->cells = checklist_item_row(fm->cl, fm->i);
    s->seen = fm->seen; /* the form's: it lives as long as the save */
    snprintf(s->code, sizeof s->code, "%s", fm->cl->items[fm->i].item);
    for (int f = 0; f < F_COUNT; f++) {
        char *t = f == F_STATUS ? xstrdup(status_code(fm->status)) : field_text(fm, f);
        kind_value_set(&s->cells[COL[f]], *t ? t : NULL);
        free(t);
    }
    ui_save(app, form_run, form_saved, s, form_save_free);
}

/* The date takes digits and separators, the quantity digits; the other
 * fields any character. */
static int accepts(int field, ui_key k)
{
    if (k < 0x20 || (k & UI_FKEY(0)) || k == 127)
        return 1; /* editing keys */
    if (field == F_DONE)
        return (k >= '0' && k <= '9') || k == '/' || k == '-' || k == '.' || k == ' ';
    if (field == F_QTY)
        return k >= '0' && k <= '9';
    return 1;
}

static void status_step(form *fm, int dir)
{
    fm->status = (item_status)(((int)fm->status + dir + ST__COUNT) % ST__COUNT);
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    form *fm = F(s);
    switch (act) {
    case ACT_SAVE:
        save(app, fm);
        return;
    case ACT_CANCEL:
        ui_form_close(app, dirty(fm));
        return;
    case ACT_NEXT_FIELD:
        fm->focus = (fm->focus + 1) % F_COUNT;
        return;
    case ACT_PREV_FIELD:
        fm->focus = (fm->focus + F_COUNT - 1) % F_COUNT;
        return;
    default:
        break;
    }
    if (fm->focus == F_STATUS) {
        if (k == ' ' || k == FK(KEY_RIGHT) || k == UI_CTRL('F'))
            status_step(fm, 1);
        else if (k == FK(KEY_LEFT) || k == UI_CTRL('B'))
            status_step(fm, -1);
        return;
    }
    if (!accepts(fm->focus, k)) {
        beep();
        return;
    }
    ui_edit_key(&fm->in[fm->focus], k);
}

static void reload(ui_app *app, ui_screen *s)
{
    (void)app;
    (void)s;
}

static void destroy(ui_screen *s)
{
    form *fm = F(s);
    for (int f = 0; f < F_COUNT; f++) {
        ui_input_free(&fm->in[f]);
        free(fm->text0[f]);
    }
    if (fm->seen)
        store_vals_free(kind_get(KIND_CHECKLIST), fm->seen);
    free(fm->seen);
    free(fm->unit_name);
    free(fm);
}

ui_screen *ui_form_new(ui_app *app, checklist *c, size_t i, const char *unit_name)
{
    form *fm = xcalloc(1, sizeof *fm);
    const cl_item *it = &c->items[i];
    char b[32] = "";
    (void)app;
    fm->base = (ui_screen){.name = N_("Edit form"),
                           .acts = ui_form_acts,
                           .nacts = ui_form_nacts,
                           .draw = draw,
                           .key = key,
                           .reload = reload,
                           .destroy = destroy,
                           .raw_keys = 1};
    fm->cl = c;
    fm->i = i;
    fm->unit_name = xstrdup(unit_name);
    fm->status = it->status;
    ui_date_vn(it->done_on, b, sizeof b);
    ui_input_init(&fm->in[F_DONE], b, 10 + 10);
    snprintf(b, sizeof b, "%ld", it->quantity);
    ui_input_init(&fm->in[F_QTY], it->quantity >= 0 ? b : "", 12);
    ui_input_init(&fm->in[F_EVIDENCE], it->evidence, 500);
    ui_input_init(&fm->in[F_NOTE], it->note, 1000);
    fm->focus = F_EVIDENCE;
    fm->status0 = fm->status;
    for (int f = F_DONE; f < F_COUNT; f++)
        fm->text0[f] = field_text(fm, f);
    fm->seen = checklist_item_vals(c, i);
    return &fm->base;
}
