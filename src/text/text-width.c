/* text-width.c - display width in terminal columns, fitting and
 * truncating to a width. */
#if !defined(_GNU_SOURCE) && !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700 /* wcwidth */
#endif
#include "text-int.h"
#include "theodoi/text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* ---- width ------------------------------------------------------------- */

/* East Asian wide ranges, used when wcwidth() does not know (C locale). */
static int is_wide(unsigned int cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
           (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Columns of one code point: controls and combining marks 0, Latin and
 * Vietnamese letters 1 whatever the locale, else wcwidth(); a printable
 * character wcwidth() does not know counts 2 if East Asian wide, else 1. */
static int cp_width(unsigned int cp)
{
    int w;

    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
        return 0;
    if (cp < 0x7F || tx_latin(cp))
        return 1;
    if (tx_is_mark(cp))
        return 0;
    w = wcwidth((wchar_t)cp);
    if (w >= 0)
        return w;
    return is_wide(cp) ? 2 : 1;
}

/* Width of the character at s[0..n), its length in *len (1 if invalid). */
static int char_width(const char *s, size_t n, size_t *len)
{
    unsigned int cp;
    int l;

    if ((unsigned char)s[0] < 0x80) {
        *len = 1;
        return cp_width((unsigned char)s[0]);
    }
    l = text_utf8_decode(s, n, &cp);
    if (l < 0) {
        *len = 1;
        return 1;
    }
    *len = (size_t)l;
    return cp_width(cp);
}

/* The string is NUL-terminated and the decoder stops at the NUL (it is no
 * continuation byte), so no strlen() is needed: fit reads only the prefix. */
#define UNBOUNDED ((size_t)-1 / 2)

int text_width(const char *s)
{
    size_t i = 0, len;
    int w = 0;

    while (s && s[i]) {
        w += char_width(s + i, UNBOUNDED, &len);
        i += len;
    }
    return w;
}

/* Zero-width characters (marks) after a fitting base are taken too. */
size_t text_fit(const char *s, int cols)
{
    size_t i = 0, len;
    int w = 0;

    if (!s || cols < 0)
        return 0;
    while (s[i]) {
        int cw = char_width(s + i, UNBOUNDED, &len);

        if (w + cw > cols)
            break;
        w += cw;
        i += len;
    }
    return i;
}

char *text_truncate(const char *s, int cols, int utf8)
{
    const char *tail;
    size_t p, tn;
    char *out;

    if (!s)
        return NULL;
    if (cols <= 0)
        return tx_dup_n("", 0);
    p = text_fit(s, cols);
    if (s[p] == '\0')
        return tx_dup_n(s, p);
    if (utf8)
        tail = "\xE2\x80\xA6", p = text_fit(s, cols - 1);
    else if (cols >= 4)
        tail = "...", p = text_fit(s, cols - 3);
    else
        tail = ".", p = text_fit(s, cols - 1);
    tn = strlen(tail);
    if ((out = malloc(p + tn + 1)) != NULL) {
        memcpy(out, s, p);
        memcpy(out + p, tail, tn + 1);
    }
    return out;
}
