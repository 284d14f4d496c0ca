/* test_text.c - CUnit tests for src/text: UTF-8, NFC, fold, ascii,
 * collation, name keys, width, fit and truncate.  Each test walks a table
 * of cases and names the failing case in the CUnit report. */
#include "theodoi/text.h"

#include "cu-run.h"

#include <CUnit/Basic.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Records one assertion with a formatted message naming the case. */
__attribute__((format(printf, 3, 4))) static void check(int ok, unsigned int line, const char *fmt,
                                                        ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, msg, __FILE__, "", CU_FALSE);
}

#define CHECK(ok, ...) check((ok), __LINE__, __VA_ARGS__)

/* Checks fn(in) == want and frees the result. */
static void check_str(char *(*fn)(const char *), const char *name, const char *in, const char *want,
                      unsigned int line)
{
    char *got = fn(in);

    check(got && strcmp(got, want) == 0, line, "%s(\"%s\") = \"%s\", want \"%s\"", name, in,
          got ? got : "(null)", want);
    free(got);
}

/* ---- UTF-8 -------------------------------------------------------------- */

static void test_utf8_valid(void)
{
    static const struct {
        const char *s;
        size_t n;
        int ok;
        size_t bad;
    } c[] = {
        {"", 0, 1, 0},
        {"abc", 3, 1, 3},
        {"Phường Lê Thanh Nghị", 26, 1, 26},
        {"\xF0\x9F\x98\x80", 4, 1, 4}, /* emoji, 4 bytes */
        {"a\xC3", 2, 0, 1},            /* truncated */
        {"ab\x80", 3, 0, 2},           /* stray continuation */
        {"L\xC3\xAA\xFF", 4, 0, 3},    /* "Lê" then 0xFF */
        {"\xC0\xAF", 2, 0, 0},         /* overlong '/' */
        {"\xC1\xBF", 2, 0, 0},         /* overlong */
        {"\xE0\x80\xAF", 3, 0, 0},     /* overlong 3 bytes */
        {"\xF0\x80\x80\xAF", 4, 0, 0}, /* overlong 4 bytes */
        {"x\xED\xA0\x80", 4, 0, 1},    /* surrogate D800 */
        {"xy\xED\xBF\xBF", 5, 0, 2},   /* surrogate DFFF */
        {"\xF4\x90\x80\x80", 4, 0, 0}, /* above U+10FFFF */
        {"\xF5\x80\x80\x80", 4, 0, 0},
        {"ab\0cd", 5, 0, 2},   /* NUL */
        {"\xE1\xBB", 2, 0, 0}, /* cut "ị" */
        {"\xE1\xBB"
         "a",
         3, 0, 0}, /* bad continuation */
    };
    size_t i;

    for (i = 0; i < N_OF(c); i++) {
        size_t bad = 999;
        int ok = text_utf8_valid(c[i].s, c[i].n, &bad);

        CHECK(ok == c[i].ok, "valid case %zu: got %d want %d", i, ok, c[i].ok);
        CHECK(bad == c[i].bad, "valid case %zu: bad %zu want %zu", i, bad, c[i].bad);
        CHECK(text_utf8_valid(c[i].s, c[i].n, NULL) == c[i].ok, "valid case %zu with NULL bad", i);
    }
}

