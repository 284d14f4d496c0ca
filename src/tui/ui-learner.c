/* ui-learner.c - the small forms of the training screens, made of one
 * form of fields: a learner of the roster (full name, birth year,
 * gender, group, village, course, status) and the counts of one row of
 * the training table (population, registered, completed, confirmed).
 *
 * A field is free text (real Vietnamese input: input.c), digits, a
 * choice (Space and the arrows step through it; a letter jumps to the
 * next choice that starts with it) or a fixed value shown dim.  Enter
 * saves through the edit path (learner_save, training_set_counts), which
 * checks the row as an import would and refuses to overwrite a change
 * made since the form opened (the user is asked); a problem is shown as a
 * message and the focus goes to its field, the form stays open.  Esc
 * closes, asking first when a field was changed. */
#include "config.h"

#include "theodoi/edit.h"
#include "theodoi/i18n.h"
#include "theodoi/learners.h"
#include "theodoi/store.h"
#include "theodoi/text.h"
#include "theodoi/training.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

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

enum { FD_TEXT, FD_DIGITS, FD_CHOICE, FD_FIXED };
enum { MAX_FIELDS = 8 };

typedef struct field {
    const char *label;  /* msgid */
    const char *column; /* the column its problems name */
    int kind;
    ui_input in; /* FD_TEXT, FD_DIGITS */
    size_t first;
    char **codes, **names; /* FD_CHOICE */
    size_t n, cur;
    char *fixed; /* FD_FIXED */
} field;

typedef struct fform fform;
struct fform {
    ui_screen base;
    char *title, *note, *last;
    field f[MAX_FIELDS];
    int n, focus;
    int (*save)(ui_app *app, fform *fm);   /* 1: saved, the form is gone */
    char *value0[MAX_FIELDS];              /* the values as the form opened */
    char **seen;                           /* the row then (NULL: none) */
    const kind_def *k;                     /* of seen */
    char unit[16], id[48], course_was[48]; /* a learner */
    char month[8], group[48], course[48];  /* a row of counts */
    char *unit_name;
};

#define FM(s) ((fform *)(s))

/* ---- fields ------------------------------------------------------------- */

static field *add_field(fform *fm, const char *label, const char *column, int kind)
{
    field *f = &fm->f[fm->n++];
    f->label = label;
    f->column = column;
    f->kind = kind;
    return f;
}

static void add_choice(field *f, const char *code, const char *name)
{
    f->codes = xrealloc(f->codes, (f->n + 1) * sizeof *f->codes);
    f->names = xrealloc(f->names, (f->n + 1) * sizeof *f->names);
    f->codes[f->n] = xstrdup(code);
    f->names[f->n++] = xstrdup(name);
}

static void choose(field *f, const char *code)
{
    for (size_t i = 0; code && i < f->n; i++)
        if (strcmp(f->codes[i], code) == 0)
            f->cur = i;
}

/* A field's value: the code of a choice, the trimmed text (malloc'd). */
static char *value(const field *f)
{
    if (f->kind == FD_CHOICE)
        return xstrdup(f->n ? f->codes[f->cur] : "");
    if (f->kind == FD_FIXED)
        return xstrdup(f->fixed ? f->fixed : "");
    char *s = ui_input_text(&f->in), *t = xstrdup(str_trim(s));
    free(s);
    return t;
}

/* A count typed in a field: -1 when empty. */
static int64_t count_of(const field *f)
{
    char *s = value(f);
    long long v = -1;
    if (*s && str_to_long(s, &v) != 0)
        v = -2; /* digits only: cannot happen */
    free(s);
    return v;
}

static void field_free(field *f)
{
    ui_input_free(&f->in);
    for (size_t i = 0; i < f->n; i++) {
        free(f->codes[i]);
        free(f->names[i]);
    }
    free(f->codes);
    free(f->names);
    free(f->fixed);
}

/* Show the first problem of a save and put the focus on its field. */
static void show_problem(ui_app *app, fform *fm, const char *err)
{
    const char *e = err && *err ? err : _("unknown error");
    for (int i = 0; i < fm->n; i++) {
        size_t cl = strlen(fm->f[i].column);
        if (strncmp(e, fm->f[i].column, cl) == 0 && e[cl] == ':' && e[cl + 1] == ' ') {
            if (fm->f[i].kind != FD_FIXED)
                fm->focus = i;
            e += cl + 2; /* the focus shows the field */
            break;
        }
    }
    ui_message(app, 1, _("Not saved: %.*s"), (int)strcspn(e, "\n"), e);
}

