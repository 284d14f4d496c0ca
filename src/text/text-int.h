/* text-int.h - what the files of src/text share: the unit scanner
 * (text.c) that collation (text-collate.c) and width (text-width.c) read
 * with.  Internal to src/text. */
#ifndef THEODOI_TEXT_INT_H
#define THEODOI_TEXT_INT_H

#include <stddef.h>

#include "text-tables.h"

enum { MOD_NONE, MOD_CIRC, MOD_BREVE, MOD_HORN, MOD_STROKE };
enum { U_LETTER, U_SPACE, U_OTHER, U_MARK, U_BAD };

struct unit {
    int kind;
    unsigned int cp; /* first code point (U+FFFD for U_BAD) */
    size_t len;      /* bytes, including the marks that follow */
    char base[3];    /* U_LETTER: lower-case ASCII base letters */
    int upper, mod, tone, extra;
};

/* 1 when cp is a combining mark. */
int tx_is_mark(unsigned int cp);
/* The table entry of a precomposed Latin letter, or NULL. */
const struct text_latin *tx_latin(unsigned int cp);
/* Lower case of cp where it is a simple mapping (else cp). */
unsigned int tx_simple_lower(unsigned int cp);
/* Read one unit (a code point and the marks that follow) at s[0..n). */
void tx_next_unit(const char *s, size_t n, struct unit *u);
/* A copy of s[0..n) with a NUL (malloc'd, NULL when out of memory). */
char *tx_dup_n(const char *s, size_t n);
/* buf when need bytes fit in cap, else a malloc'd block (free it when it
 * is not buf). */
char *tx_scratch(char *buf, size_t cap, size_t need);

#endif
