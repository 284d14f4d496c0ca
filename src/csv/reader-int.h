/* reader-int.h - what the two halves of the CSV reader share: the
 * reader's state and a few helpers (reader-input.c reads and decodes
 * lines; reader.c parses them into records).  Not a public header. */
#ifndef THEODOI_CSV_READER_INT_H
#define THEODOI_CSV_READER_INT_H

#include "theodoi/csvio.h"

#include <csv.h>
#include <iconv.h>
#include <stdio.h>

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

/* reader-input.c */
const char *csvr_not_utf8_msg(void);
/* Record the first error (at line) and fail the reader; returns -1. */
int csvr_set_err(csv_in *in, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Out of memory: fails the reader; returns -1. */
int csvr_nomem(csv_in *in);
/* The next physical line, without its end: 1, 0 at the end, -1 error. */
int csvr_next_line(csv_in *in, const char **s, size_t *len);

#endif
