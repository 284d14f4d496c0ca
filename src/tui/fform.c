/* fform.c - the one form framework of the UI: fields, drawing, keys,
 * the question on Esc, and the save through ui_save (see fform.h). */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/store.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include "fform.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FK(k) UI_FKEY(k)

/* ---- fields ------------------------------------------------------------- */

field *fform_field(fform *fm, const char *label, const char *column, int kind)
{
    field *f = &fm->f[fm->n++];
    f->label = label;
    f->column = column;
    f->kind = kind;
    return f;
}

void fform_choice(field *f, const char *code, const char *name)
{
    f->codes = xrealloc(f->codes, (f->n + 1) * sizeof *f->codes);
    f->names = xrealloc(f->names, (f->n + 1) * sizeof *f->names);
    f->codes[f->n] = xstrdup(code);
    f->names[f->n++] = xstrdup(name);
}

void fform_choose(field *f, const char *code)
{
    for (size_t i = 0; code && i < f->n; i++)
        if (strcmp(f->codes[i], code) == 0)
            f->cur = i;
}

/* A field's value: the code of a choice, the trimmed text (malloc'd). */
char *fform_value(const field *f)
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
int64_t fform_count(const field *f)
{
    char *s = fform_value(f);
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
void fform_problem(ui_app *app, fform *fm, const char *err)
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
    if (f->kind == FD_TEXT || f->kind == FD_DIGITS || f->kind == FD_DATE) {
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
    int room = end - y - fm->n - 3, rows = fm->note_rows > 1 ? fm->note_rows : 1;
    if (fm->note && room > 0)
        y += ui_wrap(app, y, 2, app->cols - 3, rows < room ? rows : room, fm->note, A_BOLD);
    if (fm->sub && end - y > fm->n + 1)
        y += ui_put(app, y, 2, app->cols - 3, fm->sub, fm->sub_attr, 0) >= 0;
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
void fform_ready(fform *fm)
{
    for (int i = 0; i < fm->n; i++)
        fm->value0[i] = fform_value(&fm->f[i]);
}

static int dirty(const fform *fm)
{
    for (int i = 0; i < fm->n; i++) {
        char *v = fform_value(&fm->f[i]);
        int same = fm->value0[i] && strcmp(v, fm->value0[i]) == 0;
        free(v);
        if (!same)
            return 1;
    }
    return 0;
}

/* Digits take digits, a date digits and separators; editing keys pass. */
static int accepts(int kind, ui_key k)
{
    if (k < 0x20 || (k & UI_FKEY(0)) || k == 127 || (kind != FD_DIGITS && kind != FD_DATE))
        return 1;
    return (k >= '0' && k <= '9') ||
           (kind == FD_DATE && (k == '/' || k == '-' || k == '.' || k == ' '));
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
    else if (!accepts(f->kind, k))
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
    free(fm->sub);
    free(fm->last);
    if (fm->row)
        store_vals_free(fm->k, fm->row);
    free(fm->row);
    free(fm->unit_name);
    free(fm);
}

fform *fform_new(const char *unit, const char *unit_name, int (*save)(ui_app *, fform *),
                 const ui_action *acts, size_t nacts)
{
    fform *fm = xcalloc(1, sizeof *fm);
    fm->base = (ui_screen){.name = N_("Form"),
                           .acts = acts,
                           .nacts = nacts,
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
char *fform_last_change(const char *at, const char *by)
{
    char when[32];
    if (!at || !*at)
        return NULL;
    ui_date_vn(at, when, sizeof when);
    return xasprintf(_("Last change: %s %.5s by %s"), when, strlen(at) >= 16 ? at + 11 : "", by);
}

void fsave_free(void *p)
{
    fsave *s = p;
    for (int i = 0; i < MAX_FIELDS; i++)
        free(s->v[i]);
    free(s->id);
    free(s);
}

fsave *fsave_new(fform *fm)
{
    fsave *s = xcalloc(1, sizeof *s);
    s->fm = fm;
    for (int i = 0; i < fm->n; i++)
        s->v[i] = fform_value(&fm->f[i]);
    return s;
}

/* After a save: a problem keeps the form open with the focus on its
 * field; otherwise the form closes (1). */
int fsave_end(ui_app *app, fform *fm, int rc, const edit_result *res, const char *what)
{
    if (rc != TD_OK && !res->conflict) {
        fform_problem(app, fm, res->err);
        return 0;
    }
    ui_pop(app); /* fm is gone */
    ui_changed(app);
    ui_save_message(app, rc, res, what);
    return 1;
}
