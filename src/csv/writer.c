/* writer.c - write CSV files that Excel and LibreOffice open right.
 *
 * UTF-8 with a BOM (so Excel on Windows does not take it for Windows-1258),
 * ',' between fields, CRLF after each record, quotes only where needed,
 * and the formula guard: text that a spreadsheet would run as a formula
 * (= + - @ first) gets a leading "'", which the reader takes off again.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#elif !defined(_GNU_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "theodoi/csvio.h"

#include <stdlib.h>
#include <string.h>

struct csv_out {
    FILE *f;
};

/* 1 when s must be quoted: it holds ',', '"', CR or LF, or starts or ends
 * with a space (which a spreadsheet or the reader's user would lose).
 * ';' too: a reader (ours, or Excel set to Vietnamese) that takes ';' for
 * the delimiter must not split the field. */
static int needs_quotes(const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return 0;
    if (s[0] == ' ' || s[n - 1] == ' ')
        return 1;
    return strpbrk(s, ",;\"\r\n") != NULL;
}

/* 1 when a spreadsheet would take s for a formula. */
static int looks_like_formula(const char *s)
{
    return s[0] != '\0' && strchr("=+-@", s[0]) != NULL;
}

/* Length of s once written, with its guard and quotes. */
static size_t quoted_len(const char *s, int guard)
{
    size_t n = strlen(s) + (guard != 0);
    if (needs_quotes(s)) {
        n += 2;
        for (const char *q = strchr(s, '"'); q; q = strchr(q + 1, '"'))
            n++;
    }
    return n;
}

/* Write s as one field into out (room for quoted_len() + 1 bytes). */
static void quote_into(char *out, const char *s, int guard)
{
    int q = needs_quotes(s);
    if (q)
        *out++ = '"';
    if (guard)
        *out++ = '\'';
    for (; *s; s++) {
        if (*s == '"')
            *out++ = '"';
        *out++ = *s;
    }
    if (q)
        *out++ = '"';
    *out = '\0';
}

char *csv_quote(const char *s)
{
    if (!s)
        s = "";
    char *out = malloc(quoted_len(s, 0) + 1);
    if (out)
        quote_into(out, s, 0);
    return out;
}

/* Write one field to f without building it in memory. */
static void put_field(FILE *f, const char *s, int guard)
{
    int q = needs_quotes(s);
    if (q)
        putc('"', f);
    if (guard)
        putc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', f);
        putc(*s, f);
    }
    if (q)
        putc('"', f);
}

csv_out *csv_out_new(FILE *f)
{
    csv_out *o = malloc(sizeof *o);
    if (!o)
        return NULL;
    o->f = f;
    if (fputs("\xEF\xBB\xBF", f) == EOF) {
        free(o);
        return NULL;
    }
    return o;
}

/* A record of one empty field is written as "" (an empty line would be
 * skipped as blank when read back). */
int csv_out_row(csv_out *o, size_t n, const char *const *fields, const unsigned char *guard)
{
    if (n == 1 && (!fields || !fields[0] || !fields[0][0]))
        fputs("\"\"", o->f);
    for (size_t i = 0; i < n; i++) {
        const char *s = fields && fields[i] ? fields[i] : "";
        int g = (!guard || guard[i]) && looks_like_formula(s);
        if (i > 0)
            putc(',', o->f);
        put_field(o->f, s, g);
    }
    fputs("\r\n", o->f);
    return ferror(o->f) ? -1 : 0;
}

void csv_out_free(csv_out **o)
{
    if (!o || !*o)
        return;
    free(*o);
    *o = NULL;
}
