/* ui-learner.c - the small forms of the training screens, made with the
 * form framework (fform.h): a learner of the roster (full name, birth
 * year, gender, group, village, course, status) and the counts of one row
 * of the training table (population, registered, completed, confirmed);
 * and the roster's keys on a learner.  Every save goes through the edit
 * path (learner_save, training_set_counts, learner_advance,
 * learner_delete), which checks the row as an import would and refuses to
 * overwrite a change made since it was shown (the user is asked). */
#include "config.h"

#include "theodoi/edit.h"
#include "theodoi/i18n.h"
#include "theodoi/learners.h"
#include "theodoi/store.h"
#include "theodoi/text.h"
#include "theodoi/training.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include "fform.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_fields_acts[] = {
    {ACT_SAVE, UI_ENTER, 0, 0, N_("check and save, close the form"), N_("save")},
    {ACT_CANCEL, UI_ESC, UI_CTRL('G'), 0, N_("close without saving (asks when a field changed)"),
     N_("cancel")},
    {ACT_NEXT_FIELD, UI_TAB, FK(KEY_DOWN), UI_CTRL('N'), N_("next field"), NULL},
    {ACT_PREV_FIELD, FK(KEY_UP), FK(KEY_BTAB), UI_CTRL('P'), N_("previous field"), N_("field")},
    {ACT_ADVANCE, ' ', 0, 0,
     N_("on a choice (gender, group, course, status): the next one; "
        "arrows step, a letter jumps"),
     N_("choice")},
    {ACT_NONE, FK(KEY_BACKSPACE), UI_CTRL('H'), 0, N_("delete the character before the cursor"),
     NULL},
    {ACT_NONE, UI_CTRL('U'), 0, 0, N_("delete to the start of the field"), N_("delete")},
};
const size_t ui_fields_nacts = sizeof ui_fields_acts / sizeof ui_fields_acts[0];

/* ---- a learner ------------------------------------------------------------- */

enum { LF_NAME, LF_BIRTH, LF_GENDER, LF_GROUP, LF_VILLAGE, LF_COURSE, LF_STATUS };

static int learner_run(ui_app *app, void *p, int force, edit_result *res)
{
    fsave *s = p;
    fform *fm = s->fm;
    char **v = s->v;
    learner_form lf = {v[LF_NAME],    v[LF_BIRTH],  v[LF_GENDER], v[LF_GROUP],
                       v[LF_VILLAGE], v[LF_COURSE], v[LF_STATUS]};
    int is_new = !fm->id[0];
    edit_seen seen = {1, force, fm->seen};
    xfree(&s->id);
    return learner_save(app->db, fm->unit, is_new ? NULL : fm->id, is_new ? NULL : fm->course_was,
                        &lf, is_new ? NULL : &seen, &s->id, res);
}

static void learner_saved(ui_app *app, void *p, int rc, edit_result *res)
{
    fsave *s = p;
    int is_new = !s->fm->id[0];
    char *what = xasprintf("%s (%s)", s->v[LF_NAME], s->id ? s->id : s->fm->id);
    if (fsave_end(app, s->fm, rc, res, what) && rc == TD_OK) {
        ui_undo_push(app, res, what);
        if (app->top->acts == ui_roster_acts)
            ui_roster_goto(app, app->top, s->id, s->v[LF_COURSE]);
        ui_message(app, 0, is_new ? _("Added %s (%s)") : _("Saved %s (%s)"), s->v[LF_NAME], s->id);
    }
    free(what);
}

static int save_learner(ui_app *app, fform *fm)
{
    ui_save(app, learner_run, learner_saved, fsave_new(fm), fsave_free);
    return 0;
}

static void add_choices(td_db *db, field *f, tr_choice_kind which, const char *want)
{
    tr_choice *list = NULL;
    size_t n = 0;
    training_choices(db, which, &list, &n);
    for (size_t i = 0; i < n; i++) {
        char *name = xasprintf("%s  %s", list[i].code, list[i].title);
        fform_choice(f, list[i].code, name);
        free(name);
    }
    training_choices_free(&list, n);
    if (want && *want)
        fform_choose(f, want);
}

