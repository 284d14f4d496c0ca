/* text-collate.c - Vietnamese alphabetical order: collation keys, a
 * name's sort key, comparison (see text.c for the unit scanner). */
#include "config.h"

#include "text-int.h"
#include "theodoi/text.h"

#include <stdlib.h>
#include <string.h>

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
        lc = tx_simple_lower(cp);
        k->pri[k->np++] = '~';
        for (sh = 18; sh >= 0; sh -= 6)
            k->pri[k->np++] = (char)('0' + ((lc >> sh) & 0x3F));
        key_add(k, '0', lc != cp ? '1' : '0');
        return;
    }
    key_add(k, '0', '0');
}

/* Fills k with the weights of s[0..n), untrimmed: one secondary and one
 * tertiary weight per primary unit (a letter, a digit, a space, ...). */
static void key_fill(const char *s, size_t n, struct key *k)
{
    size_t i = 0;
    int space = 0;

    while (i < n) {
        struct unit u;

        tx_next_unit(s + i, n - i, &u);
        i += u.len;
        if (u.kind == U_SPACE) {
            space = k->np > 0;
            continue;
        }
        if (u.kind == U_MARK || u.cp < 0x20 || u.cp == 0x7F)
            continue;
        if (space) {
            k->pri[k->np++] = '"';
            key_add(k, '0', '0');
            space = 0;
        }
        if (u.kind == U_LETTER)
            key_letter(k, &u);
        else
            key_other(k, &u);
    }
}

/* Ends a key whose primary level is out[0..o): '!' and the secondary
 * level, '!' and the tertiary level, empty trailing levels left out ('!'
 * is below every weight, so this keeps the order).  The levels may lie
 * later in out (memmove).  Returns the key's length. */
static size_t put_levels(char *out, size_t o, const char *sec, size_t ns, const char *ter,
                         size_t nt)
{
    if (ns + nt > 0) {
        out[o++] = '!';
        memmove(out + o, sec, ns);
        o += ns;
    }
    if (nt > 0) {
        out[o++] = '!';
        memmove(out + o, ter, nt);
        o += nt;
    }
    out[o] = '\0';
    return o;
}

/* Writes the collation key of s[0..n) to out (room KEY_ROOM(n)); returns
 * its length. */
static size_t build_key(const char *s, size_t n, char *out)
{
    struct key k = {out, out + 5 * n + 1, out + 6 * n + 2, 0, 0, 0};

    key_fill(s, n, &k);
    while (k.ns > 0 && k.sec[k.ns - 1] == '0')
        k.ns--;
    while (k.nt > 0 && k.ter[k.nt - 1] == '0')
        k.nt--;
    return put_levels(out, k.np, k.sec, k.ns, k.ter, k.nt);
}

/* ---- a name's sort key ---------------------------------------------------
 *
 * Mostly the weights of the last two levels are '0' (no tone, lower
 * case), so a name key writes them sparse: for each weight that is not
 * '0', a position byte, SPARSE_POS - i for the i-th unit (a later unit
 * gets a smaller byte: at the first place two names differ, the one with
 * a weight there sorts after the one without, as '0' does in a dense
 * level), followed by the weight itself on the secondary level (on the
 * tertiary level the weight is always '1').  The order of two sparse
 * levels is that of the dense ones; a weight past SPARSE_MAX units (a
 * 90-letter name) is left out, so such names may tie, and ties sort by
 * learner id. */
#define SPARSE_POS 0x7E
#define SPARSE_MAX (SPARSE_POS - '"')

static size_t sparse_level(const char *w, size_t n, int with_weight, char *out)
{
    size_t i, o = 0;

    for (i = 0; i < n && i < SPARSE_MAX; i++) {
        if (w[i] == '0')
            continue;
        out[o++] = (char)(SPARSE_POS - i);
        if (with_weight)
            out[o++] = w[i];
    }
    return o;
}

/* Writes the sparse key of s[0..n) to out (room KEY_ROOM(n)); returns its
 * length. */
static size_t build_sparse(const char *s, size_t n, char *out)
{
    char *lv = out + 5 * n + 1; /* the dense levels, behind the primary */
    struct key k = {out, lv, lv + n + 1, 0, 0, 0};
    size_t ns, nt;
    char tmp[3 * SPARSE_MAX];

    key_fill(s, n, &k);
    ns = sparse_level(k.sec, k.ns, 1, tmp);
    nt = sparse_level(k.ter, k.nt, 0, tmp + ns);
    return put_levels(out, k.np, tmp, ns, tmp + ns, nt);
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

/* Key of the last word (the given name), a space (below every key byte),
 * then the key of the words before it (surname and middle names): the
 * order of a Vietnamese class list, by tên, then by họ và tên đệm.  Both
 * keys are sparse (build_sparse()).  The order is that of text_collate()
 * on the given names, then on the rest (test_text checks it on random
 * names). */
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

        tx_next_unit(full_name + i, n - i, &u);
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
    k = build_sparse(full_name + ws, we - ws, out);
    out[k++] = ' ';
    build_sparse(full_name, ws, out + k);
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
    ka = tx_scratch(abuf, sizeof abuf, KEY_ROOM(an));
    kb = tx_scratch(bbuf, sizeof bbuf, KEY_ROOM(bn));
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
