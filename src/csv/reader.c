/* reader.c - read CSV records as spreadsheets write them, through libcsv.
 *
 * The way in: file -> (UTF-16 -> UTF-8 with iconv, chunk by chunk) ->
 * physical lines -> checks (NUL byte, UTF-8) -> csv_parse() -> fields
 * (formula guard undone, NFC) -> one record.  Memory holds one read chunk,
 * the longest line and the longest record, never the whole file.
 *
 * Each physical line ends at "\n", "\r\n" or a lone "\r", so libcsv ends
 * at most one record per line fed, at the end of that line: the record
 * is ready as soon as csv_parse() returns.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#elif !defined(_GNU_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "theodoi/csvio.h"
#include "theodoi/i18n.h"
#include "theodoi/text.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Bytes read at a time; tests/fuzz makes it tiny so that its inputs
 * cross many chunk boundaries. */
#ifndef CSV_CHUNK
#define CSV_CHUNK 65536
#endif
#define CHUNK CSV_CHUNK

/* libcsv's parser states (struct csv_parser.pstate, from libcsv.c). */
#define PS_ROW_NOT_BEGUN 0
#define PS_FIELD_BEGUN 2
#define PS_FIELD_MIGHT_HAVE_ENDED 3

/* What went wrong inside a libcsv callback (they cannot return errors). */
enum { CB_OK, CB_NOMEM, CB_BADTEXT };

struct csv_in {
    FILE *f;
    int own_f;
    long size;  /* file size, -1 if unknown */
    long nread; /* bytes read from the file */

    /* decoded UTF-8 text not yet cut into lines: buf[beg..end) */
    char *buf;
    size_t cap, beg, end;
    size_t scan; /* where to go on looking for the line end */
    int eof;     /* the file is exhausted (buf may hold more) */

    /* UTF-16 input: raw bytes not yet converted */
    int utf16;
    iconv_t cd;
    char *raw;
    size_t rawlen;

    /* the first non-blank line, read at open to choose the delimiter */
    const char *pend;
    size_t pend_len;
    int has_pend;

    struct csv_parser p;
    char delim;
    long line_no;   /* physical lines fed so far */
    long rec_line;  /* line where the record being read starts */
    long open_line; /* line where the open quoted field started */

    /* the record: fields back to back in rbuf, their offsets in off */
    char *rbuf;
    size_t rlen, rcap;
    size_t *off;
    char **fieldv;
    size_t nf, fcap;
    int rec_ready;
    int cb_fail;
    int done;

    int failed;
    char *err;
    long err_line;
};

