/* csvio.h - CSV files in and out, as spreadsheets really write them.
 *
 * Reading streams the file through libcsv one physical line at a time
 * (never the whole file in memory) and hands out one record at a time with
 * the line where it starts, so every message can say FILE:LINE.  It accepts
 * a UTF-8 byte-order mark, CRLF or LF, ',' or ';' as delimiter (told from
 * the header line), UTF-16 with a BOM (Excel's "Unicode text", converted
 * with iconv), and normalises every field to NFC.  A file that is not UTF-8
 * is refused with the fix in the message.  A field that starts with "'"
 * followed by = + - or @ loses the "'" (the formula guard, undone).
 *
 * Writing puts a UTF-8 BOM first, ends records with CRLF, quotes fields
 * when needed, and guards text that a spreadsheet would run as a formula.
 */
#ifndef THEODOI_CSVIO_H
#define THEODOI_CSVIO_H

#include <stddef.h>
#include <stdio.h>

typedef struct csv_in csv_in;

typedef struct csv_rec {
    long line;    /* physical line (1-based) where the record starts */
    size_t n;     /* number of fields */
    char **field; /* NFC UTF-8, NUL-terminated; owned by the reader,
                         valid until the next csv_in_next() */
} csv_rec;

/* Open path for reading.  NULL on failure with a malloc'd message in *err
 * ("cannot open: No such file or directory").  path "-" is stdin. */
csv_in *csv_in_open(const char *path, char **err);

/* Next record: 1 and *rec filled, 0 at end of file, -1 on an error that
 * stops reading (broken quoting, not UTF-8, NUL byte, I/O error): then
 * csv_in_error() tells the message and csv_in_error_line() its line.
 * Blank lines are skipped.  Record lines are counted in physical lines,
 * so a quoted field spanning lines moves the next record's line on. */
int csv_in_next(csv_in *in, csv_rec *rec);
const char *csv_in_error(const csv_in *in);
long csv_in_error_line(const csv_in *in);
char csv_in_delimiter(const csv_in *in);  /* ',' or ';' */
long csv_in_bytes_read(const csv_in *in); /* for progress bars */
long csv_in_size(const csv_in *in);       /* file size, -1 if unknown */
void csv_in_free(csv_in **in);

typedef struct csv_out csv_out;

/* Write to f (not closed by csv_out_free); writes the BOM at once. */
csv_out *csv_out_new(FILE *f);
/* One record of n fields; NULL fields are written empty.  guard[i] non-0
 * (or guard NULL) applies the formula guard to field i: text starting
 * with = + - @ gets a leading "'".  Numbers must be passed unguarded. */
int csv_out_row(csv_out *o, size_t n, const char *const *fields, const unsigned char *guard);
void csv_out_free(csv_out **o);

/* Quote one field as RFC 4180 into a malloc'd string (no guard). */
char *csv_quote(const char *s);

#endif
