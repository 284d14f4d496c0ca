/* test_csvio.c - CSV reading and writing, as a clerk's files would be.
 *
 * Each test writes a small file under a mkdtemp() directory, reads it
 * back with csv_in_*, and checks what a user would notice: the fields,
 * the line numbers in messages, and the messages themselves.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#elif !defined(_GNU_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "theodoi/csvio.h"

#include "cu-run.h"

#include <CUnit/Basic.h>
#include <dirent.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXREC 64

static char tmpdir[256]; /* the test's scratch directory */

/* What reading a whole file gave: each record's fields joined by '|'. */
typedef struct {
    int n; /* records read */
    char *rec[MAXREC];
    long line[MAXREC];
    int rc; /* last csv_in_next() result: 0 or -1 */
    char err[512];
    long err_line;
    char delim;
} got;

static int suite_init(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/test_csvio.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

/* Remove the scratch directory and the files the tests left in it. */
static int suite_clean(void)
{
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    char p[600];
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
        unlink(p);
    }
    if (d)
        closedir(d);
    return rmdir(tmpdir);
}

/* Path of name inside the scratch directory (static buffer). */
static const char *tpath(const char *name)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    return p;
}

static const char *write_bytes(const char *name, const char *b, size_t n)
{
    const char *p = tpath(name);
    FILE *f = fopen(p, "wb");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_FATAL(fwrite(b, 1, n, f) == n);
    fclose(f);
    return p;
}

static const char *write_str(const char *name, const char *s)
{
    return write_bytes(name, s, strlen(s));
}

static char *join(const csv_rec *r)
{
    size_t len = 1;
    for (size_t i = 0; i < r->n; i++)
        len += strlen(r->field[i]) + 1;
    char *s = calloc(1, len);
    for (size_t i = 0; i < r->n; i++) {
        if (i)
            strcat(s, "|");
        strcat(s, r->field[i]);
    }
    return s;
}

