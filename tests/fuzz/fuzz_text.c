/* fuzz_text.c - Vietnamese text functions on any bytes.
 *
 * The input up to its first NUL is the string s; what follows that NUL
 * (up to the next one) is a second string t.  Besides not crashing, the
 * functions must keep their promises (text.h):
 *   UTF-8: decode/encode round trip; valid() agrees with decode();
 *   NFC: NULL exactly for invalid UTF-8, idempotent, never longer;
 *   fold: idempotent, lower case, single inner spaces, trimmed, the same
 *         for NFC and decomposed input;
 *   ascii: 7-bit, idempotent;
 *   collation keys: printable, the same for NFC and decomposed input,
 *         text_collate() agrees with strcmp() of the keys;
 *   width >= 0; fit() and truncate() stay within the columns asked.
 */
#include "config.h"

#include "fuzz.h"
#include "theodoi/text.h"

static int streq(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void check_utf8(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t bad = (size_t)-1, i = 0;
    int valid = text_utf8_valid(s, size, &bad);
    FUZZ_CHECK(bad <= size);
    FUZZ_CHECK(!valid || bad == size);
    /* Walk by decode(): valid() must fail exactly where decode() does
     * (or at a NUL, which valid() refuses). */
    while (i < size) {
        unsigned int cp;
        char out[4];
        int l = text_utf8_decode(s + i, size - i, &cp);
        if (l < 0 || cp == 0)
            break;
        FUZZ_CHECK(l >= 1 && l <= 4);
        FUZZ_CHECK(text_utf8_encode(cp, out) == l);
        FUZZ_CHECK(memcmp(out, s + i, (size_t)l) == 0);
        i += (size_t)l;
    }
    FUZZ_CHECK(valid == (i == size));
    if (!valid)
        FUZZ_CHECK(bad == i);
}

static void check_nfc(const char *s)
{
    char *n = text_nfc(s);
    FUZZ_CHECK((n != NULL) == text_utf8_valid(s, strlen(s), NULL));
    if (!n)
        return;
    FUZZ_CHECK(strlen(n) <= strlen(s));
    FUZZ_CHECK(text_utf8_valid(n, strlen(n), NULL));
    char *nn = text_nfc(n);
    FUZZ_CHECK(nn && streq(nn, n));

    /* Folding and collation do not care whether s came composed. */
    char *f1 = text_fold(s), *f2 = text_fold(n);
    FUZZ_CHECK(f1 && f2 && streq(f1, f2));
    char *k1 = text_collate_key(s), *k2 = text_collate_key(n);
    FUZZ_CHECK(k1 && k2 && streq(k1, k2));
    char *a1 = text_ascii(s), *a2 = text_ascii(n);
    FUZZ_CHECK(a1 && a2 && streq(a1, a2));
    free(a1);
    free(a2);
    free(k1);
    free(k2);
    free(f1);
    free(f2);
    free(nn);
    free(n);
}

static void check_fold(const char *s)
{
    char *f = text_fold(s);
    FUZZ_CHECK(f != NULL);
    size_t n = strlen(f);
    FUZZ_CHECK(n <= strlen(s));
    FUZZ_CHECK(n == 0 || (f[0] != ' ' && f[n - 1] != ' '));
    FUZZ_CHECK(strstr(f, "  ") == NULL);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(!(f[i] >= 'A' && f[i] <= 'Z'));
    char *ff = text_fold(f);
    FUZZ_CHECK(ff && streq(ff, f));
    FUZZ_CHECK(text_match(s, s));
    FUZZ_CHECK(text_match(s, ""));
    FUZZ_CHECK(text_match(s, f));
    free(ff);
    free(f);
}

static void check_ascii(const char *s)
{
    char *a = text_ascii(s);
    FUZZ_CHECK(a != NULL);
    for (const char *p = a; *p; p++)
        FUZZ_CHECK((unsigned char)*p < 0x80);
    char *aa = text_ascii(a);
    FUZZ_CHECK(aa && streq(aa, a));
    free(aa);
    free(a);
}

/* Keys are printable ASCII; a name key has one ' ' between its parts. */
static void check_keys(const char *s, const char *t)
{
    char *k = text_collate_key(s), *kt = text_collate_key(t);
    FUZZ_CHECK(k && kt);
    for (const char *p = k; *p; p++)
        FUZZ_CHECK(*p > ' ' && *p < 0x7F);
    FUZZ_CHECK(text_collate(s, s) == 0);
    FUZZ_CHECK(sign(text_collate(s, t)) == sign(strcmp(k, kt)));
    FUZZ_CHECK(sign(text_collate(t, s)) == -sign(strcmp(k, kt)));
    char *nk = text_name_key(s);
    FUZZ_CHECK(nk != NULL);
    for (const char *p = nk; *p; p++)
        FUZZ_CHECK(*p >= ' ' && *p < 0x7F);
    free(nk);
    free(kt);
    free(k);
}

static void check_width(const char *s)
{
    static const int cols[] = {-1, 0, 1, 2, 3, 4, 5, 8, 20};
    int w = text_width(s);
    size_t len = strlen(s);
    FUZZ_CHECK(w >= 0);
    FUZZ_CHECK(text_fit(s, w) == len);
    for (size_t i = 0; i < sizeof cols / sizeof cols[0] + 2; i++) {
        int c = i < sizeof cols / sizeof cols[0] ? cols[i] : w - (int)(i % 2);
        size_t fit = text_fit(s, c);
        FUZZ_CHECK(fit <= len);
        char *pre = fuzz_str((const uint8_t *)s, fit);
        FUZZ_CHECK(text_width(pre) <= (c > 0 ? c : 0));
        free(pre);
        for (int utf8 = 0; utf8 < 2; utf8++) {
            char *t = text_truncate(s, c, utf8);
            FUZZ_CHECK(t != NULL);
            FUZZ_CHECK(text_width(t) <= (c > 0 ? c : 0));
            if (c >= w && c > 0) /* 0 columns hold nothing, even marks */
                FUZZ_CHECK(streq(t, s));
            free(t);
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    size_t n = strlen(s);
    const char *t = n < size ? s + n + 1 : "";
    check_utf8(data, size);
    check_nfc(s);
    check_fold(s);
    check_ascii(s);
    check_keys(s, t);
    check_width(s);
    free(s);
    return 0;
}
