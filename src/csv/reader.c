/* reader.c - read CSV records as spreadsheets write them, through libcsv.
 *
 * The way in: file -> (UTF-16 -> UTF-8 with iconv, chunk by chunk) ->
 * physical lines -> checks (NUL byte, UTF-8) -> csv_parse() -> fields
 * (formula guard undone, NFC) -> one record.  Memory holds one read chunk,
 * the longest line and the longest record, never the whole file.
 *
 * Each physical line ends at "\n", "\r\n" or a lone "\r", so libcsv ends
 * at most one record per line fed, at the end of that line: the record
 * is ready as soon as csv_parse() returns.  This file parses the lines
 * that reader-input.c reads (see reader-int.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#elif !defined(_GNU_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "reader-int.h"
#include "theodoi/i18n.h"
#include "theodoi/text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Append one field to the record buffer; -1 when out of memory. */
static int add_field(csv_in *in, const char *s, size_t len)
{
    if (in->rcap - in->rlen < len + 1) {
        size_t cap = in->rcap ? in->rcap : 256;
        while (cap - in->rlen < len + 1)
            cap *= 2;
        char *b = realloc(in->rbuf, cap);
        if (!b)
            return -1;
        in->rbuf = b;
        in->rcap = cap;
    }
    if (in->nf == in->fcap) {
        size_t cap = in->fcap ? in->fcap * 2 : 16;
        size_t *o = realloc(in->off, cap * sizeof *o);
        if (o)
            in->off = o;
        char **v = o ? realloc(in->fieldv, cap * sizeof *v) : NULL;
        if (!v)
            return -1;
        in->fieldv = v;
        in->fcap = cap;
    }
    memcpy(in->rbuf + in->rlen, s, len);
    in->rbuf[in->rlen + len] = '\0';
    in->off[in->nf++] = in->rlen;
    in->rlen += len + 1;
    return 0;
}

/* 1 when s[0..len) is NFC for sure: every code point below U+0300 or in
 * U+1E00..U+1EFF (Vietnamese precomposed letters), so no combining mark. */
static int quick_nfc(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    while (p < e) {
        if (*p < 0x80)
            p++;
        else if (*p >= 0xC2 && *p <= 0xCB)
            p += 2;
        else if (*p == 0xE1 && p + 1 < e && p[1] >= 0xB8 && p[1] <= 0xBB)
            p += 3;
        else
            return 0;
    }
    return 1;
}

/* libcsv field callback: undo the formula guard, normalise to NFC, keep. */
static void cb_field(void *data, size_t len, void *ctx)
{
    csv_in *in = ctx;
    const char *s = data ? data : "";
    char *nfc = NULL;
    if (in->cb_fail)
        return;
    if (len >= 2 && s[0] == '\'' && strchr("=+-@", s[1])) {
        s++;
        len--;
    }
    if (!quick_nfc(s, len)) {
        nfc = text_nfc(s);
        if (!nfc) {
            in->cb_fail = CB_BADTEXT;
            return;
        }
        s = nfc;
        len = strlen(nfc);
    }
    if (add_field(in, s, len) < 0)
        in->cb_fail = CB_NOMEM;
    free(nfc);
}

/* libcsv record callback: the record is complete. */
static void cb_row(int c, void *ctx)
{
    csv_in *in = ctx;
    (void)c;
    in->rec_ready = 1;
}

static int cb_error(csv_in *in)
{
    if (in->cb_fail == CB_BADTEXT)
        return csvr_set_err(in, in->line_no, "%s", csvr_not_utf8_msg());
    return csvr_nomem(in);
}

/* csv_parse() stopped early: broken quoting (strict mode) or no memory. */
static int parse_error(csv_in *in)
{
    if (csv_error(&in->p) != CSV_EPARSE)
        return csvr_nomem(in);
    if (in->p.pstate == PS_FIELD_MIGHT_HAVE_ENDED)
        return csvr_set_err(in, in->line_no, "%s",
                            _("broken quoting: text after the closing quote of a "
                              "field (a quote inside a quoted field is written "
                              "as two quotes)"));
    return csvr_set_err(in, in->line_no, "%s",
                        _("broken quoting: a quote inside a field that does not "
                          "start with a quote (put the field in quotes and write "
                          "the quote as two quotes)"));
}

static int in_quoted_field(const struct csv_parser *p)
{
    return p->pstate == PS_FIELD_BEGUN && p->quoted;
}