/* ---- drawing -------------------------------------------------------------- */

static int label_width(const ui_app *app, const fform *fm)
{
    int w = 0;
    for (int i = 0; i < fm->n; i++)
        if (text_width(_(fm->f[i].label)) > w)
            w = text_width(_(fm->f[i].label));
    w += 2;
    return w > app->cols * 2 / 5 ? app->cols * 2 / 5 : w;
}

static void draw_field(ui_app *app, fform *fm, int i, int y, int lw)
{
    field *f = &fm->f[i];
    int focus = fm->focus == i, x = 2 + lw;
    ui_field_label(app, y, lw, _(f->label), focus);
    if (f->kind == FD_TEXT || f->kind == FD_DIGITS) {
        if (app->cols - x - 3 >= 2)
            ui_field_input(app, y, x, app->cols - x - 3, &f->in, &f->first, focus);
        return;
    }
    if (focus)
        app->cursor_y = -1;
    if (f->kind == FD_FIXED) {
        ui_put(app, y, x + 1, app->cols - x - 2, f->fixed, ui_attr(app, UI_PAIR_DIM), 0);
        return;
    }
    ui_field_choice(app, y, x, f->n ? f->names[f->cur] : "", focus);
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    fform *fm = FM(s);
    char date[16];
    (void)full;
    day_format_vn(app->today, date);
    ui_header(app, fm->title, date);
    int y = ui_body_top(app), end = y + ui_body_rows(app);
    for (int r = y; r < end; r++)
        ui_clear_eol(app, r, 0);
    if (fm->note && end - y > fm->n + 1)
        y += ui_put(app, y, 2, app->cols - 3, fm->note, A_BOLD, 0) > 0;
    if (end - y > fm->n + 1)
        y++;
    int lw = label_width(app, fm);
    for (int i = 0; i < fm->n && y < end; i++, y++)
        draw_field(app, fm, i, y, lw);
    if (fm->last && y + 1 < end)
        ui_put(app, y + 1, 2, app->cols - 3, fm->last, ui_attr(app, UI_PAIR_DIM), 0);
    snprintf(s->info, sizeof s->info, "%s",
             _("Enter saves, Esc cancels; Tab or arrows go to the next field"));
}

/* ---- keys ------------------------------------------------------------------ */

/* A letter on a choice: the next choice whose name starts with it. */
static void choice_jump(field *f, ui_key k)
{
    char u[8] = {0};
    text_utf8_encode((unsigned)k, u);
    char *want = text_fold(u);
    for (size_t d = 1; want && *want && d <= f->n; d++) {
        size_t i = (f->cur + d) % f->n;
        char *name = text_fold(f->names[i]), *code = text_fold(f->codes[i]);
        int hit = (name && strncmp(name, want, strlen(want)) == 0) ||
                  (code && strncmp(code, want, strlen(want)) == 0);
        free(name);
        free(code);
        if (hit) {
            f->cur = i;
            break;
        }
    }
    free(want);
}

static void choice_key(field *f, ui_key k)
{
    if (f->n == 0)
        return;
    if (k == ' ' || k == FK(KEY_RIGHT) || k == UI_CTRL('F'))
        f->cur = (f->cur + 1) % f->n;
    else if (k == FK(KEY_LEFT) || k == UI_CTRL('B'))
        f->cur = (f->cur + f->n - 1) % f->n;
    else if (k > ' ' && !(k & UI_FKEY(0)))
        choice_jump(f, k);
}

/* The next field that takes input, from i stepping by dir. */
static int next_focus(const fform *fm, int i, int dir)
{
    for (int d = 0; d < fm->n; d++) {
        i = (i + dir + fm->n) % fm->n;
        if (fm->f[i].kind != FD_FIXED)
            return i;
    }
    return fm->focus;
}

/* The values as the form opens (to know whether Esc throws work away). */
static void form_ready(fform *fm)
{
    for (int i = 0; i < fm->n; i++)
        fm->value0[i] = value(&fm->f[i]);
}

