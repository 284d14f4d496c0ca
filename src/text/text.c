/* text.c - Vietnamese text: UTF-8 checks, NFC, folding, collation, width.
 *
 * Everything is built on one scanner, next_unit(), which reads a "unit":
 * one code point plus the combining marks that follow it.  A Latin letter
 * unit is described by its ASCII base, case, Vietnamese modifier (breve,
 * circumflex, horn, stroke), tone and first other mark, whether it came
 * precomposed or decomposed, so fold, ascii and collation treat both
 * forms alike.  Tables are in text-tables.c (generated, see its header).
 */
#if !defined(_GNU_SOURCE) && !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700 /* wcwidth */
#endif

#include "theodoi/text.h"
#include "text-tables.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

enum { MOD_NONE, MOD_CIRC, MOD_BREVE, MOD_HORN, MOD_STROKE };
enum { U_LETTER, U_SPACE, U_OTHER, U_MARK, U_BAD };

struct unit {
    int kind;
    unsigned int cp; /* first code point (U+FFFD for U_BAD) */
    size_t len;      /* bytes, including the marks that follow */
    char base[3];    /* U_LETTER: lower-case ASCII base letters */
    int upper, mod, tone, extra;
};

/* ---- UTF-8 ------------------------------------------------------------ */

int text_utf8_decode(const char *s, size_t n, unsigned int *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned int c, min;
    int len, i;

    if (!s || n == 0)
        return -1;
    c = p[0];
    if (c < 0x80) {
        len = 1;
        min = 0;
    } else if (c < 0xC2) {
        return -1; /* stray continuation byte or overlong C0/C1 lead */
    } else if (c < 0xE0) {
        len = 2, c &= 0x1F, min = 0x80;
    } else if (c < 0xF0) {
        len = 3, c &= 0x0F, min = 0x800;
    } else if (c < 0xF5) {
        len = 4, c &= 0x07, min = 0x10000;
    } else {
        return -1;
    }
    if ((size_t)len > n)
        return -1;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (p[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    if (cp)
        *cp = c;
    return len;
}

/* Surrogates and values above U+10FFFF are written as U+FFFD. */
int text_utf8_encode(unsigned int cp, char *out)
{
    int len, i;

    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    len = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (i = len - 1; i > 0; i--, cp >>= 6)
        out[i] = (char)(0x80 | (cp & 0x3F));
    out[0] = (char)(((0xFF00u >> len) & 0xFF) | cp); /* C0, E0 or F0 lead */
    return len;
}

/* On failure *bad is the offset where the first bad sequence starts; on
 * success it is n. */
int text_utf8_valid(const char *s, size_t n, size_t *bad)
{
    size_t i = 0;

    while (i < n) {
        unsigned int cp;
        int l;

        if ((unsigned char)s[i] < 0x80 && s[i] != '\0') {
            i++;
            continue;
        }
        l = text_utf8_decode(s + i, n - i, &cp);
        if (l < 0 || cp == 0) {
            if (bad)
                *bad = i;
            return 0;
        }
        i += (size_t)l;
    }
    if (bad)
        *bad = n;
    return 1;
}

/* ---- character classes ------------------------------------------------- */

/* Combining diacritical marks (dropped by fold, width 0). */
static int is_mark(unsigned int cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

static int is_space(unsigned int cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

static int mod_of(unsigned int m)
{
    return m == 0x302 ? MOD_CIRC : m == 0x306 ? MOD_BREVE : m == 0x31B ? MOD_HORN : 0;
}

static int tone_of(unsigned int m)
{
    return m == 0x300 ? 1 : m == 0x309 ? 2 : m == 0x303 ? 3 : m == 0x301 ? 4 : m == 0x323 ? 5 : 0;
}

static int extra_of(unsigned int m)
{
    int i;

    for (i = 0; i < TEXT_EXTRA_N; i++)
        if (text_extra_marks[i] == m)
            return i + 1;
    return TEXT_EXTRA_OTHER;
}

static const struct text_latin *latin(unsigned int cp)
{
    if (cp >= TEXT_LATIN_A_FIRST && cp <= TEXT_LATIN_A_LAST)
        return &text_latin_a[cp - TEXT_LATIN_A_FIRST];
    if (cp >= TEXT_LATIN_B_FIRST && cp <= TEXT_LATIN_B_LAST)
        return &text_latin_b[cp - TEXT_LATIN_B_FIRST];
    return NULL;
}

/* Lower case of a non-letter-unit code point (Latin without base, Greek,
 * Cyrillic, Armenian); the result never needs more UTF-8 bytes. */
static unsigned int simple_lower(unsigned int cp)
{
    const struct text_latin *e;
    size_t lo = 0, hi = text_case_pairs_n;

    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if ((e = latin(cp)) != NULL)
        return e->lower ? e->lower : cp;
    if (cp < text_case_pairs[0][0] || cp > text_case_pairs[hi - 1][0])
        return cp;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (text_case_pairs[mid][0] == cp)
            return text_case_pairs[mid][1];
        if (text_case_pairs[mid][0] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return cp;
}

/* ---- the unit scanner -------------------------------------------------- */

static void add_mark(struct unit *u, unsigned int m)
{
    int v;

    if ((v = mod_of(m)) != 0 && !u->mod)
        u->mod = v;
    else if ((v = tone_of(m)) != 0 && !u->tone)
        u->tone = v;
    else if (!u->extra)
        u->extra = extra_of(m);
}

/* Classifies the code point at s (u->cp, u->len set). */
static void classify(struct unit *u)
{
    unsigned int cp = u->cp;
    const struct text_latin *e;

    if (cp < 0x80) {
        unsigned int lc = cp | 0x20;

        if (lc >= 'a' && lc <= 'z') {
            u->kind = U_LETTER;
            u->base[0] = (char)lc;
            u->upper = cp < 'a';
        } else {
            u->kind = is_space(cp) ? U_SPACE : U_OTHER;
        }
    } else if (is_mark(cp)) {
        u->kind = U_MARK;
    } else if (is_space(cp)) {
        u->kind = U_SPACE;
    } else if ((e = latin(cp)) != NULL && e->base[0]) {
        u->kind = U_LETTER;
        memcpy(u->base, e->base, sizeof u->base);
        u->upper = e->upper;
        u->mod = e->mod;
        u->tone = e->tone;
        u->extra = e->extra;
    } else {
        u->kind = U_OTHER;
    }
}

/* Reads one unit at s[0..n), n > 0: a code point (or one invalid byte)
 * and the combining marks that follow it. */
static void next_unit(const char *s, size_t n, struct unit *u)
{
    int l = text_utf8_decode(s, n, &u->cp);

    memset(u->base, 0, sizeof u->base);
    u->upper = u->mod = u->tone = u->extra = 0;
    if (l < 0) {
        u->kind = U_BAD;
        u->cp = 0xFFFD;
        u->len = 1;
        return;
    }
    u->len = (size_t)l;
    classify(u);
    /* Marks start with byte 0xCC or above: skip the decode otherwise. */
    while (u->len < n && (unsigned char)s[u->len] >= 0xCC) {
        unsigned int m;
        int ml = text_utf8_decode(s + u->len, n - u->len, &m);

        if (ml < 0 || !is_mark(m))
            break;
        if (u->kind == U_LETTER)
            add_mark(u, m);
        u->len += (size_t)ml;
    }
}

static char *dup_n(const char *s, size_t n)
{
    char *r = malloc(n + 1);

    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

/* ---- NFC ---------------------------------------------------------------- */

/* Precomposed form of a letter unit made of an ASCII letter or a
 * precomposed Vietnamese-style letter plus at most one modifier and one
 * tone mark, or 0 when the unit has to stay as it is. */
static unsigned int compose_unit(const struct unit *u)
{
    const struct text_latin *e = latin(u->cp);
    int li, up = u->upper;

    if (u->kind != U_LETTER || u->base[1] || u->extra || u->mod > MOD_HORN)
        return 0;
    li = u->base[0] - 'a';
    if (e && text_compose[li][up][e->mod][e->tone] != u->cp)
        return 0; /* base with another decomposition, e.g. U+0140 */
    return text_compose[li][up][u->mod][u->tone];
}

char *text_nfc(const char *s)
{
    size_t n, i = 0, o = 0;
    char *out;

    if (!s)
        return NULL;
    n = strlen(s);
    if (!(out = malloc(n + 1)))
        return NULL;
    while (i < n) {
        struct unit u;
        unsigned int c;

        next_unit(s + i, n - i, &u);
        if (u.kind == U_BAD) {
            free(out);
            return NULL;
        }
        /* Composing never grows: a mark takes 2 bytes, a letter <= 3. */
        if ((c = compose_unit(&u)) != 0 && c != u.cp) {
            o += (size_t)text_utf8_encode(c, out + o);
        } else {
            memcpy(out + o, s + i, u.len);
            o += u.len;
        }
        i += u.len;
    }
    out[o] = '\0';
    return out;
}

/* ---- fold, ascii, match ------------------------------------------------ */

/* Writes the folded form of s[0..n) to out (room n + 1, the fold never
 * grows); returns its length. */
static size_t fold_into(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    int space = 0;

    while (i < n) {
        struct unit u;

        next_unit(s + i, n - i, &u);
        i += u.len;
        if (u.kind == U_SPACE) {
            space = o > 0;
            continue;
        }
        if (u.kind == U_MARK)
            continue;
        if (space)
            out[o++] = ' ';
        space = 0;
        if (u.kind == U_LETTER) {
            out[o++] = u.base[0];
            if (u.base[1])
                out[o++] = u.base[1];
        } else if (u.kind == U_BAD) {
            out[o++] = '?';
        } else {
            o += (size_t)text_utf8_encode(simple_lower(u.cp), out + o);
        }
    }
    out[o] = '\0';
    return o;
}

char *text_fold(const char *s)
{
    size_t n;
    char *out;

    if (!s)
        return NULL;
    n = strlen(s);
    if ((out = malloc(n + 1)) != NULL)
        fold_into(s, n, out);
    return out;
}

/* ASCII stand-in for common punctuation, or NULL. */
static const char *ascii_punct(unsigned int cp)
{
    switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x2032:
        return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x00AB:
    case 0x00BB:
        return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2212:
        return "-";
    case 0x2026:
        return "...";
    case 0x2022:
        return "*";
    case 0x00B7:
        return ".";
    default:
        return NULL;
    }
}

char *text_ascii(const char *s)
{
    size_t n, i = 0, o = 0;
    char *out;

    if (!s)
        return NULL;
    n = strlen(s);
    if (!(out = malloc(n + 1)))
        return NULL;
    while (i < n) {
        struct unit u;
        const char *p;

        next_unit(s + i, n - i, &u);
        i += u.len;
        if (u.kind == U_LETTER) {
            for (int c = 0; c < 2 && u.base[c]; c++)
                out[o++] = (char)(u.upper ? u.base[c] - 32 : u.base[c]);
        } else if (u.kind == U_SPACE || u.kind == U_OTHER) {
            if (u.cp < 0x80)
                out[o++] = (char)u.cp;
            else if (u.kind == U_SPACE)
                out[o++] = ' ';
            else if ((p = ascii_punct(u.cp)) != NULL)
                while (*p)
                    out[o++] = *p++;
            else
                out[o++] = '?';
        } else if (u.kind == U_BAD) {
            out[o++] = '?';
        }
    }
    out[o] = '\0';
    return out;
}

/* buf when need bytes fit in it, else malloc'd memory (or NULL). */
static char *scratch(char *buf, size_t cap, size_t need)
{
    return need <= cap ? buf : malloc(need);
}

/* Folds both strings (on the stack when short) and searches with strstr,
 * which is linear in glibc. */
int text_match(const char *hay, const char *needle)
{
    char hbuf[512], nbuf[256], *h, *nd;
    size_t hn, nn;
    int r = 0;

    if (!needle || !*needle)
        return 1;
    hn = hay ? strlen(hay) : 0;
    nn = strlen(needle);
    h = scratch(hbuf, sizeof hbuf, hn + 1);
    nd = scratch(nbuf, sizeof nbuf, nn + 1);
    if (h && nd) {
        fold_into(hay ? hay : "", hn, h);
        fold_into(needle, nn, nd);
        r = strstr(h, nd) != NULL;
    }
    if (h != hbuf)
        free(h);
    if (nd != nbuf)
        free(nd);
    return r;
}

/* ---- collation ---------------------------------------------------------
 *
 * Key = primary '!' secondary '!' tertiary; trailing '0's of the last two
 * levels and empty trailing levels are dropped ('!' and '0' are the
 * smallest bytes of their level, so this keeps the order).  Primary bytes: '"' space,
 * '#'+c ASCII punctuation, '0'..'9' digits, 'A'..'a' the 33 letters
 * a ă â b c d đ e ê f ... z, '~'+4 base-64 digits any other code point.
 * Secondary: '0'+tone for Vietnamese letters, '6'+mark for letters with
 * other diacritics.  Tertiary: '0' lower, '1' upper case.
 */

#define KEY_ROOM(n) (7 * (n) + 4)

/* Position of each ASCII letter in the Vietnamese alphabet. */
static const unsigned char letter_pos[26] = {0,  3,  4,  5,  7,  9,  10, 11, 12, 13, 14, 15, 16,
                                             17, 18, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 32};

/* Offset of the Vietnamese letter base+mod after base (ă = a + 1), or -1
 * when the pair is not a Vietnamese letter. */
static int vn_variant(char base, int mod)
{
    if (mod == MOD_NONE)
        return 0;
    switch (base) {
    case 'a':
        return mod == MOD_BREVE ? 1 : mod == MOD_CIRC ? 2 : -1;
    case 'd':
        return mod == MOD_STROKE ? 1 : -1;
    case 'e':
        return mod == MOD_CIRC ? 1 : -1;
    case 'o':
        return mod == MOD_CIRC ? 1 : mod == MOD_HORN ? 2 : -1;
    case 'u':
        return mod == MOD_HORN ? 1 : -1;
    default:
        return -1;
    }
}

struct key {
    char *pri, *sec, *ter;
    size_t np, ns, nt;
};

static void key_add(struct key *k, char sec, char ter)
{
    k->sec[k->ns++] = sec;
    k->ter[k->nt++] = ter;
}

/* Appends the weights of one letter unit. */
static void key_letter(struct key *k, const struct unit *u)
{
    int v = u->base[1] ? (u->mod ? -1 : 0) : vn_variant(u->base[0], u->mod);
    char sec, ter = u->upper ? '1' : '0';
    int c;

    if (v >= 0 && !u->extra)
        sec = (char)('0' + u->tone);
    else
        sec = (char)('6' + (v < 0 ? u->mod : u->extra));
    for (c = 0; c < 2 && u->base[c]; c++) {
        int w = letter_pos[u->base[c] - 'a'] + (c == 0 && v > 0 ? v : 0);

        k->pri[k->np++] = (char)('A' + w);
        key_add(k, sec, ter);
    }
}

/* Appends the weights of a non-letter unit. */
static void key_other(struct key *k, const struct unit *u)
{
    unsigned int cp = u->cp, lc;
    int sh;

    if (cp >= '0' && cp <= '9') {
        k->pri[k->np++] = (char)cp;
    } else if (cp < 0x80) {
        k->pri[k->np++] = '#';
        k->pri[k->np++] = (char)cp;
    } else {
        lc = simple_lower(cp);
        k->pri[k->np++] = '~';
        for (sh = 18; sh >= 0; sh -= 6)
            k->pri[k->np++] = (char)('0' + ((lc >> sh) & 0x3F));
        key_add(k, '0', lc != cp ? '1' : '0');
        return;
    }
    key_add(k, '0', '0');
}

/* Writes the collation key of s[0..n) to out (room KEY_ROOM(n)); returns
 * its length. */
static size_t build_key(const char *s, size_t n, char *out)
{
    struct key k = {out, out + 5 * n + 1, out + 6 * n + 2, 0, 0, 0};
    size_t i = 0, o;
    int space = 0;

    while (i < n) {
        struct unit u;

        next_unit(s + i, n - i, &u);
        i += u.len;
        if (u.kind == U_SPACE) {
            space = k.np > 0;
            continue;
        }
        if (u.kind == U_MARK || u.cp < 0x20 || u.cp == 0x7F)
            continue;
        if (space) {
            k.pri[k.np++] = '"';
            key_add(&k, '0', '0');
            space = 0;
        }
        if (u.kind == U_LETTER)
            key_letter(&k, &u);
        else
            key_other(&k, &u);
    }
    while (k.ns > 0 && k.sec[k.ns - 1] == '0')
        k.ns--;
    while (k.nt > 0 && k.ter[k.nt - 1] == '0')
        k.nt--;
    o = k.np;
    if (k.ns + k.nt > 0) { /* empty trailing levels are left out */
        out[o++] = '!';
        memmove(out + o, k.sec, k.ns);
        o += k.ns;
    }
    if (k.nt > 0) {
        out[o++] = '!';
        memmove(out + o, k.ter, k.nt);
        o += k.nt;
    }
    out[o] = '\0';
    return o;
}

char *text_collate_key(const char *s)
{
    size_t n;
    char *out;

    if (!s)
        return NULL;
    n = strlen(s);
    if ((out = malloc(KEY_ROOM(n))) != NULL)
        build_key(s, n, out);
    return out;
}

/* Key of the last word, a space (below every key byte), then the key of
 * the whole name. */
char *text_name_key(const char *full_name)
{
    size_t n, i = 0, ws = 0, we = 0, k;
    int in_word = 0;
    char *out;

    if (!full_name)
        return NULL;
    n = strlen(full_name);
    while (i < n) {
        struct unit u;

        next_unit(full_name + i, n - i, &u);
        if (u.kind == U_SPACE) {
            in_word = 0;
        } else {
            if (!in_word)
                ws = i;
            in_word = 1;
            we = i + u.len;
        }
        i += u.len;
    }
    if (!(out = malloc(KEY_ROOM(we - ws) + 1 + KEY_ROOM(n))))
        return NULL;
    if (we == ws) {
        out[0] = '\0';
        return out;
    }
    k = build_key(full_name + ws, we - ws, out);
    out[k++] = ' ';
    build_key(full_name, n, out + k);
    return out;
}

int text_collate(const char *a, const char *b)
{
    char abuf[1024], bbuf[1024], *ka, *kb;
    size_t an, bn;
    int r;

    a = a ? a : "";
    b = b ? b : "";
    an = strlen(a);
    bn = strlen(b);
    ka = scratch(abuf, sizeof abuf, KEY_ROOM(an));
    kb = scratch(bbuf, sizeof bbuf, KEY_ROOM(bn));
    if (ka && kb) {
        build_key(a, an, ka);
        build_key(b, bn, kb);
        r = strcmp(ka, kb);
    } else {
        r = strcmp(a, b); /* out of memory: byte order */
    }
    if (ka != abuf)
        free(ka);
    if (kb != bbuf)
        free(kb);
    return r;
}

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
    if (cp < 0x7F || latin(cp))
        return 1;
    if (is_mark(cp))
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
        return dup_n("", 0);
    p = text_fit(s, cols);
    if (s[p] == '\0')
        return dup_n(s, p);
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