static void test_utf8_decode_encode(void)
{
    static const unsigned int cps[] = {0x41,   0x7F,    0x80,    0xEA,    0x111,  0x1B0,
                                       0x7FF,  0x800,   0x1EC7,  0xD7FF,  0xE000, 0xFFFD,
                                       0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    static const struct {
        const char *s;
        size_t n;
    } bad[] = {
        {"", 0},         {"\x80", 1},         {"\xC3", 1},
        {"\xC0\x80", 2}, {"\xED\xA0\x80", 3}, {"\xF4\x90\x80\x80", 4},
        {"\xFF", 1},     {"\xE1\xBB\xA3", 2},
    };
    char buf[4];
    unsigned int cp;
    size_t i;
    int n;

    for (i = 0; i < N_OF(cps); i++) {
        n = text_utf8_encode(cps[i], buf);
        CHECK(text_utf8_decode(buf, (size_t)n, &cp) == n && cp == cps[i],
              "round trip U+%04X (%d bytes)", cps[i], n);
    }
    CHECK(text_utf8_encode(0x1EC7, buf) == 3 && memcmp(buf, "ệ", 3) == 0, "encode U+1EC7 is \"ệ\"");
    CHECK(text_utf8_encode(0xD800, buf) == 3 && memcmp(buf, "\xEF\xBF\xBD", 3) == 0,
          "encode of a surrogate gives U+FFFD");
    CHECK(text_utf8_decode("ư", 2, &cp) == 2 && cp == 0x1B0, "decode ư");
    CHECK(text_utf8_decode("đx", 3, &cp) == 2 && cp == 0x111, "decode đ");
    for (i = 0; i < N_OF(bad); i++)
        CHECK(text_utf8_decode(bad[i].s, bad[i].n, &cp) == -1, "decode bad case %zu rejected", i);
}

/* ---- NFC, fold, ascii, match ------------------------------------------- */

static void test_nfc(void)
{
    static const struct {
        const char *in, *want;
    } c[] = {
        {"", ""},
        {"Phường Lê Thanh Nghị", "Phường Lê Thanh Nghị"},
        {"e\xCC\x82\xCC\x81", "ế"}, /* e + ^ + sắc */
        {"\xC3\xAA\xCC\x81", "ế"},  /* ê + sắc */
        {"e\xCC\x81\xCC\x82", "ế"}, /* e + sắc + ^ */
        {"\xC3\xA9\xCC\x82", "ế"},  /* é + ^ */
        {"E\xCC\x82\xCC\x81", "Ế"},
        {"u\xCC\x9B\xCC\x80", "ừ"}, /* ư huyền */
        {"U\xCC\x9B", "Ư"},
        {"o\xCC\x9B\xCC\x83", "ỡ"}, /* ơ ngã */
        {"a\xCC\x86\xCC\xA3", "ặ"}, /* ă nặng */
        {"A\xCC\xA3\xCC\x86", "Ặ"}, /* nặng before breve */
        {"a\xCC\x82\xCC\x89", "ẩ"}, /* â hỏi */
        {"o\xCC\x82", "ô"},
        {"Nghi\xCC\xA3", "Nghị"},
        {"Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng", "Phường"},
        {"y\xCC\x83", "ỹ"},
        {"x\xCC\x81", "x\xCC\x81"},                 /* no precomposed x-acute */
        {"a\xCC\x81\xCC\x81", "a\xCC\x81\xCC\x81"}, /* two tones: as is */
        {"\xC4\x91\xCC\x81", "\xC4\x91\xCC\x81"},   /* đ + sắc: none */
        {"a\xCC\x88", "a\xCC\x88"},                 /* diaeresis: not ours */
        {"\xCC\x81"
         "a",
         "\xCC\x81"
         "a"}, /* leading mark */
        {"漢字 ok", "漢字 ok"},
    };
    size_t i;

    for (i = 0; i < N_OF(c); i++)
        check_str(text_nfc, "text_nfc", c[i].in, c[i].want, __LINE__);
    CHECK(text_nfc("a\xFF") == NULL, "text_nfc of invalid UTF-8 is NULL");
    CHECK(text_nfc("\xED\xA0\x80") == NULL, "text_nfc of a surrogate is NULL");
}

static void test_fold(void)
{
    static const struct {
        const char *in, *want;
    } c[] = {
        {"  Phường LÊ Thanh  Nghị", "phuong le thanh nghi"},
        {"Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng Le\xCC\x82", "phuong le"},
        {"Đường đi", "duong di"},
        {"ĐƯỜNG", "duong"},
        {"\xC3\x90\xC3\xA0 N\xE1\xBA\xB5ng", "da nang"}, /* U+00D0 as Đ */
        {"Ăn ăn Âm âm", "an an am am"},
        {"Êm ê Ôi ô Ơn ơ Ưu ư", "em e oi o on o uu u"},
        {"a à ả ã á ạ", "a a a a a a"},
        {"A À Ả Ã Á Ạ", "a a a a a a"},
        {"Ằ Ẳ Ẵ Ắ Ặ Ầ Ẩ Ẫ Ấ Ậ", "a a a a a a a a a a"},
        {"Ỳ Ỷ Ỹ Ý Ỵ", "y y y y y"},
        {"café Müller Ça Ñu Å", "cafe muller ca nu a"},
        {"Straße Œuvre Łódź", "strasse oeuvre lodz"},
        {"\t a \n\n b \r\n", "a b"},
        {"a\xC2\xA0\xC2\xA0"
         "b",
         "a b"}, /* no-break spaces */
        {"", ""},
        {"   ", ""},
        {"Số 12/3-A", "so 12/3-a"},
        {"ΑΒΓ Привет", "αβγ привет"},
        {"漢字", "漢字"},
        {"a\xFF"
         "b",
         "a?b"},
    };
    size_t i;

    for (i = 0; i < N_OF(c); i++)
        check_str(text_fold, "text_fold", c[i].in, c[i].want, __LINE__);
    CHECK(text_fold(NULL) == NULL, "text_fold(NULL) is NULL");
}

static void test_ascii(void)
{
    static const struct {
        const char *in, *want;
    } c[] = {
        {"Phường Lê Thanh Nghị", "Phuong Le Thanh Nghi"},
        {"ĐẶNG đặng", "DANG dang"},
        {"Ư Ơ Ă Â Ê Ô ư ơ ă â ê ô", "U O A A E O u o a a e o"},
        {"Nghi\xCC\xA3  x", "Nghi  x"}, /* spaces kept */
        {"Ế ế Ệ ệ", "E e E e"},
        {"Crème Brûlée", "Creme Brulee"},
        {"漢字 x", "?? x"},
        {"\xE2\x80\x9CTrích\xE2\x80\x9D \xE2\x80\x93 \xE2\x80\xA6", "\"Trich\" - ..."},
        {"a\xFF"
         "b",
         "a?b"},
        {"", ""},
    };
    size_t i;

    for (i = 0; i < N_OF(c); i++)
        check_str(text_ascii, "text_ascii", c[i].in, c[i].want, __LINE__);
}

static void test_match(void)
{
    static const struct {
        const char *hay, *needle;
        int want;
    } c[] = {
        {"Phường Lê Thanh Nghị", "le thanh nghi", 1},
        {"Phường Lê Thanh Nghị", "LÊ THANH", 1},
        {"Phường Lê Thanh Nghị", "Nghị", 1},
        {"Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng Lê", "phuong", 1},
        {"Phường Lê", "Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng", 1},
        {"Đường Trần Phú", "DUONG", 1},
        {"Đường Trần Phú", "tran  phu", 1},
        {"Nguyễn Văn An", "", 1},
        {"", "", 1},
        {"", "a", 0},
        {"Nguyễn Văn An", "binh", 0},
        {"Hà Nội", "ha noi", 1},
        {"Hà Nội", "hanoi", 0},
        {"Hà Nội", "ha noi x", 0},
    };
    size_t i;

    for (i = 0; i < N_OF(c); i++)
        CHECK(text_match(c[i].hay, c[i].needle) == c[i].want, "text_match(\"%s\", \"%s\") want %d",
              c[i].hay, c[i].needle, c[i].want);
}

/* Precomposed and decomposed spellings of the same text behave the same. */
static void test_forms_agree(void)
{
    static const struct {
        const char *pre, *dec;
    } c[] = {
        {"ế", "e\xCC\x82\xCC\x81"},
        {"ế", "e\xCC\x81\xCC\x82"},
        {"ế", "\xC3\xAA\xCC\x81"},
        {"Phường", "Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng"},
        {"Nghị", "Nghi\xCC\xA3"},
        {"Đặng", "\xC4\x90"
                 "a\xCC\x86\xCC\xA3ng"},
        {"Ẫn", "A\xCC\x83\xCC\x82n"},
        {"ở", "o\xCC\x9B\xCC\x89"},
    };
    size_t i;

    for (i = 0; i < N_OF(c); i++) {
        char *n1 = text_nfc(c[i].dec), *f1 = text_fold(c[i].pre), *f2 = text_fold(c[i].dec),
             *a1 = text_ascii(c[i].pre), *a2 = text_ascii(c[i].dec),
             *k1 = text_collate_key(c[i].pre), *k2 = text_collate_key(c[i].dec);

        CHECK(n1 && strcmp(n1, c[i].pre) == 0, "nfc(%s) = %s", c[i].pre, n1);
        CHECK(strcmp(f1, f2) == 0, "fold %s: %s vs %s", c[i].pre, f1, f2);
        CHECK(strcmp(a1, a2) == 0, "ascii %s: %s vs %s", c[i].pre, a1, a2);
        CHECK(strcmp(k1, k2) == 0, "key %s: %s vs %s", c[i].pre, k1, k2);
        CHECK(text_collate(c[i].pre, c[i].dec) == 0, "collate %s", c[i].pre);
        CHECK(text_width(c[i].pre) == text_width(c[i].dec), "width %s", c[i].pre);
        free(n1), free(f1), free(f2), free(a1), free(a2), free(k1), free(k2);
    }
}

/* ---- collation ---------------------------------------------------------- */

/* Each list must be strictly increasing by text_collate and by strcmp of
 * the keys, for every pair (not just neighbours). */
static void check_order(const char *const *w, size_t n, unsigned int line)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        char *ki = text_collate_key(w[i]);
        const char *p;

        for (p = ki; *p; p++)
            if (*p < 0x20 || *p > 0x7E)
                break;
        check(*p == '\0', line, "key of \"%s\" is printable ASCII", w[i]);
        for (j = i + 1; j < n; j++) {
            char *kj = text_collate_key(w[j]);

            check(strcmp(ki, kj) < 0, line, "key \"%s\" (%s) < \"%s\" (%s)", w[i], ki, w[j], kj);
            check(text_collate(w[i], w[j]) < 0 && text_collate(w[j], w[i]) > 0, line,
                  "collate \"%s\" < \"%s\"", w[i], w[j]);
            free(kj);
        }
        free(ki);
    }
}

