/* form.c - the edit form of one checklist item: status, done date,
 * quantity, evidence and note, with real Vietnamese text input (wide
 * characters, decomposed letters, pastes; see input.c).  Enter checks
 * every field and saves (one transaction, audited); Esc closes without
 * saving.  The text is NFC and trimmed. */
#include "config.h"

#include "theodoi/checklist.h"
#include "theodoi/i18n.h"
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
    {ACT_CANCEL, UI_ESC, UI_CTRL('G'), 0, N_("close without saving"), N_("cancel")},
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
    item_status status;
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

/* Check every field; on a problem say which and put the focus there. */
static int check(ui_app *app, form *fm, td_day *done, long long *qty)
{
    char *d = ui_input_text(&fm->in[F_DONE]), *q = ui_input_text(&fm->in[F_QTY]);
    int bad = -1;
    str_trim(d);
    str_trim(q);
    *done = TD_NO_DAY;
    *qty = -1;
    if (*d && day_parse(d, done) != 0) {
        ui_message(app, 1, _("Not a date: \"%s\"; type it as DD/MM/YYYY, such as 20/08/2025"), d);
        bad = F_DONE;
    } else if (*d && *done > app->today) {
        ui_message(app, 1, _("The done date %s is in the future"), d);
        bad = F_DONE;
    } else if (*d && fm->status != ST_DONE) {
        ui_message(
            app, 1, "%s",
            _("A done date goes with the status \"done\": change the status or clear the date"));
        bad = F_DONE;
    } else if (*q && (str_to_long(q, qty) != 0 || *qty > 1000000000LL)) {
        ui_message(app, 1, _("The quantity must be a whole number, 0 or more: \"%s\""), q);
        bad = F_QTY;
    }
    free(d);
    free(q);
    if (bad >= 0)
        fm->focus = bad;
    return bad < 0;
}

static char *field_text(form *fm, int f)
{
    char *s = ui_input_text(&fm->in[f]);
    char *t = xstrdup(str_trim(s));
    free(s);
    return t;
}

static void save(ui_app *app, form *fm)
{
    td_day done;
    long long qty;
    if (!check(app, fm, &done, &qty))
        return;
    cl_item *it = &fm->cl->items[fm->i];
    it->status = fm->status;
    if (done == TD_NO_DAY && fm->status == ST_DONE)
        done = app->today;
    if (done != TD_NO_DAY)
        day_format(done, it->done_on);
    else
        it->done_on[0] = '\0';
    it->quantity = (long)qty;
    free(it->evidence);
    free(it->note);
    it->evidence = field_text(fm, F_EVIDENCE);
    it->note = field_text(fm, F_NOTE);
    char code[48];
    snprintf(code, sizeof code, "%s", it->item);
    if (checklist_save(app->db, fm->cl, fm->i) != TD_OK) {
        ui_message(app, 1, _("Not saved: %s"), db_error(app->db));
        return;
    }
    ui_pop(app); /* fm is gone */
    ui_changed(app);
    ui_message(app, 0, _("Saved %s"), code);
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
        ui_pop(app);
        ui_message(app, 0, "%s", _("Not saved: the form was closed"));
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
    for (int f = 0; f < F_COUNT; f++)
        ui_input_free(&fm->in[f]);
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
    return &fm->base;
}
