/* ui-help.c - the help screen (`?`): every key of every screen, made
 * from the screens' action tables, and what the marks on screen mean. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <stdio.h>

typedef struct keymap {
    const char *name; /* msgid */
    const ui_action *acts;
    size_t n;
} keymap;

static void add_keys(ui_app *app, ui_screen *v, const keymap *m)
{
    char keys[128];
    ui_view_add(v, 1, NULL, _(m->name));
    for (size_t i = 0; i < m->n; i++) {
        ui_action_keys(&m->acts[i], app->utf8, 1, keys, sizeof keys);
        ui_view_add(v, 0, keys, _(m->acts[i].label));
    }
    ui_view_add(v, 0, NULL, "");
}

/* The marks of the communes and commune screens. */
static void add_legend(ui_screen *v)
{
    ui_view_add(v, 1, NULL, _("Marks on screen"));
    ui_view_add(v, 0, "!",
                _("overdue: past its due date and not done (on a commune: how many items)"));
    ui_view_add(v, 0, "*", _("the commune has no training report for this month"));
    ui_view_add(v, 0, "[ ]", _("to do"));
    ui_view_add(v, 0, "[~]", _("in progress"));
    ui_view_add(v, 0, "[x]", _("done"));
    ui_view_add(v, 0, "[-]", _("not applicable (not counted)"));
    ui_view_add(v, 0, "63.1% /80%", _("confirmed on VNeID out of the population, and the target"));
    ui_view_add(v, 0, NULL, "");
    ui_view_add(v, 0, NULL,
                _("The screen follows the database: changes made by others show within a second."));
    ui_view_add(
        v, 0, NULL,
        _("Search ignores case and Vietnamese marks: typing \"le thanh nghi\" finds the name written with its marks."));
}

ui_screen *ui_help_new(ui_app *app)
{
    ui_screen *v = ui_view_new(app, N_("Help"), _("theodoi: keys"));
    const keymap maps[] = {
        {N_("Communes (first screen)"), ui_communes_acts, ui_communes_nacts},
        {N_("A commune: tasks and items"), ui_checklist_acts, ui_checklist_nacts},
        {N_("Edit form of an item"), ui_form_acts, ui_form_nacts},
        {N_("Training of a commune (t)"), ui_training_acts, ui_training_nacts},
        {N_("Roster of learners (r on the training)"), ui_roster_acts, ui_roster_nacts},
        {N_("Forms of a learner and of a row's counts"), ui_fields_acts, ui_fields_nacts},
        {N_("Trend of the confirmed rate (T)"), ui_trend_acts, ui_trend_nacts},
        {N_("Import: files and directories"), ui_import_acts, ui_import_nacts},
        {N_("Import: typing a path"), ui_import_path_acts, ui_import_path_nacts},
        {N_("Import: the dry run's result"), ui_import_confirm_acts, ui_import_confirm_nacts},
        {N_("Export a CSV file"), ui_export_acts, ui_export_nacts},
        {N_("Import history"), ui_batches_acts, ui_batches_nacts},
        {N_("Questions (undo a batch)"), ui_confirm_acts, ui_confirm_nacts},
        {N_("Search prompt (and text fields)"), ui_prompt_acts, ui_prompt_nacts},
        {N_("Help"), ui_view_acts, ui_view_nacts},
        {N_("History of an item (h)"), ui_history_acts, ui_history_nacts},
    };
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
        add_keys(app, v, &maps[i]);
    add_legend(v);
    ui_view_add(v, 0, NULL, "");
    ui_view_add(v, 1, NULL, _("Marks on the training screens"));
    ui_view_add(v, 0, ui_glyph(app, "\xe2\x89\xa1", "="),
                _("counted from the roster of learners: only the population is typed"));
    ui_view_add(v, 0, "<", _("no report this month: the values of an earlier month"));
    ui_view_add(v, 0, ui_glyph(app, "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x91 /80%", "##. /80%"),
                _("the confirmed rate against the year's target (a full bar: reached)"));
    return v;
}