static int dirty(const fform *fm)
{
    for (int i = 0; i < fm->n; i++) {
        char *v = value(&fm->f[i]);
        int same = fm->value0[i] && strcmp(v, fm->value0[i]) == 0;
        free(v);
        if (!same)
            return 1;
    }
    return 0;
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    fform *fm = FM(s);
    field *f = &fm->f[fm->focus];
    switch (act) {
    case ACT_SAVE:
        fm->save(app, fm);
        return;
    case ACT_CANCEL:
        ui_form_close(app, dirty(fm));
        return;
    case ACT_NEXT_FIELD:
        fm->focus = next_focus(fm, fm->focus, 1);
        return;
    case ACT_PREV_FIELD:
        fm->focus = next_focus(fm, fm->focus, -1);
        return;
    default:
        break;
    }
    if (f->kind == FD_CHOICE)
        choice_key(f, k);
    else if (f->kind == FD_DIGITS && k >= 0x20 && !(k & UI_FKEY(0)) && k != 127 &&
             (k < '0' || k > '9'))
        beep();
    else if (f->kind != FD_FIXED)
        ui_edit_key(&f->in, k);
}

static void reload(ui_app *app, ui_screen *s)
{
    (void)app;
    (void)s;
}

static void destroy(ui_screen *s)
{
    fform *fm = FM(s);
    for (int i = 0; i < fm->n; i++) {
        field_free(&fm->f[i]);
        free(fm->value0[i]);
    }
    if (fm->seen)
        store_vals_free(fm->k, fm->seen);
    free(fm->seen);
    free(fm->title);
    free(fm->note);
    free(fm->last);
    free(fm->unit_name);
    free(fm);
}

static fform *form_new(const char *unit, const char *unit_name, int (*save)(ui_app *, fform *))
{
    fform *fm = xcalloc(1, sizeof *fm);
    fm->base = (ui_screen){.name = N_("Form"),
                           .acts = ui_fields_acts,
                           .nacts = ui_fields_nacts,
                           .draw = draw,
                           .key = key,
                           .reload = reload,
                           .destroy = destroy,
                           .raw_keys = 1};
    snprintf(fm->unit, sizeof fm->unit, "%s", unit);
    fm->unit_name = xstrdup(unit_name ? unit_name : unit);
    fm->save = save;
    return fm;
}

/* "Last change: 20/11/2026 10:00 by lan" (malloc'd), NULL when never. */
static char *last_change(const char *at, const char *by)
{
    char when[32];
    if (!at || !*at)
        return NULL;
    ui_date_vn(at, when, sizeof when);
    return xasprintf(_("Last change: %s %.5s by %s"), when, strlen(at) >= 16 ? at + 11 : "", by);
}

/* ---- a learner ------------------------------------------------------------- */

enum { LF_NAME, LF_BIRTH, LF_GENDER, LF_GROUP, LF_VILLAGE, LF_COURSE, LF_STATUS };

/* A form's save through ui_save: the form is on top while it runs. */
typedef struct fsave {
    fform *fm;
    char *v[MAX_FIELDS];
    char *id;
} fsave;

static void fsave_free(void *p)
{
    fsave *s = p;
    for (int i = 0; i < MAX_FIELDS; i++)
        free(s->v[i]);
    free(s->id);
    free(s);
}

static fsave *fsave_new(fform *fm)
{
    fsave *s = xcalloc(1, sizeof *s);
    s->fm = fm;
    for (int i = 0; i < fm->n; i++)
        s->v[i] = value(&fm->f[i]);
    return s;
}

/* After a save: a problem keeps the form open with the focus on its
 * field; otherwise the form closes (1). */
static int fsave_end(ui_app *app, fform *fm, int rc, const edit_result *res, const char *what)
{
    if (rc != TD_OK && !res->conflict) {
        show_problem(app, fm, res->err);
        return 0;
    }
    ui_pop(app); /* fm is gone */
    ui_changed(app);
    ui_save_message(app, rc, res, what);
    return 1;
}

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
        add_choice(f, list[i].code, name);
        free(name);
    }
    training_choices_free(&list, n);
    if (want && *want)
        choose(f, want);
}