static void test_collate_order(void)
{
    static const char *const letters[] = {
        "0", "1", "9", "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "k", "l",
        "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y", "z", "Ω", "日",
    };
    static const char *const tones[] = {
        "ma", "mà", "mả", "mã", "má", "mạ", "mac", "mắc", "mâm", "me", "mê",
    };
    static const char *const words[] = {
        "An",  "An Bình", "Anh", "Ánh", "Ăn",     "Bình",      "Cường", "Dũng", "Dương", "Đà Nẵng",
        "Đức", "Em",      "Én",  "Ê",   "Hà Nội", "Hải Phòng", "Ô",     "Ơn",   "Út",    "Ưng",
    };
    static const char *const cases[] = {
        "an", "An", "AN", "án", "Án", "ăn", "Ăn",
    };
    static const char *const punct[] = {
        "a", "a b", "a!", "a!!", "a-", "a1", "ab",
    };
    static const char *const digits[] = {
        "1 An", "2", "Tổ 1", "Tổ 2", "Tổ A", "Tổ dân phố",
    };

    check_order(letters, N_OF(letters), __LINE__);
    check_order(tones, N_OF(tones), __LINE__);
    check_order(words, N_OF(words), __LINE__);
    check_order(cases, N_OF(cases), __LINE__);
    check_order(digits, N_OF(digits), __LINE__);
    check_order(punct, N_OF(punct), __LINE__);
}

