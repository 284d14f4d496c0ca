/* ui-export.c - writing a CSV file (`E` on the communes screen): the kind
 * (checklist, training, summary, targets, units, items, courses,
 * holidays, and learners with a warning about personal data), the unit
 * (for commune kinds the commune under the cursor; empty: all), the
 * period (optional) and the file name (made from the kind, the unit and
 * today until it is typed in).  Enter writes it as `theodoi export` does:
 * to a temporary file renamed into place, readable by its owner only for
 * learners, never by every user of the server; then says where it went
 * and how many rows it holds. */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/codes.h"
#include "theodoi/csvio.h"
#include "theodoi/i18n.h"
#include "theodoi/pathcomp.h"
#include "theodoi/sync.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FK(k) UI_FKEY(k)

const ui_action ui_export_acts[] = {
    {ACT_SAVE, UI_ENTER, 0, 0, N_("write the file"), N_("write")},
    {ACT_CANCEL, UI_ESC, UI_CTRL('G'), 0, N_("back without writing"), N_("back")},
    {ACT_NEXT_FIELD, UI_TAB, FK(KEY_DOWN), UI_CTRL('N'), N_("next field"), NULL},
    {ACT_PREV_FIELD, FK(KEY_UP), FK(KEY_BTAB), UI_CTRL('P'), N_("previous field"), N_("field")},
    {ACT_ADVANCE, ' ', 0, 0, N_("on the kind: the next kind (also left and right arrows)"),
     N_("kind")},
    {ACT_NONE, FK(KEY_LEFT), UI_CTRL('B'), 0, N_("cursor left"), NULL},
    {ACT_NONE, FK(KEY_RIGHT), UI_CTRL('F'), 0, N_("cursor right"), N_("move")},
    {ACT_NONE, FK(KEY_BACKSPACE), UI_CTRL('H'), 0, N_("delete the character before the cursor"),
     NULL},
    {ACT_NONE, UI_CTRL('U'), 0, 0, N_("delete to the start of the field"), N_("delete")},
};
const size_t ui_export_nacts = sizeof ui_export_acts / sizeof ui_export_acts[0];

/* The kinds in the order offered; learners last, with its warning. */
static const kind_id KINDS[] = {KIND_CHECKLIST, KIND_TRAINING, KIND_SUMMARY,
                                KIND_TARGETS,   KIND_UNITS,    KIND_ITEMS,
                                KIND_COURSES,   KIND_HOLIDAYS, KIND_LEARNERS};
#define N_KINDS (sizeof KINDS / sizeof KINDS[0])
static const char *const ABOUT[] = {
    N_("checklist rows of communes, as stored"),
    N_("training counts per month, group and course"),
    N_("one row per commune: items done and late, training (for leaders)"),
    N_("target percentages per year, group and course"),
    N_("administrative units"),
    N_("checklist items of the tasks"),
    N_("courses"),
    N_("public holidays"),
    N_("the roster of learners: personal data")};

enum { F_KIND, F_UNIT, F_PERIOD, F_FILE, F_COUNT };
static const char *const LABELS[F_COUNT] = {N_("Kind"), N_("Unit"), N_("Period"), N_("File")};

typedef struct xport {
    ui_screen base;
    size_t kind;
    ui_input in[F_COUNT];
    size_t first[F_COUNT];
    int focus;
    int typed[F_COUNT];        /* the user typed in the field */
    char *unit;                /* the default unit of commune kinds */
    int replace;               /* Enter again replaces the file */
    char done[PATH_MAX + 128]; /* what the last write did */
} xport;

#define X(s) ((xport *)(s))

static const kind_def *kind_of(const xport *x)
{
    return kind_get(KINDS[x->kind]);
}

static int commune_kind(kind_id k)
{
    return k == KIND_CHECKLIST || k == KIND_TRAINING || k == KIND_LEARNERS;
}

/* Is the field used by the kind? */
static int field_on(const xport *x, int f)
{
    const kind_def *k = kind_of(x);
    if (f == F_UNIT)
        return k->unit_col >= 0;
    if (f == F_PERIOD)
        return kind_col_index(k, "period") >= 0;
    return 1;
}

static char *field_text(const xport *x, int f)
{
    char *s = ui_input_text(&x->in[f]);
    char *t = xstrdup(str_trim(s));
    free(s);
    return t;
}

/* The defaults that follow the kind, unless typed over. */
static void defaults(ui_app *app, xport *x)
{
    kind_id k = KINDS[x->kind];
    if (!x->typed[F_UNIT])
        ui_input_set(&x->in[F_UNIT], commune_kind(k) && x->unit ? x->unit : "");
    if (!x->typed[F_FILE]) {
        char day[16], *u = field_text(x, F_UNIT);
        day_format(app->today, day);
        char *name =
            xasprintf("%s%s%s-%s.csv", kind_of(x)->name, *u && field_on(x, F_UNIT) ? "-" : "",
                      field_on(x, F_UNIT) ? u : "", day);
        ui_input_set(&x->in[F_FILE], name);
        free(name);
        free(u);
    }
}