ui_screen *ui_learner_form_new(ui_app *app, const char *unit, const char *unit_name,
                               const learner *l, const char *group, const char *course,
                               const char *village)
{
    fform *fm = form_new(unit, unit_name, save_learner);
    char by[16] = "";
    if (l) {
        snprintf(fm->id, sizeof fm->id, "%s", l->id);
        snprintf(fm->course_was, sizeof fm->course_was, "%s", l->course);
        if (l->birth_year > 0)
            snprintf(by, sizeof by, "%d", l->birth_year);
        fm->title = xasprintf(_("Learner %s: %s (%s)"), l->id, fm->unit_name, unit);
        fm->last = last_change(l->updated_at, l->updated_by);
    } else {
        fm->title = xasprintf(_("New learner: %s (%s)"), fm->unit_name, unit);
    }
    fm->note =
        xstrdup(_("Only what the roster needs: no ID numbers, no photos (Law 91/2025/QH15)"));
    ui_input_init(&add_field(fm, N_("Full name"), "full_name", FD_TEXT)->in,
                  l ? l->full_name : NULL, 100);
    ui_input_init(&add_field(fm, N_("Birth year"), "birth_year", FD_DIGITS)->in, by, 4);
    field *g = add_field(fm, N_("Gender"), "gender", FD_CHOICE);
    add_choice(g, "", _("not given"));
    add_choice(g, "nam", _("male"));
    add_choice(g, "nu", _("female"));
    add_choice(g, "khac", _("other"));
    choose(g, l ? l->gender : NULL);
    add_choices(app->db, add_field(fm, N_("Group"), "group_code", FD_CHOICE), TR_GROUPS,
                l ? l->group : group);
    ui_input_init(&add_field(fm, N_("Village"), "village", FD_TEXT)->in, l ? l->village : village,
                  100);
    add_choices(app->db, add_field(fm, N_("Training course"), "course_code", FD_CHOICE), TR_COURSES,
                l ? l->course : course);
    field *st = add_field(fm, N_("Status"), "status", FD_CHOICE);
    for (int i = 0; i < LS__COUNT; i++)
        add_choice(st, lstatus_code((learner_status)i), lstatus_label((learner_status)i));
    choose(st, l ? lstatus_code(l->status) : NULL);
    fm->k = kind_get(KIND_LEARNERS);
    fm->seen = l ? learner_vals(l) : NULL;
    form_ready(fm);
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
        c[i] = fm->f[i].kind == FD_FIXED ? -1 : count_of(&fm->f[i]);
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
    field *f = add_field(fm, label, column, fixed ? FD_FIXED : FD_DIGITS);
    if (fixed)
        f->fixed = xasprintf(_("%s (counted from the roster)"), v >= 0 ? b : "0");
    else
        ui_input_init(&f->in, b, 12);
}

ui_screen *ui_counts_form_new(ui_app *app, const char *unit, const char *unit_name,
                              const char *month, const tr_row *r)
{
    fform *fm = form_new(unit, unit_name, save_counts);
    (void)app;
    snprintf(fm->month, sizeof fm->month, "%s", month);
    snprintf(fm->group, sizeof fm->group, "%s", r->group);
    snprintf(fm->course, sizeof fm->course, "%s", r->course);
    fm->title = xasprintf(_("Counts of %.2s/%.4s: %s (%s)"), month + 5, month, fm->unit_name, unit);
    fm->note = xasprintf("%s / %s", r->group_title, r->course_title);
    if (strcmp(r->period, month) == 0)
        fm->last = last_change(r->updated_at, r->updated_by);
    else if (r->period[0])
        fm->last = xasprintf(_("The values shown come from %.2s/%.4s; saving writes %.2s/%.4s"),
                             r->period + 5, r->period, month + 5, month);
    count_field(fm, N_("Population"), "population", r->population, 0);
    count_field(fm, N_("Registered"), "registered", r->registered, r->locked);
    count_field(fm, N_("Completed"), "completed", r->completed, r->locked);
    count_field(fm, N_("Confirmed on VNeID"), "confirmed", r->confirmed, r->locked);
    fm->k = kind_get(KIND_TRAINING);
    fm->seen = strcmp(r->period, month) == 0 ? training_row_vals(unit, month, r) : NULL;
    form_ready(fm);
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