static const char *not_utf8_msg(void)
{
    return _("not UTF-8 text (perhaps Windows-1258 or Windows-1252 from "
             "Excel); save it as \"CSV UTF-8 (Comma delimited)\" or convert "
             "it with: iconv -f CP1258 -t UTF-8");
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int set_err(csv_in *in, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* printf into a malloc'd string; NULL when out of memory. */
static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(fmt, ap);
    va_end(ap);
    return s;
}

/* Record the error that stops reading (the first one wins); returns -1. */
static int set_err(csv_in *in, long line, const char *fmt, ...)
{
    if (in->failed)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    in->err = vformat(fmt, ap);
    va_end(ap);
    in->failed = 1;
    in->err_line = line;
    return -1;
}

static int read_error(csv_in *in)
{
    return set_err(in, in->line_no + 1, _("read error: %s"), strerror(errno));
}

static int nomem(csv_in *in)
{
    return set_err(in, in->line_no, "%s", _("out of memory"));
}

static int utf16_error(csv_in *in)
{
    return set_err(in, in->line_no + 1, "%s", _("not valid UTF-16 text"));
}

/* Read one chunk of a UTF-8 file straight into buf. */
static int refill_utf8(csv_in *in)
{
    size_t room = in->cap - in->end;
    size_t n = fread(in->buf + in->end, 1, room, in->f);
    in->nread += (long)n;
    in->end += n;
    if (n < room) {
        if (ferror(in->f))
            return read_error(in);
        in->eof = 1;
    }
    return 0;
}

/* Read one chunk of a UTF-16 file and append it to buf as UTF-8.  Bytes
 * of a character cut by the chunk's end wait in raw for the next chunk. */
static int refill_utf16(csv_in *in)
{
    size_t n = fread(in->raw + in->rawlen, 1, CHUNK - in->rawlen, in->f);
    in->nread += (long)n;
    in->rawlen += n;
    if (n == 0) {
        if (ferror(in->f))
            return read_error(in);
        in->eof = 1;
        return in->rawlen ? utf16_error(in) : 0;
    }
    char *ip = in->raw, *op = in->buf + in->end;
    size_t il = in->rawlen, ol = in->cap - in->end;
    if (iconv(in->cd, &ip, &il, &op, &ol) == (size_t)-1 && errno != EINVAL && errno != E2BIG)
        return utf16_error(in);
    in->end = (size_t)(op - in->buf);
    memmove(in->raw, ip, il);
    in->rawlen = il;
    return 0;
}

/* Make room in buf (drop what was used, grow if need be) and read on. */
static int refill(csv_in *in)
{
    size_t need = in->utf16 ? CHUNK / 2 * 3 + 16 : CHUNK / 4;
    if (in->beg > 0) {
        memmove(in->buf, in->buf + in->beg, in->end - in->beg);
        in->end -= in->beg;
        in->scan -= in->beg;
        in->beg = 0;
    }
    if (in->cap - in->end < need) {
        size_t cap = in->cap * 2;
        while (cap - in->end < need)
            cap *= 2;
        char *b = realloc(in->buf, cap);
        if (!b)
            return nomem(in);
        in->buf = b;
        in->cap = cap;
    }
    return in->utf16 ? refill_utf16(in) : refill_utf8(in);
}

/* End (exclusive) of the next physical line in buf: after "\n", "\r\n"
 * or a lone "\r"; 0 when buf holds no whole line yet. */
static size_t find_eol(csv_in *in)
{
    for (size_t i = in->scan; i < in->end; i++) {
        char c = in->buf[i];
        if (c == '\n')
            return i + 1;
        if (c != '\r')
            continue;
        if (i + 1 < in->end)
            return i + 1 + (in->buf[i + 1] == '\n');
        if (in->eof)
            return i + 1;
        in->scan = i; /* is "\r" followed by "\n"? read on */
        return 0;
    }
    in->scan = in->end;
    return 0;
}

/* Next physical line (with its end of line, if any) into *s, *len; the
 * text stays valid until the next call.  1, 0 at end of file, -1 error. */
static int next_line(csv_in *in, const char **s, size_t *len)
{
    for (;;) {
        size_t e = find_eol(in);
        if (e == 0 && in->eof && in->beg < in->end)
            e = in->end; /* last line, without an end of line */
        if (e) {
            *s = in->buf + in->beg;
            *len = e - in->beg;
            in->beg = in->scan = e;
            return 1;
        }
        if (in->eof)
            return 0;
        if (refill(in) < 0)
            return -1;
    }
}

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* The delimiter of the header line: the one seen most outside quotes
 * (',' on a tie or when none is seen); TAB only for UTF-16 files. */
static char detect_delim(const char *s, size_t len, int utf16)
{
    size_t comma = 0, semi = 0, tab = 0;
    int inq = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            inq = !inq;
        else if (!inq) {
            comma += s[i] == ',';
            semi += s[i] == ';';
            tab += s[i] == '\t';
        }
    }
    if (utf16 && tab > comma && tab > semi)
        return '\t';
    return semi > comma ? ';' : ',';
}

/* Look at the first bytes: UTF-16 BOM (set up iconv) or UTF-8 (drop its
 * BOM); then read up to the header line to choose the delimiter.  Read
 * errors wait for csv_in_next(); -1 only when iconv cannot start. */