/* One field of a record read without libcsv: as cb_field does. */
static int fast_field(csv_in *in, const char *s, size_t len)
{
    char tmp[512];
    if (len >= 2 && s[0] == '\'' && strchr("=+-@", s[1])) {
        s++;
        len--;
    }
    if (quick_nfc(s, len))
        return add_field(in, s, len);
    if (len >= sizeof tmp)
        return 1; /* let libcsv do it */
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    cb_field(tmp, len, in);
    return in->cb_fail ? 1 : 0;
}

/* A whole record on one line, read without libcsv: fields split at the
 * delimiter, quoted fields with "" inside closed on the same line.  0 when
 * the line is anything else (libcsv then reads it, and tells errors). */
static int fast_line(csv_in *in, const char *s, size_t len)
{
    while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    if (len == 0)
        return 0;
    const char *p = s, *e = s + len;
    char q[512];
    for (;;) {
        if (p < e && *p == '"') {
            size_t n = 0;
            const char *c = p + 1;
            for (;; c++) {
                if (c >= e || n + 1 >= sizeof q)
                    goto slow;
                if (*c == '"') {
                    if (c + 1 < e && c[1] == '"') {
                        q[n++] = '"';
                        c++;
                        continue;
                    }
                    break;
                }
                q[n++] = *c;
            }
            c++;
            if (c < e && *c != in->delim)
                goto slow;
            if (fast_field(in, q, n) != 0)
                goto slow;
            p = c;
        } else {
            const char *d = memchr(p, in->delim, (size_t)(e - p));
            const char *end = d ? d : e;
            if (memchr(p, '"', (size_t)(end - p)))
                goto slow;
            if (fast_field(in, p, (size_t)(end - p)) != 0)
                goto slow;
            p = end;
        }
        if (p >= e)
            break;
        p++; /* the delimiter */
        if (p == e) {
            if (fast_field(in, "", 0) != 0)
                goto slow;
            break;
        }
    }
    in->rec_ready = 1;
    return 1;
slow:
    in->rlen = in->nf = 0;
    in->cb_fail = 0;
    return 0;
}

/* Check one physical line and feed it to libcsv, keeping track of the
 * line where the record starts and where an open quoted field began. */
static int feed_line(csv_in *in, const char *s, size_t len)
{
    in->line_no++;
    if (memchr(s, '\0', len))
        return csvr_set_err(in, in->line_no, "%s", _("NUL byte in the file"));
    if (!text_utf8_valid(s, len, NULL))
        return csvr_set_err(in, in->line_no, "%s", csvr_not_utf8_msg());
    if (in->p.pstate == PS_ROW_NOT_BEGUN)
        in->rec_line = in->line_no;
    if (in->p.pstate == PS_ROW_NOT_BEGUN && fast_line(in, s, len))
        return 0;
    int was_open = in_quoted_field(&in->p);
    size_t n = csv_parse(&in->p, s, len, cb_field, cb_row, in);
    if (in->cb_fail)
        return cb_error(in);
    if (n < len)
        return parse_error(in);
    if (!was_open && in_quoted_field(&in->p))
        in->open_line = in->line_no;
    return 0;
}

static void make_rec(csv_in *in, csv_rec *rec)
{
    for (size_t i = 0; i < in->nf; i++)
        in->fieldv[i] = in->rbuf + in->off[i];
    rec->line = in->rec_line;
    rec->n = in->nf;
    rec->field = in->fieldv;
}

/* End of file: let libcsv end the last record (a file may lack the final
 * end of line) and refuse a quoted field still open. */
static int finish(csv_in *in, csv_rec *rec)
{
    in->done = 1;
    if (csv_fini(&in->p, cb_field, cb_row, in) != 0)
        return csvr_set_err(in, in->open_line, "%s",
                            _("broken quoting: a quoted field is never closed "
                              "(its closing quote is missing)"));
    if (in->cb_fail)
        return cb_error(in);
    if (!in->rec_ready)
        return 0;
    make_rec(in, rec);
    return 1;
}

int csv_in_next(csv_in *in, csv_rec *rec)
{
    if (in->failed)
        return -1;
    if (in->done)
        return 0;
    in->rlen = in->nf = 0;
    in->rec_ready = 0;
    while (!in->rec_ready) {
        const char *s;
        size_t len;
        int r = 1;
        if (in->has_pend) {
            s = in->pend;
            len = in->pend_len;
            in->has_pend = 0;
        } else {
            r = csvr_next_line(in, &s, &len);
        }
        if (r < 0)
            return -1;
        if (r == 0)
            return finish(in, rec);
        if (feed_line(in, s, len) < 0)
            return -1;
    }
    make_rec(in, rec);
    return 1;
}
