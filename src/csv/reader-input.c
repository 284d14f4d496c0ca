/* reader-input.c - the CSV reader's way in: open the file, detect the
 * encoding (UTF-8 with or without BOM, UTF-16 converted with iconv chunk
 * by chunk) and the delimiter, and cut the text into physical lines ("\n",
 * "\r\n" or a lone "\r"), checking each (NUL byte, UTF-8).  reader.c
 * parses the lines into records. */
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

const char *csvr_not_utf8_msg(void)
{
    return _("not UTF-8 text (perhaps Windows-1258 or Windows-1252 from "
             "Excel); save it as \"CSV UTF-8 (Comma delimited)\" or convert "
             "it with: iconv -f CP1258 -t UTF-8");
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

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
int csvr_set_err(csv_in *in, long line, const char *fmt, ...)
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
    return csvr_set_err(in, in->line_no + 1, _("read error: %s"), strerror(errno));
}

int csvr_nomem(csv_in *in)
{
    return csvr_set_err(in, in->line_no, "%s", _("out of memory"));
}

static int utf16_error(csv_in *in)
{
    return csvr_set_err(in, in->line_no + 1, "%s", _("not valid UTF-16 text"));
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
            return csvr_nomem(in);
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
int csvr_next_line(csv_in *in, const char **s, size_t *len)
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
    while ((r = csvr_next_line(in, &s, &len)) == 1 && is_blank(s, len))
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
