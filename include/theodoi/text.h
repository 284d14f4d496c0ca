/* text.h - Vietnamese text: UTF-8 checks, NFC, folding, collation, width.
 *
 * One home for everything that knows about Vietnamese letters.  Used by
 * search (fold), sorting (collation keys), the ASCII fallback (ascii) and
 * screen layout (width, fit).  No curses, no SQL.  Strings are UTF-8;
 * functions returning char * return malloc'd memory the caller frees.
 */
#ifndef THEODOI_TEXT_H
#define THEODOI_TEXT_H

#include <stddef.h>

/* 1 when s[0..n) is valid UTF-8 with no NUL byte, no overlong form and no
 * surrogate; 0 otherwise.  *bad (if not NULL) gets the offset of the first
 * bad byte. */
int text_utf8_valid(const char *s, size_t n, size_t *bad);

/* Decode one code point at s; returns bytes used (1..4) or -1 when invalid. */
int text_utf8_decode(const char *s, size_t n, unsigned int *cp);

/* Encode cp into out (4 bytes room); returns bytes written. */
int text_utf8_encode(unsigned int cp, char *out);

/* NFC of s for Latin/Vietnamese: base letter + combining marks (U+0300,
 * U+0301, U+0303, U+0309, U+0323, U+0302, U+0306, U+031B in any order) are
 * composed to the precomposed letter.  Other text passes unchanged.
 * Returns NULL when s is not valid UTF-8. */
char *text_nfc(const char *s);

/* Search form: lower case, Vietnamese diacritics removed, đ/Đ -> d,
 * runs of white space collapsed to one space, trimmed.
 * "  Phường LÊ Thanh  Nghị" -> "phuong le thanh nghi".  Works on NFC or
 * decomposed input (combining marks are dropped). */
char *text_fold(const char *s);

/* Display form for non-UTF-8 terminals: diacritics removed, case kept,
 * đ -> d, Đ -> D, any other non-ASCII character -> '?'.
 * "Phường Lê Thanh Nghị" -> "Phuong Le Thanh Nghi". */
char *text_ascii(const char *s);

/* 1 when folded(needle) occurs in folded(hay); an empty needle matches. */
int text_match(const char *hay, const char *needle);

/* Sort key for Vietnamese alphabetical order: strcmp() of two keys orders
 * the strings as a Vietnamese dictionary does: letters
 * a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z,
 * digits before letters, tones compared only when the letters are equal
 * (ngang < huyền < hỏi < ngã < sắc < nặng), then case (lower first).
 * The key is printable ASCII (safe to store in a TEXT column). */
char *text_collate_key(const char *s);

/* Sort key for a person's full name as Vietnamese rosters are ordered: by
 * the given name (tên, the last word) first, then by the words before it
 * (họ và tên đệm).  "Nguyễn Văn An" sorts before "Trần Thị Bình", "Lê Nam"
 * before "Lê An Nam".  strcmp() of two keys orders as text_collate() of
 * the given names, then of the rest; the tone and case levels are written
 * sparse (see text-collate.c), so the key is short: it is stored in every
 * roster row and in the name index (schema 5 rewrote older files' keys). */
char *text_name_key(const char *full_name);

/* Compare two strings in Vietnamese order (as their collate keys). */
int text_collate(const char *a, const char *b);

/* Display width in terminal columns (wcwidth per code point; combining
 * marks 0, CJK 2, control characters 0). Invalid bytes count 1. */
int text_width(const char *s);

/* Number of bytes of the longest prefix of s whose width is <= cols,
 * never splitting a character (a combining mark stays with its base). */
size_t text_fit(const char *s, int cols);

/* Copy of s cut to at most cols columns; when cut, the last column is an
 * ellipsis ("…" when utf8 is 1, "." runs when 0: "..." if room). */
char *text_truncate(const char *s, int cols, int utf8);

#endif