ui_screen *ui_learner_form_new(ui_app *app, const char *unit, const char *unit_name,
                               const learner *l, const char *group, const char *course,
                               const char *village)
{
    fform *fm = fform_new(unit, unit_name, save_learner, ui_fields_acts, ui_fields_nacts);
    char by[16] = "";
    if (l) {
        snprintf(fm->id, sizeof fm->id, "%s", l->id);
        snprintf(fm->course_was, sizeof fm->course_was, "%s", l->course);
        if (l->birth_year > 0)
            snprintf(by, sizeof by, "%d", l->birth_year);
        fm->title = xasprintf(_("Learner %s: %s (%s)"), l->id, fm->unit_name, unit);
        fm->last = fform_last_change(l->updated_at, l->updated_by);
    } else {
        fm->title = xasprintf(_("New learner: %s (%s)"), fm->unit_name, unit);
    }
    fm->note =
        xstrdup(_("Only what the roster needs: no ID numbers, no photos (Law 91/2025/QH15)"));
    ui_input_init(&fform_field(fm, N_("Full name"), "full_name", FD_TEXT)->in,
                  l ? l->full_name : NULL, 100);
    ui_input_init(&fform_field(fm, N_("Birth year"), "birth_year", FD_DIGITS)->in, by, 4);
    field *g = fform_field(fm, N_("Gender"), "gender", FD_CHOICE);
    fform_choice(g, "", _("not given"));
    fform_choice(g, "nam", _("male"));
    fform_choice(g, "nu", _("female"));
    fform_choice(g, "khac", _("other"));
    fform_choose(g, l ? l->gender : NULL);
    add_choices(app->db, fform_field(fm, N_("Group"), "group_code", FD_CHOICE), TR_GROUPS,
                l ? l->group : group);
    ui_input_init(&fform_field(fm, N_("Village"), "village", FD_TEXT)->in, l ? l->village : village,
                  100);
    add_choices(app->db, fform_field(fm, N_("Training course"), "course_code", FD_CHOICE),
                TR_COURSES, l ? l->course : course);
    field *st = fform_field(fm, N_("Status"), "status", FD_CHOICE);
    for (int i = 0; i < LS__COUNT; i++)
        fform_choice(st, lstatus_code((learner_status)i), lstatus_label((learner_status)i));
    fform_choose(st, l ? lstatus_code(l->status) : NULL);
    fm->k = kind_get(KIND_LEARNERS);
    fm->seen = l ? learner_vals(l) : NULL;
    fform_ready(fm);
    return &fm->base;
}

/* ---- the counts of a training row ------------------------------------------- */

/* The row of counts a training table shows, as the kind's values. */
static char **training_row_vals(const char *unit, const char *month, const tr_row *r)
{
    char **v = xcalloc(10, sizeof *v);
    const int64_t n[4] = {r->population, r->registered, r->completed, r->confirmed};
    v[0] = xstrdup(unit);
    v[1] = xstrdup(month);
    v[2] = xstrdup(r->group);
    v[3] = xstrdup(r->course);
    for (int i = 0; i < 4; i++)
        v[4 + i] = n[i] >= 0 ? xasprintf("%lld", (long long)n[i]) : NULL;
    v[8] = r->updated_at[0] ? xstrdup(r->updated_at) : NULL;
    v[9] = r->updated_by[0] ? xstrdup(r->updated_by) : NULL;
    return v;
}

static int counts_run(ui_app *app, void *p, int force, edit_result *res)
{
    fsave *s = p;
    fform *fm = s->fm;
    int64_t c[4];
    for (int i = 0; i < 4; i++)
        c[i] = fm->f[i].kind == FD_FIXED ? -1 : fform_count(&fm->f[i]);
    edit_seen seen = {1, force, fm->seen};
    return training_set_counts(app->db, fm->unit, fm->month, fm->group, fm->course, c[0], c[1],
                               c[2], c[3], &seen, res);
}

static void counts_saved(ui_app *app, void *p, int rc, edit_result *res)
{
    fsave *s = p;
    char *what = xasprintf("%s/%s", s->fm->group, s->fm->course);
    if (fsave_end(app, s->fm, rc, res, what) && rc == TD_OK) {
        char *undo = xasprintf(_("the counts of %s"), what);
        ui_undo_push(app, res, undo);
        free(undo);
        ui_message(app, 0, _("Saved the counts of %s"), what);
    }
    free(what);
}

static int save_counts(ui_app *app, fform *fm)
{
    ui_save(app, counts_run, counts_saved, fsave_new(fm), fsave_free);
    return 0;
}

static void count_field(fform *fm, const char *label, const char *column, int64_t v, int fixed)
{
    char b[24] = "";
    if (v >= 0)
        snprintf(b, sizeof b, "%lld", (long long)v);
    field *f = fform_field(fm, label, column, fixed ? FD_FIXED : FD_DIGITS);
    if (fixed)
        f->fixed = xasprintf(_("%s (counted from the roster)"), v >= 0 ? b : "0");
    else
        ui_input_init(&f->in, b, 12);
}