/* What follows a short field: the unit's name, or what empty means. */
static char *field_hint(ui_app *app, const xport *x, int f, int *attr)
{
    *attr = ui_attr(app, UI_PAIR_DIM);
    if (!field_on(x, f))
        return xstrdup(_("(not used for this kind)"));
    char *t = field_text(x, f), *h = NULL;
    if (f == F_UNIT && *t) {
        char *code = cmd_unit_arg(app->db, t);
        h = store_unit_name(app->db, code);
        if (!h) {
            h = xstrdup(_("unknown unit"));
            *attr = A_BOLD | ui_attr(app, UI_PAIR_LATE);
        }
        free(code);
    } else if (f == F_UNIT) {
        h = xstrdup(_("(empty: every unit)"));
    } else if (f == F_PERIOD && !*t) {
        h = xstrdup(KINDS[x->kind] == KIND_TRAINING ? _("(empty: every month; or 10/2026)")
                                                    : _("(empty: every year; or 2026)"));
    }
    free(t);
    return h;
}

static void draw_field(ui_app *app, xport *x, int f, int y, int lw)
{
    int focus = x->focus == f, fx = 2 + lw, attr;
    ui_field_label(app, y, lw, _(LABELS[f]), focus);
    if (f == F_KIND) {
        int w = ui_field_choice(app, y, fx, kind_of(x)->name, focus);
        ui_put(app, y, fx + w + 2, app->cols - fx - w - 3, _(ABOUT[x->kind]),
               ui_attr(app, UI_PAIR_DIM), 0);
        return;
    }
    int w = f == F_FILE ? app->cols - fx - 3 : 10;
    if (w < 2)
        return;
    if (field_on(x, f))
        ui_field_input(app, y, fx, w, &x->in[f], &x->first[f], focus);
    char *h = f == F_FILE ? NULL : field_hint(app, x, f, &attr);
    if (h)
        ui_put(app, y, field_on(x, f) ? fx + w + 3 : fx, app->cols - fx - w - 4, h, attr, 0);
    free(h);
}

static void draw(ui_app *app, ui_screen *s, int full)
{
    xport *x = X(s);
    char date[16];
    (void)full;
    day_format_vn(app->today, date);
    ui_header(app, _("Export a CSV file"), date);
    int y = ui_body_top(app), end = y + ui_body_rows(app), lw = ui_labels_width(LABELS, F_COUNT);
    for (int r = y; r < end; r++)
        ui_clear_eol(app, r, 0);
    y++;
    for (int f = 0; f < F_COUNT && y < end; f++, y++)
        draw_field(app, x, f, y, lw);
    y++;
    if (KINDS[x->kind] == KIND_LEARNERS && y < end)
        y +=
            ui_wrap(
                app, y, 2, app->cols - 3, end - y,
                _("Warning: this file holds personal data of learners (Law 91/2025/QH15 on personal data protection). Keep it in the commune, do not e-mail it; only you can read it."),
                A_BOLD | ui_attr(app, UI_PAIR_LATE)) +
            1;
    if (x->done[0] && y < end)
        ui_wrap(app, y, 2, app->cols - 3, end - y, x->done, A_BOLD | ui_attr(app, UI_PAIR_OK));
    snprintf(s->info, sizeof s->info, "%s",
             _("Enter writes the file, Esc goes back; Space changes the kind"));
}

/* Records in a CSV file, the header aside; -1 when it cannot be read. */
static long count_rows(const char *path)
{
    char *err = NULL;
    csv_in *in = csv_in_open(path, &err);
    free(err);
    if (!in)
        return -1;
    long n = -1;
    csv_rec rec;
    while (csv_in_next(in, &rec) > 0)
        n++;
    csv_in_free(&in);
    return n < 0 ? 0 : n;
}

/* The unit and period typed, checked and in canonical form (NULL: all).
 * 0, or -1 with a message and the focus on the field. */
static int filters(ui_app *app, xport *x, char **unit, char **period)
{
    char *u = field_text(x, F_UNIT), *p = field_text(x, F_PERIOD);
    int y, m, rc = 0;
    *unit = *period = NULL;
    if (field_on(x, F_UNIT) && *u) {
        *unit = cmd_unit_arg(app->db, u);
        if (store_code_exists(app->db, CODE_UNIT, *unit, NULL) != 1) {
            ui_message(app, 1, _("Unknown unit: %s"), u);
            x->focus = F_UNIT;
            rc = -1;
        }
    }
    if (!rc && field_on(x, F_PERIOD) && *p) {
        if (period_parse_year(p, &y) != 0 && period_parse_month(p, &y, &m) != 0) {
            ui_message(app, 1, _("Not a period: \"%s\"; type a year (2026) or a month (10/2026)"),
                       p);
            x->focus = F_PERIOD;
            rc = -1;
        } else {
            *period = cmd_period_arg(p);
        }
    }
    free(u);
    free(p);
    if (rc) {
        xfree(unit);
        xfree(period);
    }
    return rc;
}

