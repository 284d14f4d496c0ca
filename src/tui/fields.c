/* fields.c - the pieces every form draws the same way (form.c,
 * ui-export.c, ui-learner.c, the path of ui-import.c): a field's label
 * with the focus mark, a choice between ‹ and ›, a text field in brackets
 * that scrolls and holds the terminal cursor, and word-wrapped text. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/util.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

int ui_labels_width(const char *const *msgids, int n)
{
    int w = 0;
    for (int i = 0; i < n; i++)
        if (text_width(_(msgids[i])) > w)
            w = text_width(_(msgids[i]));
    return w + 2;
}

void ui_field_label(ui_app *app, int y, int lw, const char *label, int focus)
{
    ui_clear_eol(app, y, 0);
    ui_put(app, y, 0, 2, focus ? ui_glyph(app, "\xe2\x96\xb6", ">") : "", A_BOLD, 0);
    ui_put(app, y, 2, lw - 1, label, focus ? A_BOLD : 0, 0);
}

int ui_field_choice(ui_app *app, int y, int x, const char *value, int focus)
{
    char *v = xasprintf("%s %s %s", ui_glyph(app, "\xe2\x80\xb9", "<"), value,
                        ui_glyph(app, "\xe2\x80\xba", ">"));
    int w = ui_put(app, y, x, app->cols - x - 1, v, focus ? A_REVERSE : A_BOLD, 0);
    free(v);
    return w;
}

void ui_field_input(ui_app *app, int y, int x, int w, ui_input *in, size_t *first, int focus)
{
    ui_put(app, y, x, 1, "[", A_BOLD, 0);
    *first = ui_input_scroll(in, *first, w);
    char *vis = ui_input_slice(in, *first, in->len);
    ui_put(app, y, x + 1, w, vis, focus ? A_UNDERLINE : 0, 1);
    ui_put(app, y, x + 1 + w, 1, "]", A_BOLD, 0);
    free(vis);
    if (focus) {
        char *pre = ui_input_slice(in, *first, in->cur);
        char *shown = ui_text(app, pre);
        app->cursor_y = y;
        app->cursor_x = x + 1 + text_width(shown);
        free(pre);
        free(shown);
    }
}

int ui_wrap(ui_app *app, int y, int x, int w, int max, const char *s, int attr)
{
    int n = 0;
    while (*s && n < max && w > 0) {
        size_t fit = text_fit(s, w);
        if (s[fit] && n + 1 < max) {
            size_t sp = fit;
            while (sp > 0 && s[sp] != ' ')
                sp--;
            if (sp > 0)
                fit = sp;
            char *line = xasprintf("%.*s", (int)fit, s);
            ui_put(app, y + n, x, w, line, attr, 0);
            free(line);
        } else {
            ui_put(app, y + n, x, w, s, attr, 0);
            fit = strlen(s);
        }
        s += fit;
        while (*s == ' ')
            s++;
        n++;
    }
    return n;
}