static void test_collate_equal(void)
{
    static const struct {
        const char *a, *b;
    } c[] = {
        {"Lê  Văn An", "Lê Văn An"}, /* white space runs */
        {" Lê Văn An ", "Lê Văn An"},
        {"Nghị", "Nghi\xCC\xA3"},
        {"", ""},
    };
    size_t i;

    for (i = 0; i < N_OF(c); i++)
        CHECK(text_collate(c[i].a, c[i].b) == 0, "collate \"%s\" == \"%s\"", c[i].a, c[i].b);
    CHECK(text_collate("", "a") < 0, "empty sorts first");
    CHECK(text_collate("a", "a b") < 0, "prefix sorts first");
}

static int cmp_name(const void *a, const void *b)
{
    char *ka = text_name_key(*(const char *const *)a);
    char *kb = text_name_key(*(const char *const *)b);
    int r = strcmp(ka, kb);

    free(ka);
    free(kb);
    return r;
}

static void test_name_key(void)
{
    static const char *const want[] = {
        "Lê Văn An",    "Nguyễn Văn An", "Trần Thị Bình",  "Phạm Đức",
        "Ngô Thị Én",   "Bùi Thị Hoa",   "Đỗ Văn Hùng",    "Lê Hùng",
        "Vũ Thị Hương", "Phan Văn Ơn",   "Hoàng Thị Xuân",
    };
    static const char *const shuffled[] = {
        "Hoàng Thị Xuân", "Phạm Đức",      "Vũ Thị Hương", "Ngô Thị Én",
        "Lê Hùng",        "Trần Thị Bình", "Phan Văn Ơn",  "Nguyễn Văn An",
        "Đỗ Văn Hùng",    "Lê Văn An",     "Bùi Thị Hoa",
    };
    const char *got[N_OF(shuffled)];
    char *k1, *k2, *k3;
    size_t i;

    memcpy(got, shuffled, sizeof got);
    qsort(got, N_OF(got), sizeof got[0], cmp_name);
    for (i = 0; i < N_OF(want); i++)
        CHECK(strcmp(got[i], want[i]) == 0, "name %zu: got \"%s\" want \"%s\"", i, got[i], want[i]);
    k1 = text_name_key("  Lê   Văn An ");
    k2 = text_name_key("Lê Văn An");
    k3 = text_name_key("");
    CHECK(strcmp(k1, k2) == 0, "name key ignores extra spaces");
    free(k1), free(k2);
    /* tên, then họ và tên đệm: "Lê" before "Lê An" */
    k1 = text_name_key("Lê Nam");
    k2 = text_name_key("Lê An Nam");
    CHECK(strcmp(k1, k2) < 0, "\"Lê Nam\" sorts before \"Lê An Nam\"");
    CHECK(k3 && k3[0] == '\0', "name key of \"\" is \"\"");
    free(k1), free(k2), free(k3);
}