/* Export to a temporary file beside out, then rename it into place. */
static int write_to(ui_app *app, xport *x, const char *out, const char *unit, const char *period,
                    char **err)
{
    const kind_def *k = kind_of(x);
    char *tmp = xasprintf("%s.tmp%ld", out, (long)getpid());
    mode_t old = umask(077);
    umask(k->id == KIND_LEARNERS ? 077 : (old | 007));
    FILE *f = fopen(tmp, "wb");
    umask(old);
    if (!f) {
        *err = xasprintf(_("%s: cannot write: %s"), out, strerror(errno));
        free(tmp);
        return TD_EINPUT;
    }
    int rc = sync_export(app->db, k, unit, period, f, err);
    if (fclose(f) != 0 && rc == TD_OK)
        rc = TD_EINPUT;
    if (rc == TD_OK && rename(tmp, out) != 0) {
        *err = xasprintf(_("%s: cannot write: %s"), out, strerror(errno));
        rc = TD_EINPUT;
    }
    if (rc != TD_OK)
        unlink(tmp);
    free(tmp);
    return rc;
}

/* Write, then say where the file went and how many rows it holds. */
static void write_and_tell(ui_app *app, xport *x, const char *out, const char *unit,
                           const char *period)
{
    char *err = NULL, real[PATH_MAX];
    if (write_to(app, x, out, unit, period, &err) == TD_OK) {
        snprintf(x->done, sizeof x->done, _("Wrote %ld rows to %s"), count_rows(out),
                 realpath(out, real) ? real : out);
        ui_message(app, 0, "%s", x->done);
        x->replace = 0;
    } else {
        ui_message(app, 1, "%s", err ? err : _("cannot write the output"));
    }
    free(err);
}

static void save(ui_app *app, xport *x)
{
    char *unit, *period;
    struct stat sb;
    x->done[0] = '\0';
    if (filters(app, x, &unit, &period) != 0)
        return;
    char *name = field_text(x, F_FILE), *out = path_expand(name);
    if (!*out) {
        ui_message(app, 1, "%s", _("Type a file name"));
        x->focus = F_FILE;
    } else if (stat(out, &sb) == 0 && !x->replace) {
        ui_message(app, 1, _("%s exists: Enter again replaces it"), name);
        x->replace = 1;
    } else {
        write_and_tell(app, x, out, unit, period);
    }
    free(unit);
    free(period);
    free(name);
    free(out);
}

static void step_kind(ui_app *app, xport *x, int dir)
{
    x->kind = (size_t)(((int)x->kind + dir + (int)N_KINDS) % (int)N_KINDS);
    defaults(app, x);
}

static void step_focus(xport *x, int dir)
{
    do
        x->focus = (x->focus + dir + F_COUNT) % F_COUNT;
    while (!field_on(x, x->focus));
}

static void key(ui_app *app, ui_screen *s, ui_act act, ui_key k)
{
    xport *x = X(s);
    switch (act) {
    case ACT_SAVE:
        save(app, x);
        return;
    case ACT_CANCEL:
        ui_pop(app);
        return;
    case ACT_NEXT_FIELD:
        step_focus(x, 1);
        return;
    case ACT_PREV_FIELD:
        step_focus(x, -1);
        return;
    default:
        break;
    }
    if (x->focus == F_KIND) {
        if (k == ' ' || k == FK(KEY_RIGHT) || k == UI_CTRL('F'))
            step_kind(app, x, 1);
        else if (k == FK(KEY_LEFT) || k == UI_CTRL('B'))
            step_kind(app, x, -1);
        else
            return;
    } else if (ui_edit_key(&x->in[x->focus], k)) {
        x->typed[x->focus] = 1;
        if (x->focus == F_UNIT)
            defaults(app, x);
    } else {
        return;
    }
    x->replace = 0; /* a change: the last write is history */
    x->done[0] = '\0';
}

static void reload(ui_app *app, ui_screen *s)
{
    (void)app;
    (void)s;
}

static void destroy(ui_screen *s)
{
    xport *x = X(s);
    for (int f = 0; f < F_COUNT; f++)
        ui_input_free(&x->in[f]);
    free(x->unit);
    free(x);
}

ui_screen *ui_export_new(ui_app *app, const char *unit)
{
    xport *x = xcalloc(1, sizeof *x);
    x->base = (ui_screen){.name = N_("Export"),
                          .acts = ui_export_acts,
                          .nacts = ui_export_nacts,
                          .draw = draw,
                          .key = key,
                          .reload = reload,
                          .destroy = destroy,
                          .raw_keys = 1};
    x->unit = unit ? xstrdup(unit) : app->own_unit ? xstrdup(app->own_unit) : NULL;
    for (int f = 0; f < F_COUNT; f++)
        ui_input_init(&x->in[f], NULL, f == F_FILE ? 4096 : 16);
    defaults(app, x);
    return &x->base;
}