/* Read the whole file at path into g. */
static void read_all(const char *path, got *g)
{
    char *err = NULL;
    memset(g, 0, sizeof *g);
    csv_in *in = csv_in_open(path, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    g->delim = csv_in_delimiter(in);
    csv_rec r;
    while ((g->rc = csv_in_next(in, &r)) == 1) {
        if (g->n < MAXREC) {
            g->rec[g->n] = join(&r);
            g->line[g->n] = r.line;
        }
        g->n++;
    }
    if (g->rc < 0) {
        snprintf(g->err, sizeof g->err, "%s", csv_in_error(in));
        g->err_line = csv_in_error_line(in);
    }
    csv_in_free(&in);
    CU_ASSERT_PTR_NULL(in);
}

static void got_free(got *g)
{
    for (int i = 0; i < g->n && i < MAXREC; i++)
        free(g->rec[i]);
}

static void test_open_missing(void)
{
    char *err = NULL;
    csv_in *in = csv_in_open(tpath("no-such-file.csv"), &err);
    CU_ASSERT_PTR_NULL(in);
    CU_ASSERT_STRING_EQUAL(err, "cannot open: No such file or directory");
    free(err);
    in = csv_in_open(tmpdir, &err);
    CU_ASSERT_PTR_NULL(in);
    CU_ASSERT_STRING_EQUAL(err, "cannot open: Is a directory");
    free(err);
}

static void test_comma_lf(void)
{
    got g;
    read_all(write_str("comma.csv", "ma,ten,tuoi\n1,An,30\n2,Bình,41\n"), &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL(g.delim, ',');
    CU_ASSERT_EQUAL_FATAL(g.n, 3);
    CU_ASSERT_STRING_EQUAL(g.rec[0], "ma|ten|tuoi");
    CU_ASSERT_STRING_EQUAL(g.rec[2], "2|Bình|41");
    CU_ASSERT_EQUAL(g.line[0], 1);
    CU_ASSERT_EQUAL(g.line[2], 3);
    got_free(&g);
}

static void test_semicolon(void)
{
    got g;
    /* a comma inside quotes in the header must not win the vote */
    read_all(write_str("semi.csv", "Họ tên;\"Ngày, tháng\";Ghi chú\n"
                                   "Lê Văn Tám;1,5;\"a;b\"\n"),
             &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL(g.delim, ';');
    CU_ASSERT_EQUAL_FATAL(g.n, 2);
    CU_ASSERT_STRING_EQUAL(g.rec[0], "Họ tên|Ngày, tháng|Ghi chú");
    CU_ASSERT_STRING_EQUAL(g.rec[1], "Lê Văn Tám|1,5|a;b");
    got_free(&g);
}

static void test_bom_crlf(void)
{
    got g;
    read_all(write_str("bom.csv", "\xEF\xBB\xBFma,ten\r\n1,Phường 1\r\n2,Xã Hòa An\r\n"), &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 3);
    CU_ASSERT_STRING_EQUAL(g.rec[0], "ma|ten"); /* no BOM, no CR */
    CU_ASSERT_STRING_EQUAL(g.rec[1], "1|Phường 1");
    CU_ASSERT_STRING_EQUAL(g.rec[2], "2|Xã Hòa An");
    CU_ASSERT_EQUAL(g.line[2], 3);
    got_free(&g);
}

static void test_line_ends(void)
{
    got g;
    read_all(write_str("nofinal.csv", "a,b\r\nc,d"), &g); /* no final EOL */
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 2);
    CU_ASSERT_STRING_EQUAL(g.rec[1], "c|d");
    CU_ASSERT_EQUAL(g.line[1], 2);
    got_free(&g);

    read_all(write_str("mac.csv", "a,b\rc,d\re,f\r"), &g); /* old Mac */
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 3);
    CU_ASSERT_STRING_EQUAL(g.rec[2], "e|f");
    CU_ASSERT_EQUAL(g.line[2], 3);
    got_free(&g);
}

static void test_quoted_fields(void)
{
    got g;
    read_all(write_str("quoted.csv",
                       "ten,ghi chu,dia chi\r\n"
                       "\"Trần, Thị B\",\"nói \"\"xin chào\"\"\",\"Thôn 1\r\nXã A\"\r\n"
                       "C,\"\",\"ba\ndòng\nđây\"\r\n"
                       "D,x,y\r\n"),
             &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 4);
    CU_ASSERT_STRING_EQUAL(g.rec[1], "Trần, Thị B|nói \"xin chào\"|Thôn 1\r\nXã A");
    CU_ASSERT_STRING_EQUAL(g.rec[2], "C||ba\ndòng\nđây");
    CU_ASSERT_STRING_EQUAL(g.rec[3], "D|x|y");
    CU_ASSERT_EQUAL(g.line[1], 2);
    CU_ASSERT_EQUAL(g.line[2], 4); /* record 2 took lines 2-3 */
    CU_ASSERT_EQUAL(g.line[3], 7); /* record 3 took lines 4-6 */
    got_free(&g);
}

static void test_blank_lines(void)
{
    got g;
    read_all(write_str("blank.csv", "\n\r\nh1,h2\n\n\r\na,b\n,\n\"\"\nc,\"x\n\ny\"\n\n\n"), &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 5);
    CU_ASSERT_STRING_EQUAL(g.rec[0], "h1|h2");
    CU_ASSERT_EQUAL(g.line[0], 3);
    CU_ASSERT_STRING_EQUAL(g.rec[1], "a|b");
    CU_ASSERT_EQUAL(g.line[1], 6);
    CU_ASSERT_STRING_EQUAL(g.rec[2], "|"); /* only delimiters: a record */
    CU_ASSERT_EQUAL(g.line[2], 7);
    CU_ASSERT_STRING_EQUAL(g.rec[3], ""); /* "" is one empty field */
    CU_ASSERT_EQUAL(g.line[3], 8);
    CU_ASSERT_STRING_EQUAL(g.rec[4], "c|x\n\ny"); /* blank line kept */
    CU_ASSERT_EQUAL(g.line[4], 9);
    got_free(&g);

    read_all(write_str("empty.csv", ""), &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL(g.n, 0);
    read_all(write_str("bomonly.csv", "\xEF\xBB\xBF\r\n"), &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL(g.n, 0);
}

static void test_spaces_kept(void)
{
    got g;
    read_all(write_str("spaces.csv", " a , b ,\" c \",\td\t\n"), &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 1);
    CU_ASSERT_STRING_EQUAL(g.rec[0], " a | b | c |\td\t");
    got_free(&g);
}

static void test_broken_quoting(void)
{
    got g;
    read_all(write_str("broken1.csv", "ten,so nha\nAn,12\nBình,5\"A\nChi,7\n"), &g);
    CU_ASSERT_EQUAL(g.rc, -1);
    CU_ASSERT_EQUAL(g.n, 2);
    CU_ASSERT_EQUAL(g.err_line, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.err, "broken quoting"));
    got_free(&g);

    read_all(write_str("broken2.csv", "ten,ghi chu\n\"An\",\"a\nb\"\n\"Bình\"x,1\n"), &g);
    CU_ASSERT_EQUAL(g.rc, -1);
    CU_ASSERT_EQUAL(g.n, 2);
    CU_ASSERT_EQUAL(g.err_line, 4);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.err, "broken quoting"));
    got_free(&g);
}