/* The given name of a full name: its last word (as text_name_key()
 * finds it for the names make_name() writes: words split by spaces). */
static const char *given_of(const char *full)
{
    const char *end = full + strlen(full), *p;

    while (end > full && end[-1] == ' ')
        end--;
    for (p = end; p > full && p[-1] != ' ';)
        p--;
    return p;
}

/* A random name of 1 to 5 words from pieces that differ by tone, mark,
 * case, form (precomposed or combining) and spacing, so that random pairs
 * often tie on some levels.  Uses its own generator: the same names on
 * every run. */
static void make_name(unsigned *seed, char *out, size_t room)
{
    static const char *const piece[] = {
        "an",  "ân",  "ấn",     "ăn",     "An",  "Ân",  "Ấn",  "Ă",   "a\xCC\x81n", "hoa",
        "hòa", "hoà", "Hòa",    "hóa",    "Hoa", "đức", "Đức", "duc", "Dục",        "ư",
        "ơn",  "Ơn",  "nguyễn", "Nguyễn", "thị", "Thị", "văn", "Văn", "o",          "ô",
        "ơ",   "1",   "2a",     "x-y",    "lê",  "Lê",  "le",
    };
    size_t words = 1 + (*seed = *seed * 1103515245u + 12345u) / 65536 % 5, o = 0, w;

    out[0] = '\0';
    for (w = 0; w < words; w++) {
        unsigned r = (*seed = *seed * 1103515245u + 12345u) / 65536;
        const char *sep = w == 0 ? (r & 256 ? " " : "") : r & 512 ? "  " : " ";

        o += (size_t)snprintf(out + o, room - o, "%s%s", sep, piece[r % N_OF(piece)]);
    }
}