static int start_input(csv_in *in)
{
    unsigned char h[2];
    size_t n = fread(h, 1, 2, in->f);
    in->nread = (long)n;
    if (n == 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF))) {
        in->utf16 = 1;
        in->raw = malloc(CHUNK);
        if (!in->raw)
            return -1;
        in->cd = iconv_open("UTF-8", h[0] == 0xFF ? "UTF-16LE" : "UTF-16BE");
        if (in->cd == (iconv_t)-1)
            return -1;
    } else {
        memcpy(in->buf, h, n);
        in->end = n;
        in->eof = n < 2;
        if (in->eof && ferror(in->f)) {
            read_error(in);
            return 0;
        }
    }
    if (!in->eof && refill(in) < 0)
        return 0;
    if (in->end >= 3 && memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0)
        in->beg = in->scan = 3;

    const char *s;
    size_t len;
    int r;
    while ((r = next_line(in, &s, &len)) == 1 && is_blank(s, len))
        in->line_no++;
    if (r == 1) {
        in->pend = s;
        in->pend_len = len;
        in->has_pend = 1;
        in->delim = detect_delim(s, len, in->utf16);
    }
    return 0;
}

static int no_space(unsigned char c)
{
    (void)c;
    return 0; /* keep spaces and tabs as they are */
}

/* Give up opening: the message for errno value e, and free in. */
static csv_in *open_fail(csv_in *in, char **err, int e)
{
    if (err)
        *err = format(_("cannot open: %s"), strerror(e));
    csv_in_free(&in);
    return NULL;
}

csv_in *csv_in_open(const char *path, char **err)
{
    if (err)
        *err = NULL;
    csv_in *in = calloc(1, sizeof *in);
    if (!in)
        return open_fail(NULL, err, ENOMEM);
    in->cd = (iconv_t)-1;
    in->delim = ',';
    in->size = -1;
    in->own_f = strcmp(path, "-") != 0;
    in->f = in->own_f ? fopen(path, "rb") : stdin;
    if (!in->f)
        return open_fail(in, err, errno);
    struct stat st;
    if (fstat(fileno(in->f), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return open_fail(in, err, EISDIR);
        if (S_ISREG(st.st_mode))
            in->size = (long)st.st_size;
    }
    csv_init(&in->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_space_func(&in->p, no_space);
    in->cap = CHUNK;
    in->buf = malloc(in->cap);
    if (!in->buf)
        return open_fail(in, err, ENOMEM);
    if (start_input(in) < 0)
        return open_fail(in, err, errno);
    csv_set_delim(&in->p, (unsigned char)in->delim);
    return in;
}

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
        return set_err(in, in->line_no, "%s", not_utf8_msg());
    return nomem(in);
}

/* csv_parse() stopped early: broken quoting (strict mode) or no memory. */
static int parse_error(csv_in *in)
{
    if (csv_error(&in->p) != CSV_EPARSE)
        return nomem(in);
    if (in->p.pstate == PS_FIELD_MIGHT_HAVE_ENDED)
        return set_err(in, in->line_no, "%s",
                       _("broken quoting: text after the closing quote of a "
                         "field (a quote inside a quoted field is written "
                         "as two quotes)"));
    return set_err(in, in->line_no, "%s",
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
        return set_err(in, in->line_no, "%s", _("NUL byte in the file"));
    if (!text_utf8_valid(s, len, NULL))
        return set_err(in, in->line_no, "%s", not_utf8_msg());
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
        return set_err(in, in->open_line, "%s",
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
            r = next_line(in, &s, &len);
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

const char *csv_in_error(const csv_in *in)
{
    if (in->err)
        return in->err;
    return in->failed ? _("out of memory") : "";
}

long csv_in_error_line(const csv_in *in)
{
    return in->failed ? in->err_line : 0;
}

char csv_in_delimiter(const csv_in *in)
{
    return in->delim;
}

long csv_in_bytes_read(const csv_in *in)
{
    if (in->utf16)
        return in->nread - (long)in->rawlen;
    return in->nread - (long)(in->end - in->beg);
}

long csv_in_size(const csv_in *in)
{
    return in->size;
}

void csv_in_free(csv_in **pin)
{
    csv_in *in = pin ? *pin : NULL;
    if (!in)
        return;
    if (in->f && in->own_f)
        fclose(in->f);
    if (in->cd != (iconv_t)-1)
        iconv_close(in->cd);
    csv_free(&in->p);
    free(in->buf);
    free(in->raw);
    free(in->rbuf);
    free(in->off);
    free(in->fieldv);
    free(in->err);
    free(in);
    *pin = NULL;
}
