/* input.c - the text being typed in a prompt or a form field (no curses).
 *
 * Text is kept as code points so that the cursor, backspace and the
 * field's horizontal scroll work on characters, not bytes.  A Vietnamese
 * letter may come decomposed (base + combining marks, as "Unicode tổ hợp"
 * keyboards and some pastes send it): such a letter is one character for
 * the cursor and for backspace.  The result is NFC. */
#include "config.h"

#include "theodoi/text.h"
#include "theodoi/tui-widgets.h"
#include "theodoi/util.h"

#include <stdlib.h>
#include <string.h>

int ui_is_mark(unsigned int cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

void ui_input_init(ui_input *in, const char *s, size_t max)
{
    memset(in, 0, sizeof *in);
    in->max = max;
    ui_input_set(in, s);
}

void ui_input_free(ui_input *in)
{
    free(in->cp);
    memset(in, 0, sizeof *in);
}

void ui_input_set(ui_input *in, const char *s)
{
    in->len = in->cur = 0;
    if (s)
        ui_input_insert_utf8(in, s);
    in->cur = in->len;
}

int ui_input_insert(ui_input *in, unsigned int cp)
{
    if (cp == '\t')
        cp = ' ';
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF)
        return -1;
    if (in->max && in->len >= in->max)
        return -1;
    if (in->len == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 32;
        in->cp = xrealloc(in->cp, in->cap * sizeof *in->cp);
    }
    memmove(in->cp + in->cur + 1, in->cp + in->cur, (in->len - in->cur) * sizeof *in->cp);
    in->cp[in->cur++] = cp;
    in->len++;
    return 0;
}

size_t ui_input_insert_utf8(ui_input *in, const char *s)
{
    size_t n = strlen(s), i = 0, added = 0;
    while (i < n) {
        unsigned int cp;
        int l = text_utf8_decode(s + i, n - i, &cp);
        if (l <= 0) { /* not UTF-8: skip the byte */
            i++;
            continue;
        }
        i += (size_t)l;
        if (cp == '\n' || cp == '\r')
            cp = ' ';
        if (ui_input_insert(in, cp) == 0)
            added++;
    }
    return added;
}

void ui_input_left(ui_input *in)
{
    if (in->cur == 0)
        return;
    in->cur--;
    while (in->cur > 0 && ui_is_mark(in->cp[in->cur]))
        in->cur--;
}

void ui_input_right(ui_input *in)
{
    if (in->cur >= in->len)
        return;
    in->cur++;
    while (in->cur < in->len && ui_is_mark(in->cp[in->cur]))
        in->cur++;
}

void ui_input_home(ui_input *in)
{
    in->cur = 0;
}

void ui_input_end(ui_input *in)
{
    in->cur = in->len;
}

/* Remove [from, to) and put the cursor at from. */
static void cut(ui_input *in, size_t from, size_t to)
{
    memmove(in->cp + from, in->cp + to, (in->len - to) * sizeof *in->cp);
    in->len -= to - from;
    in->cur = from;
}

int ui_input_backspace(ui_input *in)
{
    if (in->cur == 0)
        return -1;
    size_t end = in->cur;
    ui_input_left(in);
    cut(in, in->cur, end);
    return 0;
}

int ui_input_delete(ui_input *in)
{
    if (in->cur >= in->len)
        return -1;
    size_t start = in->cur;
    ui_input_right(in);
    cut(in, start, in->cur);
    return 0;
}

void ui_input_kill_end(ui_input *in)
{
    in->len = in->cur;
}

void ui_input_kill_start(ui_input *in)
{
    cut(in, 0, in->cur);
}

char *ui_input_slice(const ui_input *in, size_t from, size_t to)
{
    if (to > in->len)
        to = in->len;
    if (from > to)
        from = to;
    char *s = xmalloc((to - from) * 4 + 1), *p = s;
    for (size_t i = from; i < to; i++)
        p += text_utf8_encode(in->cp[i], p);
    *p = '\0';
    return s;
}

char *ui_input_text(const ui_input *in)
{
    char *raw = ui_input_slice(in, 0, in->len);
    char *nfc = text_nfc(raw);
    if (!nfc)
        return raw;
    free(raw);
    return nfc;
}

int ui_input_width(const ui_input *in, size_t from, size_t to)
{
    char *s = ui_input_slice(in, from, to);
    int w = text_width(s);
    free(s);
    return w;
}

/* The start of the character before position i. */
static size_t prev_char(const ui_input *in, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ui_is_mark(in->cp[i]))
        i--;
    return i;
}

size_t ui_input_scroll(const ui_input *in, size_t first, int cols)
{
    if (cols < 1)
        cols = 1;
    if (first > in->cur)
        first = in->cur;
    while (first > 0 && ui_is_mark(in->cp[first]))
        first--;
    /* the cursor needs a cell of its own after the text before it */
    while (first < in->cur && ui_input_width(in, first, in->cur) > cols - 1) {
        first++;
        while (first < in->cur && ui_is_mark(in->cp[first]))
            first++;
    }
    /* when the text got shorter, show more of its start */
    while (first > 0) {
        size_t p = prev_char(in, first);
        if (ui_input_width(in, p, in->len) > cols - 1)
            break;
        first = p;
    }
    return first;
}

int ui_utf8_feed(ui_utf8_acc *a, unsigned char b, unsigned int *out)
{
    if (a->need == 0) {
        if (b < 0x80) {
            *out = b;
            return 1;
        }
        if (b >= 0xC2 && b <= 0xDF)
            a->cp = b & 0x1F, a->need = 1, a->min = 0x80;
        else if (b >= 0xE0 && b <= 0xEF)
            a->cp = b & 0x0F, a->need = 2, a->min = 0x800;
        else if (b >= 0xF0 && b <= 0xF4)
            a->cp = b & 0x07, a->need = 3, a->min = 0x10000;
        else
            return -1;
        return 0;
    }
    if ((b & 0xC0) != 0x80) {
        a->need = 0;
        return -1;
    }
    a->cp = (a->cp << 6) | (b & 0x3F);
    if (--a->need > 0)
        return 0;
    if (a->cp < a->min || a->cp > 0x10FFFF || (a->cp >= 0xD800 && a->cp <= 0xDFFF))
        return -1;
    *out = a->cp;
    return 1;
}
