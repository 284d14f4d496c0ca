/* edits.c - what every screen that edits shares: a yes/no question on a
 * screen of its own, a save that asks before it overwrites a change the
 * user did not see (the edit path refuses it as a conflict: edit.h), and
 * undo of this login's changes in this UI (`u`, newest first). */
#include "config.h"

#include "theodoi/edit.h"
#include "theodoi/i18n.h"
#include "theodoi/kinds.h"
#include "theodoi/learners.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a question ------------------------------------------------------------ */

typedef struct ask {
    ui_screen base;
    char *title, *body, *question;
    ui_answer_fn *answer;
    void *ctx;
    void (*ctx_free)(void *);
} ask;

static void ask_draw(ui_app *app, ui_screen *s, int full)
{
    ask *a = (ask *)s;
    char date[16];
    (void)full;
    day_format_vn(app->today, date);
    ui_header(app, a->title, date);
    int y = ui_body_top(app) + 1, end = ui_body_top(app) + ui_body_rows(app);
    for (int r = ui_body_top(app); r < end; r++)
        ui_clear_eol(app, r, 0);
    const char *p = a->body;
    while (p && *p && y < end - 2) {
        size_t n = strcspn(p, "\n");
        char *line = xasprintf("%.*s", (int)n, p);
        y += ui_wrap(app, y, 2, app->cols - 3, end - 2 - y, line, 0);
        free(line);
        p += n + (p[n] == '\n');
    }
    ui_wrap(app, y + 1 < end ? y + 1 : end - 1, 2, app->cols - 3, 1, a->question, A_BOLD);
    snprintf(s->info, sizeof s->info, "%s", a->question);
}

static void ask_destroy(ui_screen *s)
{
    ask *a = (ask *)s;
    if (a->ctx_free)
        a->ctx_free(a->ctx);
    free(a->title);
    free(a->body);
    free(a->question);
    free(a);
}

static void ask_key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    ask *a = (ask *)s;
    (void)k;
    if (act != ACT_YES && act != ACT_NO)
        return;
    ui_answer_fn *fn = a->answer;
    void *ctx = a->ctx;
    void (*ctx_free)(void *) = a->ctx_free;
    a->ctx_free = NULL; /* the answer owns ctx now */
    ui_pop(app);
    fn(app, ctx, act == ACT_YES);
    if (ctx_free)
        ctx_free(ctx);
}

static void ask_reload(ui_app *app, ui_screen *s)
{
    (void)app;
    (void)s;
}

void ui_ask(ui_app *app, const char *title, const char *body, const char *question,
            ui_answer_fn *answer, void *ctx, void (*ctx_free)(void *))
{
    ask *a = xcalloc(1, sizeof *a);
    a->base = (ui_screen){.name = N_("Question"),
                          .acts = ui_confirm_acts,
                          .nacts = ui_confirm_nacts,
                          .draw = ask_draw,
                          .key = ask_key,
                          .reload = ask_reload,
                          .destroy = ask_destroy,
                          .raw_keys = 1};
    a->title = xstrdup(title);
    a->body = xstrdup(body ? body : "");
    a->question = xstrdup(question);
    a->answer = answer;
    a->ctx = ctx;
    a->ctx_free = ctx_free;
    ui_push(app, &a->base);
}

/* ---- closing a form ----------------------------------------------------- */

static void discard(ui_app *app, void *ctx, int yes)
{
    (void)ctx;
    if (!yes)
        return; /* back in the form, as it was */
    ui_pop(app);
    ui_message(app, 0, "%s", _("Not saved: the form was closed"));
}

void ui_form_close(ui_app *app, int dirty)
{
    if (!dirty) {
        discard(app, NULL, 1);
        return;
    }
    ui_ask(app, _("Unsaved changes"), _("You changed fields of this form and did not save them."),
           _("Throw your changes away? y closes the form; n or Esc goes back to it"), discard, NULL,
           NULL);
}

/* ---- values as the user reads them ------------------------------------------ */

char *ui_value_text(const char *col, const char *v)
{
    if (!v || !*v)
        return xstrdup("-");
    item_status st;
    learner_status ls;
    if (!strcmp(col, "status") && status_parse(v, &st) == 0)
        return xstrdup(status_label(st));
    if (!strcmp(col, "status") && lstatus_parse(v, &ls) == 0)
        return xstrdup(lstatus_label(ls));
    if (!strcmp(col, "done_on")) {
        char b[16];
        ui_date_vn(v, b, sizeof b);
        return xstrdup(b);
    }
    return xstrdup(v);
}

const char *ui_column_label(const char *col)
{
    static const struct {
        const char *col, *label;
    } L[] = {
        {"status", N_("Status")},
        {"done_on", N_("Done on")},
        {"quantity", N_("Quantity")},
        {"evidence", N_("Evidence")},
        {"note", N_("Note")},
        {"population", N_("Population")},
        {"registered", N_("Registered")},
        {"completed", N_("Completed")},
        {"confirmed", N_("Confirmed on VNeID")},
        {"full_name", N_("Full name")},
        {"birth_year", N_("Birth year")},
        {"gender", N_("Gender")},
        {"group_code", N_("Group")},
        {"village", N_("Village")},
        {"course_code", N_("Training course")},
    };
    for (size_t i = 0; i < sizeof L / sizeof L[0]; i++)
        if (!strcmp(col, L[i].col))
            return _(L[i].label);
    return col;
}

