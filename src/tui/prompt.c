/* prompt.c - the search prompt at the bottom, the editing keys of every
 * text field, and moving to matches.
 *
 * `/` opens the prompt; Enter folds what was typed (case and Vietnamese
 * diacritics ignored: "le thanh nghi" finds "Lê Thanh Nghị") and moves
 * the cursor to the first row that matches; `n` and `N` move to the next
 * and previous match, wrapping around.  Search moves, it never hides
 * rows. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_prompt_acts[] = {
    {ACT_SAVE, UI_ENTER, 0, 0, N_("search: go to the first match"), N_("find")},
    {ACT_CANCEL, UI_ESC, UI_CTRL('G'), 0, N_("close the prompt"), N_("cancel")},
    {ACT_NONE, FK(KEY_LEFT), UI_CTRL('B'), 0, N_("cursor left"), NULL},
    {ACT_NONE, FK(KEY_RIGHT), UI_CTRL('F'), 0, N_("cursor right"), N_("move")},
    {ACT_NONE, FK(KEY_HOME), UI_CTRL('A'), 0, N_("start of the text"), NULL},
    {ACT_NONE, FK(KEY_END), UI_CTRL('E'), 0, N_("end of the text"), N_("start/end")},
    {ACT_NONE, FK(KEY_BACKSPACE), UI_CTRL('H'), 0, N_("delete the character before the cursor"),
     NULL},
    {ACT_NONE, FK(KEY_DC), UI_CTRL('D'), 0, N_("delete the character under the cursor"),
     N_("delete")},
    {ACT_NONE, UI_CTRL('U'), 0, 0, N_("delete to the start"), NULL},
    {ACT_NONE, UI_CTRL('K'), 0, 0, N_("delete to the end"), N_("clear")},
};
const size_t ui_prompt_nacts = sizeof ui_prompt_acts / sizeof ui_prompt_acts[0];

int ui_edit_key(ui_input *in, ui_key k)
{
    switch (k) {
    case FK(KEY_LEFT):
    case UI_CTRL('B'):
        ui_input_left(in);
        return 1;
    case FK(KEY_RIGHT):
    case UI_CTRL('F'):
        ui_input_right(in);
        return 1;
    case FK(KEY_HOME):
    case UI_CTRL('A'):
        ui_input_home(in);
        return 1;
    case FK(KEY_END):
    case UI_CTRL('E'):
        ui_input_end(in);
        return 1;
    case FK(KEY_BACKSPACE):
    case 127:
    case UI_CTRL('H'):
        ui_input_backspace(in);
        return 1;
    case FK(KEY_DC):
    case UI_CTRL('D'):
        ui_input_delete(in);
        return 1;
    case UI_CTRL('K'):
        ui_input_kill_end(in);
        return 1;
    case UI_CTRL('U'):
        ui_input_kill_start(in);
        return 1;
    default:
        break;
    }
    if (k >= 0x20 && !(k & UI_FKEY(0))) {
        ui_input_insert(in, (unsigned int)k);
        return 1;
    }
    return 0;
}

void ui_search_start(ui_app *app)
{
    if (!app->top->find) {
        ui_message(app, 0, "%s", _("There is nothing to search on this screen"));
        return;
    }
    ui_prompt *p = &app->prompt;
    ui_input_free(&p->in);
    ui_input_init(&p->in, NULL, 200);
    p->first = 0;
    p->label = _("Search:");
    p->active = 1;
    app->status_dirty = 1;
    app->msg_dirty = 1;
}

static void prompt_close(ui_app *app)
{
    app->prompt.active = 0;
    app->status_dirty = 1;
    app->msg_dirty = 1;
}

/* Move to a match of the last search from row `from` on (dir 1) or
 * back (dir -1). */
static void search_from(ui_app *app, long from, int dir)
{
    ui_screen *s = app->top;
    long row = s->find(app, s, app->search, from, dir);
    if (row < 0) {
        ui_message(app, 1, _("Not found: %s"), app->search);
        return;
    }
    s->goto_row(app, s, row);
    if ((dir > 0 && row < from) || (dir < 0 && row > from))
        ui_message(app, 0, "%s",
                   dir > 0 ? _("Search went on from the top")
                           : _("Search went on from the bottom"));
}

void ui_search_next(ui_app *app, int dir)
{
    ui_screen *s = app->top;
    if (!s->find) {
        ui_message(app, 0, "%s", _("There is nothing to search on this screen"));
        return;
    }
    if (!app->search) {
        ui_message(app, 0, "%s", _("No search yet: press / and type a name"));
        return;
    }
    search_from(app, s->cursor(s) + dir, dir);
}

void ui_prompt_key(ui_app *app, ui_key k)
{
    ui_prompt *p = &app->prompt;
    ui_act act = ui_action_of(ui_prompt_acts, ui_prompt_nacts, k);
    if (act == ACT_CANCEL || ((k == FK(KEY_BACKSPACE) || k == 127) && p->in.len == 0)) {
        prompt_close(app);
        return;
    }
    if (act == ACT_SAVE) {
        char *typed = ui_input_text(&p->in);
        char *folded = text_fold(typed);
        prompt_close(app);
        if (folded && *folded) {
            free(app->search);
            app->search = folded;
            folded = NULL;
            search_from(app, 0, 1);
        }
        free(folded);
        free(typed);
        return;
    }
    if (ui_edit_key(&p->in, k))
        app->msg_dirty = 1;
}
