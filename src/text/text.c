/* text.c - Vietnamese text: UTF-8 checks, NFC, folding (collation is in
 * text-collate.c, width in text-width.c).
 *
 * Everything is built on one scanner, tx_next_unit(), which reads a "unit":
 * one code point plus the combining marks that follow it.  A Latin letter
 * unit is described by its ASCII base, case, Vietnamese modifier (breve,
 * circumflex, horn, stroke), tone and first other mark, whether it came
 * precomposed or decomposed, so fold, ascii and collation treat both
 * forms alike.  Tables are in text-tables.c (generated, see its header).
 */
#include "theodoi/text.h"
#include "text-int.h"

#include <stdlib.h>
#include <string.h>

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
int tx_is_mark(unsigned int cp)
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

const struct text_latin *tx_latin(unsigned int cp)
{
    if (cp >= TEXT_LATIN_A_FIRST && cp <= TEXT_LATIN_A_LAST)
        return &text_latin_a[cp - TEXT_LATIN_A_FIRST];
    if (cp >= TEXT_LATIN_B_FIRST && cp <= TEXT_LATIN_B_LAST)
        return &text_latin_b[cp - TEXT_LATIN_B_FIRST];
    return NULL;
}

/* Lower case of a non-letter-unit code point (Latin without base, Greek,
 * Cyrillic, Armenian); the result never needs more UTF-8 bytes. */
unsigned int tx_simple_lower(unsigned int cp)
{
    const struct text_latin *e;
    size_t lo = 0, hi = text_case_pairs_n;

    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if ((e = tx_latin(cp)) != NULL)
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
    } else if (tx_is_mark(cp)) {
        u->kind = U_MARK;
    } else if (is_space(cp)) {
        u->kind = U_SPACE;
    } else if ((e = tx_latin(cp)) != NULL && e->base[0]) {
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
void tx_next_unit(const char *s, size_t n, struct unit *u)
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

        if (ml < 0 || !tx_is_mark(m))
            break;
        if (u->kind == U_LETTER)
            add_mark(u, m);
        u->len += (size_t)ml;
    }
}

char *tx_dup_n(const char *s, size_t n)
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
    const struct text_latin *e = tx_latin(u->cp);
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

        tx_next_unit(s + i, n - i, &u);
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

        tx_next_unit(s + i, n - i, &u);
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
            o += (size_t)text_utf8_encode(tx_simple_lower(u.cp), out + o);
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

        tx_next_unit(s + i, n - i, &u);
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
char *tx_scratch(char *buf, size_t cap, size_t need)
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
    h = tx_scratch(hbuf, sizeof hbuf, hn + 1);
    nd = tx_scratch(nbuf, sizeof nbuf, nn + 1);
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
