/* keys.c - key tables: which action a key does, and key names as the
 * status lines and the help screen print them. */
#include "config.h"

#include "theodoi/text.h"
#include "theodoi/tui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

ui_act ui_action_of(const ui_action *tab, size_t n, ui_key k)
{
    if (k == 0)
        return ACT_NONE;
    for (size_t i = 0; i < n; i++)
        if (tab[i].key == k || tab[i].alt == k || tab[i].alt2 == k)
            return tab[i].act;
    return ACT_NONE;
}

/* Names of the curses keys we bind: UTF-8 form, ASCII form. */
static const struct {
    int code;
    const char *utf8, *ascii;
} FKEYS[] = {
    {KEY_UP, "\xe2\x86\x91", "Up"},
    {KEY_DOWN, "\xe2\x86\x93", "Down"},
    {KEY_LEFT, "\xe2\x86\x90", "Left"},
    {KEY_RIGHT, "\xe2\x86\x92", "Right"},
    {KEY_PPAGE, "PgUp", "PgUp"},
    {KEY_NPAGE, "PgDn", "PgDn"},
    {KEY_HOME, "Home", "Home"},
    {KEY_END, "End", "End"},
    {KEY_DC, "Del", "Del"},
    {KEY_BACKSPACE, "Backspace", "Backspace"},
    {KEY_BTAB, "Shift-Tab", "Shift-Tab"},
    {KEY_ENTER, "Enter", "Enter"},
};

const char *ui_key_name(ui_key k, int utf8, char *buf, size_t size)
{
    if (k & UI_FKEY(0)) {
        int code = k & ~UI_FKEY(0);
        for (size_t i = 0; i < sizeof FKEYS / sizeof FKEYS[0]; i++)
            if (FKEYS[i].code == code)
                return utf8 ? FKEYS[i].utf8 : FKEYS[i].ascii;
        if (code >= KEY_F(1) && code <= KEY_F(12))
            snprintf(buf, size, "F%d", code - KEY_F(0));
        else
            snprintf(buf, size, "#%d", code);
        return buf;
    }
    switch (k) {
    case UI_ENTER:
        return "Enter";
    case UI_TAB:
        return "Tab";
    case UI_ESC:
        return "Esc";
    case ' ':
        return "Space";
    case 127:
        return "^?";
    default:
        break;
    }
    if (k > 0 && k < 0x20) {
        snprintf(buf, size, "^%c", k + '@');
        return buf;
    }
    char u[8] = {0};
    text_utf8_encode((unsigned)k, u);
    snprintf(buf, size, "%s", u);
    return buf;
}

void ui_action_keys(const ui_action *a, int utf8, int with_alt2, char *buf, size_t size)
{
    char b[32];
    ui_key keys[3] = {a->key, a->alt, with_alt2 ? a->alt2 : 0};
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < 3; i++) {
        if (!keys[i])
            continue;
        const char *name = ui_key_name(keys[i], utf8, b, sizeof b);
        int w = snprintf(buf + len, size - len, "%s%s", len ? "/" : "", name);
        if (w < 0 || (size_t)w >= size - len)
            break;
        len += (size_t)w;
    }
}