ui_screen *ui_counts_form_new(ui_app *app, const char *unit, const char *unit_name,
                              const char *month, const tr_row *r)
{
    fform *fm = fform_new(unit, unit_name, save_counts, ui_fields_acts, ui_fields_nacts);
    (void)app;
    snprintf(fm->month, sizeof fm->month, "%s", month);
    snprintf(fm->group, sizeof fm->group, "%s", r->group);
    snprintf(fm->course, sizeof fm->course, "%s", r->course);
    fm->title = xasprintf(_("Counts of %.2s/%.4s: %s (%s)"), month + 5, month, fm->unit_name, unit);
    fm->note = xasprintf("%s / %s", r->group_title, r->course_title);
    if (strcmp(r->period, month) == 0)
        fm->last = fform_last_change(r->updated_at, r->updated_by);
    else if (r->period[0])
        fm->last = xasprintf(_("The values shown come from %.2s/%.4s; saving writes %.2s/%.4s"),
                             r->period + 5, r->period, month + 5, month);
    count_field(fm, N_("Population"), "population", r->population, 0);
    count_field(fm, N_("Registered"), "registered", r->registered, r->locked);
    count_field(fm, N_("Completed"), "completed", r->completed, r->locked);
    count_field(fm, N_("Confirmed on VNeID"), "confirmed", r->confirmed, r->locked);
    fm->k = kind_get(KIND_TRAINING);
    fm->seen = strcmp(r->period, month) == 0 ? training_row_vals(unit, month, r) : NULL;
    fform_ready(fm);
    return &fm->base;
}

/* ---- the roster's keys on a learner ------------------------------------------- */

/* Space and d on the roster: saved at once, against the row shown. */
typedef struct lkey {
    char unit[16], id[48], course[48];
    char *name;
    char **seen;
    int was_confirmed;
    learner_status now;
} lkey;

static void lkey_free(void *p)
{
    lkey *s = p;
    if (s->seen)
        store_vals_free(kind_get(KIND_LEARNERS), s->seen);
    free(s->seen);
    free(s->name);
    free(s);
}

static lkey *lkey_new(const char *unit, const learner *l)
{
    lkey *s = xcalloc(1, sizeof *s);
    snprintf(s->unit, sizeof s->unit, "%s", unit);
    snprintf(s->id, sizeof s->id, "%s", l->id);
    snprintf(s->course, sizeof s->course, "%s", l->course);
    s->name = xstrdup(l->full_name);
    s->seen = learner_vals(l);
    s->was_confirmed = l->status == LS_CONFIRMED;
    return s;
}

static int advance_run(ui_app *app, void *p, int force, edit_result *res)
{
    lkey *s = p;
    edit_seen seen = {1, force, s->seen};
    return learner_advance(app->db, s->unit, s->id, s->course, &seen, &s->now, res);
}

static void advance_saved(ui_app *app, void *p, int rc, edit_result *res)
{
    lkey *s = p;
    if (rc != TD_OK) {
        ui_changed(app);
        ui_save_message(app, rc, res, s->name);
    } else if (s->was_confirmed) {
        ui_message(app, 0, _("%s is already confirmed; e changes the status"), s->name);
    } else {
        char *what = xasprintf("%s (%s) %s", s->name, s->id, lstatus_label(s->now));
        ui_undo_push(app, res, what);
        free(what);
        ui_changed(app);
        ui_message(app, 0, _("Saved: %s is now \"%s\""), s->name, lstatus_label(s->now));
    }
}

void ui_learner_advance(ui_app *app, const char *unit, const learner *l)
{
    ui_save(app, advance_run, advance_saved, lkey_new(unit, l), lkey_free);
}

static int delete_run(ui_app *app, void *p, int force, edit_result *res)
{
    lkey *s = p;
    edit_seen seen = {1, force, s->seen};
    return learner_delete(app->db, s->unit, s->id, s->course, &seen, res);
}

static void delete_saved(ui_app *app, void *p, int rc, edit_result *res)
{
    lkey *s = p;
    ui_changed(app);
    if (rc != TD_OK) {
        const char *e = res->err && *res->err ? res->err : _("unknown error");
        if (res->conflict)
            ui_message(app, 1, _("Not deleted: %s keeps the change of %s"), s->name, res->by);
        else
            ui_message(app, 1, _("Not deleted: %s"), e);
        return;
    }
    char *what = xasprintf(_("deleting %s (%s) from course %s"), s->name, s->id, s->course);
    ui_undo_push(app, res, what);
    free(what);
    ui_message(app, 0, _("Deleted %s (%s) from course %s"), s->name, s->id, s->course);
}

void ui_learner_delete(ui_app *app, const char *unit, const learner *l)
{
    ui_save(app, delete_run, delete_saved, lkey_new(unit, l), lkey_free);
}