static void test_unterminated(void)
{
    got g;
    read_all(write_str("unterm.csv", "ten,ghi chu\nAn,ok\nBình,\"chưa đóng\nmãi\nmãi\n"), &g);
    CU_ASSERT_EQUAL(g.rc, -1);
    CU_ASSERT_EQUAL(g.n, 2);
    CU_ASSERT_EQUAL(g.err_line, 3); /* where the quote was opened */
    CU_ASSERT_PTR_NOT_NULL(strstr(g.err, "never closed"));
    got_free(&g);
}

static void test_cp1258_refused(void)
{
    got g;
    read_all(write_str("cp1258.csv", "ma,ten\n1,Ph\xF2\xD2ng 1\n"), &g);
    CU_ASSERT_EQUAL(g.rc, -1);
    CU_ASSERT_EQUAL(g.n, 1);
    CU_ASSERT_EQUAL(g.err_line, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.err, "not UTF-8"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.err, "CSV UTF-8 (Comma delimited)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.err, "iconv -f CP1258 -t UTF-8"));
    got_free(&g);
}

static void test_nul_refused(void)
{
    got g;
    read_all(write_bytes("nul.csv", "a,b\nc,d\ne\0f,g\n", 14), &g);
    CU_ASSERT_EQUAL(g.rc, -1);
    CU_ASSERT_EQUAL(g.n, 2);
    CU_ASSERT_EQUAL(g.err_line, 3);
    CU_ASSERT_STRING_EQUAL(g.err, "NUL byte in the file");
    got_free(&g);
}

/* Write s (UTF-8) as UTF-16 (to = "UTF-16LE" or "UTF-16BE") with a BOM. */
static const char *write_utf16(const char *name, const char *s, const char *to)
{
    size_t il = strlen(s), ol = il * 4 + 2;
    char *out = malloc(ol + 2), *op = out + 2;
    char *ip = (char *)s;
    int le = strcmp(to, "UTF-16LE") == 0;
    out[0] = le ? '\xFF' : '\xFE';
    out[1] = le ? '\xFE' : '\xFF';
    iconv_t cd = iconv_open(to, "UTF-8");
    CU_ASSERT_FATAL(cd != (iconv_t)-1);
    CU_ASSERT_FATAL(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
    iconv_close(cd);
    const char *p = write_bytes(name, out, (size_t)(op - out));
    free(out);
    return p;
}

static void test_utf16(void)
{
    got g;
    read_all(write_utf16("u16le.txt",
                         "Họ và tên\tĐịa chỉ\tGhi chú\r\n"
                         "Nguyễn Văn An\tPhường Lê Thanh Nghị\t\"a\tb\"\r\n"
                         "Trần Thị Bích\tXã Đông Hưng, tỉnh Thái Bình\t\r\n",
                         "UTF-16LE"),
             &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL(g.delim, '\t');
    CU_ASSERT_EQUAL_FATAL(g.n, 3);
    CU_ASSERT_STRING_EQUAL(g.rec[0], "Họ và tên|Địa chỉ|Ghi chú");
    CU_ASSERT_STRING_EQUAL(g.rec[1], "Nguyễn Văn An|Phường Lê Thanh Nghị|a\tb");
    CU_ASSERT_STRING_EQUAL(g.rec[2], "Trần Thị Bích|Xã Đông Hưng, tỉnh Thái Bình|");
    CU_ASSERT_EQUAL(g.line[2], 3);
    got_free(&g);

    read_all(write_utf16("u16be.csv", "ma,ten\n1,Đắk Lắk\n", "UTF-16BE"), &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL(g.delim, ',');
    CU_ASSERT_EQUAL_FATAL(g.n, 2);
    CU_ASSERT_STRING_EQUAL(g.rec[1], "1|Đắk Lắk");
    got_free(&g);
}

/* Many lines with characters outside the BMP (surrogate pairs), so some
 * pair is cut by the end of a read chunk. */
static void test_utf16_chunks(void)
{
    const int n = 20000;
    size_t cap = (size_t)n * 24 + 64, len = 0;
    char *s = malloc(cap);
    len += (size_t)sprintf(s, "a\tb\r\n");
    for (int i = 0; i < n; i++)
        len += (size_t)sprintf(s + len, "%d\xF0\x9F\x98\x80\tỨ\r\n", i);
    const char *p = write_utf16("u16big.txt", s, "UTF-16LE");
    free(s);

    char *err = NULL;
    csv_in *in = csv_in_open(p, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    csv_rec r;
    int count = 0, bad = 0;
    char want[32];
    CU_ASSERT_EQUAL(csv_in_next(in, &r), 1);
    while (csv_in_next(in, &r) == 1) {
        snprintf(want, sizeof want, "%d\xF0\x9F\x98\x80", count);
        if (r.n != 2 || strcmp(r.field[0], want) != 0 || strcmp(r.field[1], "Ứ") != 0 ||
            r.line != count + 2)
            bad++;
        count++;
    }
    CU_ASSERT_STRING_EQUAL(csv_in_error(in), "");
    CU_ASSERT_EQUAL(count, n);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(csv_in_bytes_read(in), csv_in_size(in));
    csv_in_free(&in);
}

/* A surrogate pair placed exactly across the first 64 KiB read. */
static void test_utf16_split_pair(void)
{
    const size_t k = (65534 - 10) / 2; /* 10 bytes: "a\tb\r\n" */
    char *s = malloc(k + 32);
    strcpy(s, "a\tb\r\n");
    memset(s + 5, 'x', k);
    strcpy(s + 5 + k, "\xF0\x9F\x98\x80\tz\r\n");
    const char *p = write_utf16("u16split.txt", s, "UTF-16LE");
    free(s);
    got g;
    read_all(p, &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 2);
    CU_ASSERT_STRING_EQUAL(g.rec[1] + k, "\xF0\x9F\x98\x80|z");
    got_free(&g);
}

static void test_nfc(void)
{
    got g;
    /* "Nguyễn" and "Trường" typed with combining marks (as macOS does) */
    read_all(write_str("nfd.csv", "ten\nNguye\xCC\x82\xCC\x83n Tru\xCC\x9Bo\xCC\x9B\xCC\x80ng\n"),
             &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 2);
    CU_ASSERT_STRING_EQUAL(g.rec[1], "Nguyễn Trường");
    got_free(&g);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char *b = malloc(1 << 16);
    *n = fread(b, 1, (1 << 16) - 1, f);
    b[*n] = '\0';
    fclose(f);
    return b;
}

static void test_guard_round_trip(void)
{
    const char *p = tpath("guard.csv");
    FILE *f = fopen(p, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    csv_out *o = csv_out_new(f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    const char *row1[] = {"=SUM(A1)", "+84912345678", "-5", "@x", "a=b"};
    const char *row2[] = {"-5", "=1+1, rồi"};
    const unsigned char g2[] = {0, 1}; /* -5 is a number: unguarded */
    CU_ASSERT_EQUAL(csv_out_row(o, 5, row1, NULL), 0);
    CU_ASSERT_EQUAL(csv_out_row(o, 2, row2, g2), 0);
    csv_out_free(&o);
    CU_ASSERT_PTR_NULL(o);
    fclose(f);

    size_t n;
    char *bytes = slurp(p, &n);
    CU_ASSERT_STRING_EQUAL(bytes, "\xEF\xBB\xBF'=SUM(A1),'+84912345678,'-5,'@x,a=b\r\n"
                                  "-5,\"'=1+1, rồi\"\r\n");
    free(bytes);

    got g;
    read_all(p, &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 2);
    CU_ASSERT_STRING_EQUAL(g.rec[0], "=SUM(A1)|+84912345678|-5|@x|a=b");
    CU_ASSERT_STRING_EQUAL(g.rec[1], "-5|=1+1, rồi");
    got_free(&g);
}

static void test_writer_bytes(void)
{
    const char *p = tpath("out.csv");
    FILE *f = fopen(p, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    csv_out *o = csv_out_new(f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    const char *row[] = {"Phường 1", "a,b", "nói \"chào\"", "x\ny", " đầu", "cuối ",
                         NULL,       "",    "a;b",          "'ok"};
    CU_ASSERT_EQUAL(csv_out_row(o, 10, row, NULL), 0);
    CU_ASSERT_EQUAL(csv_out_row(o, 1, row, NULL), 0);
    CU_ASSERT_EQUAL(csv_out_row(o, 1, row + 7, NULL), 0); /* one empty field */
    csv_out_free(&o);
    fclose(f);

    size_t n;
    char *bytes = slurp(p, &n);
    const char *want = "\xEF\xBB\xBF"
                       "Phường 1,\"a,b\",\"nói \"\"chào\"\"\","
                       "\"x\ny\",\" đầu\",\"cuối \",,,\"a;b\",'ok\r\n"
                       "Phường 1\r\n\"\"\r\n";
    CU_ASSERT_EQUAL(n, strlen(want));
    CU_ASSERT_STRING_EQUAL(bytes, want);
    free(bytes);

    got g; /* and it reads back the same */
    read_all(p, &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 3);
    CU_ASSERT_STRING_EQUAL(g.rec[2], "");
    CU_ASSERT_STRING_EQUAL(g.rec[0], "Phường 1|a,b|nói \"chào\"|x\ny|"
                                     " đầu|cuối |||a;b|'ok");
    CU_ASSERT_EQUAL(g.line[1], 3);
    got_free(&g);
}

static void test_csv_quote(void)
{
    const char *cases[][2] = {
        {"abc", "abc"},           {"", ""},
        {"a,b", "\"a,b\""},       {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"a\r\nb", "\"a\r\nb\""}, {" x", "\" x\""},
        {"x ", "\"x \""},         {"=1", "=1"},
        {"a;b", "\"a;b\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *q = csv_quote(cases[i][0]);
        CU_ASSERT_STRING_EQUAL(q, cases[i][1]);
        free(q);
    }
}

static void test_big_file(void)
{
    const long n = 100000;
    const char *p = tpath("big.csv");
    FILE *f = fopen(p, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("\xEF\xBB\xBFstt,ho ten,ghi chu\r\n", f);
    for (long i = 1; i <= n; i++) {
        if (i % 1000 == 0) /* now and then a field over two lines */
            fprintf(f, "%ld,\"Nguyễn Văn %ld\",\"dòng 1\r\ndòng 2\"\r\n", i, i);
        else
            fprintf(f, "%ld,Nguyễn Văn %ld,\r\n", i, i);
    }
    fclose(f);

    char *err = NULL;
    csv_in *in = csv_in_open(p, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    csv_rec r;
    long count = 0, last_line = 0, bad = 0;
    int rc;
    while ((rc = csv_in_next(in, &r)) == 1) {
        if (count > 0 && (r.n != 3 || atol(r.field[0]) != count))
            bad++;
        count++;
        last_line = r.line;
    }
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(count, n + 1);
    CU_ASSERT_EQUAL(last_line, n + n / 1000); /* 99 records before took 2 lines */
    CU_ASSERT(csv_in_size(in) > 0);
    CU_ASSERT_EQUAL(csv_in_bytes_read(in), csv_in_size(in));
    csv_in_free(&in);
}

static void test_long_field(void)
{
    size_t n = 300000;
    char *s = malloc(n + 32);
    strcpy(s, "a,b\n1,\"");
    memset(s + 7, 'x', n);
    strcpy(s + 7 + n, "\"\n2,y\n");
    got g;
    read_all(write_str("long.csv", s), &g);
    free(s);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL_FATAL(g.n, 3);
    CU_ASSERT_EQUAL(strlen(g.rec[1]), n + 2);
    CU_ASSERT_STRING_EQUAL(g.rec[2], "2|y");
    CU_ASSERT_EQUAL(g.line[2], 3);
    got_free(&g);
}

static void test_stdin(void)
{
    const char *p = write_str("stdin.csv", "a;b\nc;d\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(freopen(p, "rb", stdin));
    got g;
    read_all("-", &g);
    CU_ASSERT_EQUAL(g.rc, 0);
    CU_ASSERT_EQUAL(g.delim, ';');
    CU_ASSERT_EQUAL_FATAL(g.n, 2);
    CU_ASSERT_STRING_EQUAL(g.rec[1], "c|d");
    got_free(&g);
}

int main(void)
{
    static const cu_test tests[] = {
        {"open a missing file", test_open_missing},
        {"comma, LF", test_comma_lf},
        {"semicolon from the header", test_semicolon},
        {"UTF-8 BOM and CRLF", test_bom_crlf},
        {"no final newline, lone CR", test_line_ends},
        {"quoted fields and line numbers", test_quoted_fields},
        {"blank lines skipped and counted", test_blank_lines},
        {"spaces kept", test_spaces_kept},
        {"broken quoting", test_broken_quoting},
        {"unterminated quote at EOF", test_unterminated},
        {"CP1258 refused with the fix", test_cp1258_refused},
        {"NUL byte refused", test_nul_refused},
        {"UTF-16LE with tabs, UTF-16BE", test_utf16},
        {"UTF-16 across read chunks", test_utf16_chunks},
        {"UTF-16 pair cut by a read", test_utf16_split_pair},
        {"decomposed text to NFC", test_nfc},
        {"formula guard round trip", test_guard_round_trip},
        {"writer bytes", test_writer_bytes},
        {"csv_quote", test_csv_quote},
        {"100,000 records", test_big_file},
        {"a 300 KB field", test_long_field},
        {"stdin as -", test_stdin},
    };
    return CU_RUN("csvio", suite_init, suite_clean, NULL, NULL, tests);
}