char *ui_row_changes(ui_app *app, const struct kind_def *k, char *const *a, char *const *b)
{
    strbuf s = {0};
    sb_add(&s, "");
    for (size_t i = 0; k && i < k->ncols; i++) {
        const char *col = k->cols[i].name, *x = a ? a[i] : NULL, *y = b ? b[i] : NULL;
        if ((k->cols[i].flags & COL_KEY) || k->cols[i].type == VT_TS ||
            k->cols[i].type == VT_LOGIN || !strcmp(x ? x : "", y ? y : ""))
            continue;
        char *sx = ui_value_text(col, x), *sy = ui_value_text(col, y);
        sb_addf(&s, "%s%s: %s %s %s", s.len ? "\n" : "", ui_column_label(col), sx,
                ui_glyph(app, "\xe2\x86\x92", "->"), sy);
        free(sx);
        free(sy);
    }
    return s.s;
}

/* ---- who and when ---------------------------------------------------------- */

void ui_when(const char *iso, char *out, size_t size)
{
    char d[16];
    ui_date_vn(iso, d, sizeof d);
    if (iso && strlen(iso) >= 16)
        snprintf(out, size, "%s %.5s", d, iso + 11);
    else
        snprintf(out, size, "%s", d[0] ? d : "?");
}

/* ---- a save that may meet another change ------------------------------------ */

typedef struct save_ctx {
    ui_save_fn *run;
    ui_saved_fn *done;
    void *ctx;
    void (*ctx_free)(void *);
} save_ctx;

static void save_ctx_free(void *p)
{
    save_ctx *s = p;
    if (s->ctx_free)
        s->ctx_free(s->ctx);
    free(s);
}

static void answer_overwrite(ui_app *app, void *p, int yes)
{
    save_ctx *s = p;
    edit_result res;
    memset(&res, 0, sizeof res);
    int rc = TD_EINPUT;
    if (yes)
        rc = s->run(app, s->ctx, 1, &res);
    else
        res.conflict = 1; /* the other change stays */
    s->done(app, s->ctx, rc, &res);
    edit_result_free(&res);
}

void ui_save(ui_app *app, ui_save_fn *run, ui_saved_fn *done, void *ctx, void (*ctx_free)(void *))
{
    edit_result res;
    memset(&res, 0, sizeof res);
    int rc = run(app, ctx, 0, &res);
    if (rc != TD_EINPUT || !res.conflict) {
        done(app, ctx, rc, &res);
        edit_result_free(&res);
        if (ctx_free)
            ctx_free(ctx);
        return;
    }
    char when[32];
    ui_when(res.at, when, sizeof when);
    strbuf b = {0};
    sb_addf(&b, _("Someone changed this row after you opened it: %s, %s."), res.by, when);
    sb_addf(&b, "\n%s", _("What they changed (what you saw -> what is stored now):"));
    char *what = ui_row_changes(app, res.k, res.seen, res.stored);
    sb_addf(&b, "\n%s", !res.stored ? _("(the row was deleted)") : *what ? what : res.changes);
    free(what);
    save_ctx *s = xcalloc(1, sizeof *s);
    *s = (save_ctx){run, done, ctx, ctx_free};
    ui_ask(app, _("Changed since you opened it"), b.s,
           _("Overwrite their change with yours? y overwrites; n or Esc keeps their change"),
           answer_overwrite, s, save_ctx_free);
    free(b.s);
    edit_result_free(&res);
}

void ui_save_message(ui_app *app, int rc, const edit_result *res, const char *what)
{
    if (rc == TD_OK)
        return;
    if (res->conflict) {
        ui_message(app, 1, _("Not saved: %s keeps the change of %s"), what,
                   res->by ? res->by : _("another user"));
        return;
    }
    const char *e = res->err && *res->err ? res->err : _("unknown error");
    ui_message(app, 1, _("Not saved: %.*s"), (int)strcspn(e, "\n"), e);
}

int ui_edit_allowed(ui_app *app, int kind, const char *unit)
{
    char *err = NULL;
    int rc = edit_allowed(app->db, kind_get((kind_id)kind), unit, &err);
    if (rc != TD_OK)
        ui_message(app, 1, _("Read only: %s"), err ? err : "");
    free(err);
    return rc == TD_OK;
}

/* ---- undo ---------------------------------------------------------------------- */

struct ui_undo_entry {
    edit_change *chg;
    size_t n;
    char *what;
};

void ui_undo_push(ui_app *app, edit_result *res, const char *what)
{
    if (!res->nchg)
        return;
    if (app->nundo == app->undo_cap) {
        app->undo_cap = app->undo_cap ? app->undo_cap * 2 : 16;
        app->undo = xrealloc(app->undo, app->undo_cap * sizeof *app->undo);
    }
    app->undo[app->nundo++] = (ui_undo_entry){res->chg, res->nchg, xstrdup(what)};
    res->chg = NULL;
    res->nchg = 0;
}

void ui_undo_free(ui_app *app)
{
    for (size_t i = 0; i < app->nundo; i++) {
        edit_changes_free(app->undo[i].chg, app->undo[i].n);
        free(app->undo[i].what);
    }
    free(app->undo);
    app->undo = NULL;
    app->nundo = app->undo_cap = 0;
}

void ui_undo(ui_app *app)
{
    if (app->nundo == 0) {
        ui_message(app, 0, "%s", _("Nothing to undo: no change of yours since the screen opened"));
        return;
    }
    ui_undo_entry *e = &app->undo[--app->nundo];
    edit_result res = {0};
    int rc = edit_undo(app->db, e->chg, e->n, &res);
    if (rc == TD_OK) {
        ui_changed(app);
        ui_message(app, 0, _("Undone: %s"), e->what);
    } else if (res.conflict) {
        char when[32];
        ui_when(res.at, when, sizeof when);
        ui_message(app, 1, _("Not undone: %s changed %s since (%s)"), res.by, e->what, when);
    } else {
        ui_message(app, 1, _("Not undone: %s"), res.err ? res.err : "");
    }
    edit_result_free(&res);
    edit_changes_free(e->chg, e->n);
    free(e->what);
}