/* The order of name keys is that of text_collate() on the given names,
 * then on the words before them, for many random pairs; short keys too. */
static void test_name_key_order(void)
{
    unsigned seed = 20251122;
    int i, bad = 0;

    for (i = 0; i < 20000 && bad < 5; i++) {
        char a[128], b[128], *ka, *kb;
        int want, got;

        make_name(&seed, a, sizeof a);
        make_name(&seed, b, sizeof b);
        want = text_collate(given_of(a), given_of(b));
        if (want == 0) {
            char ra[128], rb[128];
            snprintf(ra, sizeof ra, "%.*s", (int)(given_of(a) - a), a);
            snprintf(rb, sizeof rb, "%.*s", (int)(given_of(b) - b), b);
            want = text_collate(ra, rb);
        }
        ka = text_name_key(a);
        kb = text_name_key(b);
        got = strcmp(ka, kb);
        if ((want > 0) - (want < 0) != (got > 0) - (got < 0)) {
            CHECK(0, "\"%s\" vs \"%s\": key order %d, collation %d", a, b, got, want);
            bad++;
        }
        CHECK(strlen(ka) <= 3 * strlen(a) + 4, "key of \"%s\" is short (%zu)", a, strlen(ka));
        free(ka);
        free(kb);
    }
    CHECK(bad == 0, "name keys keep the collation order");
}

/* ---- width, fit, truncate ----------------------------------------------- */

static void test_width(void)
{
    static const struct {
        const char *s;
        int w;
    } c[] = {
        {"", 0},
        {"abc", 3},
        {"Phường", 6},
        {"Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng", 6},
        {"Nguyễn Thị Ánh", 14},
        {"ĐẶNG", 4},
        {"漢", 2},
        {"漢字a", 5},
        {"e\xCC\x82\xCC\x81", 1},
        {"\xCC\x81", 0},
        {"\x01\x1B", 0},
        {"a\xFF"
         "b",
         3},
        {"\xE2\x80\xA6", 1},
    };
    size_t i;

    for (i = 0; i < N_OF(c); i++)
        CHECK(text_width(c[i].s) == c[i].w, "width(\"%s\") = %d want %d", c[i].s,
              text_width(c[i].s), c[i].w);
    /* Vietnamese letters and marks do not depend on the locale. */
    setlocale(LC_CTYPE, "C");
    CHECK(text_width("Phường Lê") == 9, "width in C locale");
    CHECK(text_width("Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng") == 6, "decomposed width in C locale");
    setlocale(LC_CTYPE, "C.UTF-8");
}

