/* form.c - the edit form of one checklist item: status, done date,
 * quantity, evidence and note, made with the form framework (fform.h),
 * the same as the training forms.  Enter saves through the edit path,
 * which checks every field as an import would and refuses to overwrite a
 * change made since the form opened (the user is asked); Esc closes,
 * asking first when a field was changed.  A done item saved without a
 * date gets the date it had when it was last done, else today. */
#include "config.h"

#include "theodoi/checklist.h"
#include "theodoi/edit.h"
#include "theodoi/i18n.h"
#include "theodoi/store.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include "fform.h"

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

/* The fields, and the columns of the checklist kind they fill. */
enum { IF_STATUS, IF_DONE, IF_QTY, IF_EVIDENCE, IF_NOTE, IF_COUNT };
static const int COL[IF_COUNT] = {3, 4, 5, 6, 7};

static int item_run(ui_app *app, void *p, int force, edit_result *res)
{
    fsave *s = p;
    fform *fm = s->fm;
    char **cells = xcalloc(fm->k->ncols, sizeof *cells);
    for (size_t i = 0; i < fm->k->ncols; i++)
        cells[i] = fm->row[i] ? xstrdup(fm->row[i]) : NULL;
    for (int f = 0; f < IF_COUNT; f++)
        kind_value_set(&cells[COL[f]], *s->v[f] ? s->v[f] : NULL);
    edit_seen seen = {1, force, fm->seen};
    int rc = checklist_save(app->db, cells, &seen, res);
    store_vals_free(fm->k, cells);
    free(cells);
    return rc;
}

static void item_saved(ui_app *app, void *p, int rc, edit_result *res)
{
    fsave *s = p;
    char *code = xstrdup(s->fm->row[1]); /* the form goes */
    if (fsave_end(app, s->fm, rc, res, code) && rc == TD_OK) {
        ui_undo_push(app, res, code);
        ui_message(app, 0, _("Saved %s"), code);
    }
    free(code);
}

static int save_item(ui_app *app, fform *fm)
{
    ui_save(app, item_run, item_saved, fsave_new(fm), fsave_free);
    return 0;
}

static void text_field(fform *fm, const char *label, const char *column, int kind, const char *text,
                       size_t max)
{
    ui_input_init(&fform_field(fm, label, column, kind)->in, text, max);
}

ui_screen *ui_form_new(ui_app *app, checklist *c, size_t i, const char *unit_name)
{
    const cl_item *it = &c->items[i];
    fform *fm = fform_new(c->unit, unit_name, save_item, ui_form_acts, ui_form_nacts);
    char b[64];
    fm->base.name = N_("Edit form");
    snprintf(b, sizeof b, it->period[0] ? "%s (%s)" : "%s", it->item, it->period);
    fm->title = xasprintf(_("Edit %s: %s (%s)"), b, fm->unit_name, c->unit);
    fm->note = xstrdup(it->title);
    fm->note_rows = 3;
    if (it->deadline != TD_NO_DAY) {
        char date[16];
        day_format_vn(it->deadline, date);
        snprintf(b, sizeof b, _("Due: %s"), date);
        fm->sub = xasprintf("%s%s", b, it->overdue ? _(" ! overdue") : "");
        fm->sub_attr = it->overdue ? A_BOLD | ui_attr(app, UI_PAIR_LATE) : 0;
    }
    field *st = fform_field(fm, N_("Status"), "status", FD_CHOICE);
    for (int s = 0; s < ST__COUNT; s++)
        fform_choice(st, status_code((item_status)s), status_label((item_status)s));
    fform_choose(st, status_code(it->status));
    ui_date_vn(it->done_on, b, sizeof b);
    text_field(fm, N_("Done on (DD/MM/YYYY)"), "done_on", FD_DATE, b, 20);
    snprintf(b, sizeof b, "%ld", it->quantity);
    text_field(fm, N_("Quantity"), "quantity", FD_DIGITS, it->quantity >= 0 ? b : "", 12);
    text_field(fm, N_("Evidence"), "evidence", FD_TEXT, it->evidence, 500);
    text_field(fm, N_("Note"), "note", FD_TEXT, it->note, 1000);
    fm->focus = IF_EVIDENCE;
    fm->k = kind_get(KIND_CHECKLIST);
    fm->row = checklist_item_row(c, i);
    fm->seen = checklist_item_vals(c, i);
    if (it->stored)
        fm->last = fform_last_change(it->updated_at, it->updated_by);
    fform_ready(fm);
    return &fm->base;
}