static void test_fit(void)
{
    static const struct {
        const char *s;
        int cols;
        size_t want;
    } c[] = {
        {"Phường", 3, 4}, /* "Phư" */
        {"Phường", 6, 9},
        {"Phường", 99, 9},
        {"Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng", 3, 5}, /* mark stays */
        {"Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng", 4, 10},
        {"漢字", 3, 3}, /* no half char */
        {"漢字", 1, 0},
        {"abc", 0, 0},
        {"abc", -5, 0},
        {"", 5, 0},
    };
    size_t i;

    for (i = 0; i < N_OF(c); i++)
        CHECK(text_fit(c[i].s, c[i].cols) == c[i].want, "fit(\"%s\", %d) = %zu want %zu", c[i].s,
              c[i].cols, text_fit(c[i].s, c[i].cols), c[i].want);
}

static void test_truncate(void)
{
    static const struct {
        const char *s;
        int cols, utf8;
        const char *want;
    } c[] = {
        {"Phường Lê Thanh Nghị", 8, 1, "Phường …"},
        {"Phường Lê Thanh Nghị", 20, 1, "Phường Lê Thanh Nghị"},
        {"Phường Lê Thanh Nghị", 19, 1, "Phường Lê Thanh Ng…"},
        {"Phường", 6, 1, "Phường"},
        {"Phường", 5, 1, "Phườ…"},
        {"Phường", 5, 0, "Ph..."},
        {"Phường", 4, 0, "P..."},
        {"Phường", 3, 0, "Ph."},
        {"Phường", 1, 0, "."},
        {"Phường", 1, 1, "…"},
        {"Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng", 4, 1, "Phu\xCC\x9B…"},
        {"漢字漢", 4, 1, "漢…"},
        {"漢字漢", 5, 1, "漢字…"},
        {"abc", 0, 1, ""},
        {"abc", -3, 0, ""},
        {"", 5, 1, ""},
    };
    size_t i;

    for (i = 0; i < N_OF(c); i++) {
        char *got = text_truncate(c[i].s, c[i].cols, c[i].utf8);

        CHECK(got && strcmp(got, c[i].want) == 0, "truncate(\"%s\", %d, %d) = \"%s\" want \"%s\"",
              c[i].s, c[i].cols, c[i].utf8, got ? got : "(null)", c[i].want);
        CHECK(got && text_width(got) <= (c[i].cols > 0 ? c[i].cols : 0),
              "truncate(\"%s\", %d) fits", c[i].s, c[i].cols);
        free(got);
    }
}

/* A long string: results stay right (and the run stays quick). */
static void test_long_input(void)
{
    static const char word[] = "Nghi\xCC\xA3 Phường ";
    size_t reps = 20000, wl = strlen(word), i;
    char *s = malloc(reps * wl + 1), *f, *k;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (i = 0; i < reps; i++)
        memcpy(s + i * wl, word, wl);
    s[reps * wl] = '\0';
    f = text_fold(s);
    k = text_collate_key(s);
    CHECK(f && strlen(f) == reps * 12 - 1, "fold of a long string");
    CHECK(k != NULL, "key of a long string");
    CHECK(text_width(s) == (int)(reps * 12), "width of a long string");
    CHECK(text_match(s, "phuong nghi phuong"), "match in a long string");
    CHECK(text_utf8_valid(s, strlen(s), NULL), "long string is valid");
    free(s), free(f), free(k);
}

int main(void)
{
    static const cu_test tests[] = {
        {"utf8_valid", test_utf8_valid},
        {"utf8_decode_encode", test_utf8_decode_encode},
        {"nfc", test_nfc},
        {"fold", test_fold},
        {"ascii", test_ascii},
        {"match", test_match},
        {"forms_agree", test_forms_agree},
        {"collate_order", test_collate_order},
        {"collate_equal", test_collate_equal},
        {"name_key", test_name_key},
        {"name_key_order", test_name_key_order},
        {"width", test_width},
        {"fit", test_fit},
        {"truncate", test_truncate},
        {"long_input", test_long_input},
    };
    setlocale(LC_CTYPE, "C.UTF-8");
    return CU_RUN("text", NULL, NULL, NULL, NULL, tests);
}
