/* gen.c - generate the benchmark's data, the same bytes for the same seed.
 *
 *   bench/gen [--seed N] [--rows N] [--split] SHAREDIR OUTDIR
 *
 * writes into OUTDIR:
 *   hp-learners.csv     the roster of Hải Phòng's 114 communes: --rows
 *                       learner-course rows (default 1,000,000, ~110 MB),
 *                       Vietnamese names in NFC, quoted fields (villages
 *                       with commas, nicknames with quotes), CRLF, no BOM;
 *                       each commune's rows in key order, as a commune's
 *                       own export would be
 *   hp-learners-NNNNN.csv  with --split: the same rows, one file per commune
 *   vn-checklist.csv    checklist rows of the country's 3,321 communes
 *   vn-training.csv     training rows of the country's 3,321 communes
 *
 * Times lie between 2025-07-01 and 2026-03-15 (+07:00): the benchmark runs
 * with THEODOI_NOW=2026-03-20T10:00:00+07:00.  The random numbers come
 * from splitmix64, not from the C library, so every machine makes the
 * same files.  Learner ids are "L" and 6 digits (never 9 or 12 digits). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned below(unsigned n)
{
    return (unsigned)(rnd() % n);
}

#define PICK(a) (a[below(sizeof a / sizeof a[0])])

static const char *const FAMILY[] = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần",  "Lê",    "Lê",  "Phạm", "Phạm",
    "Hoàng",  "Huỳnh",  "Phan",   "Vũ",     "Vũ",   "Võ",    "Đặng",  "Bùi", "Đỗ",   "Hồ",
    "Ngô",    "Dương",  "Lý",     "Đinh",   "Đoàn", "Trịnh", "Lương", "Mạc"};
static const char *const MIDDLE_M[] = {"Văn",   "Văn",  "Hữu",  "Đức",  "Minh", "Quang", "Xuân",
                                       "Thành", "Công", "Đình", "Mạnh", "Tiến", "Trọng", "Bá"};
static const char *const MIDDLE_F[] = {"Thị",    "Thị",  "Thị",  "Ngọc", "Thu", "Thanh", "Minh",
                                       "Phương", "Thùy", "Hồng", "Mai",  "Kim", "Bích"};
static const char *const GIVEN_M[] = {
    "An",   "Bình",  "Cường", "Dũng", "Đạt",   "Hải",   "Hiếu", "Hùng", "Huy",  "Khánh",
    "Khoa", "Long",  "Minh",  "Nam",  "Nghĩa", "Phong", "Phúc", "Quân", "Quý",  "Sơn",
    "Tài",  "Thắng", "Thịnh", "Toàn", "Trung", "Tuấn",  "Tú",   "Việt", "Vinh", "Vũ"};
static const char *const GIVEN_F[] = {
    "Anh",   "Châu",   "Diệp",  "Dung", "Giang", "Hà",    "Hạnh",  "Hằng", "Hoa",  "Huyền",
    "Hương", "Lan",    "Liên",  "Linh", "Loan",  "Mai",   "My",    "Nga",  "Ngọc", "Nhung",
    "Oanh",  "Phương", "Quỳnh", "Thảo", "Thủy",  "Trang", "Tuyết", "Uyên", "Vân",  "Yến"};
static const char *const NICK[] = {"Tèo", "Tí", "Bé", "Cu", "Út", "Hai", "Ba"};
static const char *const PLACE[] = {
    "Đông", "Tây",  "Nam",       "Bắc",    "Trung",    "Thượng",   "Hạ",       "Cầu",
    "Chợ",  "Đình", "Lương Khê", "An Lạc", "Phú Xuân", "Hòa Bình", "Tân Tiến", "Quyết Thắng"};
static const char *const COURSES[] = {"KNS-CB", "TTHC", "DVC", "ATTT", "AI-CB"};
static const char *const LSTATUS[] = {"registered", "learning", "completed", "confirmed"};

/* An output file with a large buffer. */
static FILE *out_open(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

static void out_close(FILE *f)
{
    if (fflush(f) != 0 || ferror(f) || fclose(f) != 0) {
        perror("write");
        exit(2);
    }
}

/* A timestamp between 2025-07-01 and 2026-03-15, "+07:00". */
static void timestamp(char *buf, size_t n)
{
    static const int mdays[] = {31, 31, 30, 31, 30, 31, 31, 28, 15}; /* Jul..Mar15 */
    int total = 0;
    for (int i = 0; i < 9; i++)
        total += mdays[i];
    int d = (int)below((unsigned)total), m = 0;
    while (d >= mdays[m])
        d -= mdays[m++];
    int year = m < 6 ? 2025 : 2026, month = m < 6 ? 7 + m : m - 5;
    snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", year, month, d + 1, 7 + (int)below(11),
             (int)below(60), (int)below(60));
}

typedef struct unit {
    char code[8], parent[4];
} unit;

/* Communes (5-digit codes) of the units file, all or one province's. */
static unit *read_units(const char *share, const char *province, size_t *n)
{
    char path[4096], line[1024];
    snprintf(path, sizeof path, "%s/units-2025.csv", share);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    unit *u = NULL;
    size_t cap = 0;
    *n = 0;
    while (fgets(line, sizeof line, f)) {
        char *nl = strpbrk(line, "\r\n");
        if (nl)
            *nl = '\0';
        char *last = strrchr(line, ','), *comma = strchr(line, ',');
        if (!last || !comma || comma - line != 5 || !last[1])
            continue;
        if (province && strcmp(last + 1, province) != 0)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            u = realloc(u, cap * sizeof *u);
            if (!u)
                exit(2);
        }
        memcpy(u[*n].code, line, 5);
        u[*n].code[5] = '\0';
        snprintf(u[*n].parent, sizeof u[*n].parent, "%s", last + 1);
        (*n)++;
    }
    fclose(f);
    return u;
}

/* One person's fields. */
typedef struct person {
    char name[128], village[128], gender[8], group[12], birth[8];
} person;

static void make_person(person *p)
{
    int female = below(2);
    const char *fam = PICK(FAMILY);
    const char *mid = female ? PICK(MIDDLE_F) : PICK(MIDDLE_M);
    const char *giv = female ? PICK(GIVEN_F) : PICK(GIVEN_M);
    unsigned r = below(1000);
    if (r < 5) /* a nickname in quotes: "Nguyễn Văn ""Tèo""" */
        snprintf(p->name, sizeof p->name, "\"%s %s %s (\"\"%s\"\")\"", fam, mid, giv, PICK(NICK));
    else if (r < 150) /* four words */
        snprintf(p->name, sizeof p->name, "%s %s %s %s", fam, mid,
                 female ? PICK(GIVEN_F) : PICK(GIVEN_M), giv);
    else
        snprintf(p->name, sizeof p->name, "%s %s %s", fam, mid, giv);
    unsigned g = below(1000);
    snprintf(p->gender, sizeof p->gender, "%s",
             g < 20   ? ""
             : g < 25 ? "khac"
             : female ? "nu"
                      : "nam");
    int year = 1945 + (int)below(68);
    if (below(50) == 0)
        p->birth[0] = '\0';
    else
        snprintf(p->birth, sizeof p->birth, "%d", year);
    unsigned k = below(100);
    snprintf(p->group, sizeof p->group, "%s",
             year >= 2006 && p->birth[0] ? "hssv"
             : k < 12                    ? "cbccvc"
             : k < 35                    ? "nld_dn"
                                         : "nguoi_dan");
    unsigned v = below(10);
    if (v < 4)
        snprintf(p->village, sizeof p->village, "\"Tổ dân phố %u, khu %s\"", 1 + below(30),
                 PICK(PLACE));
    else if (v < 9)
        snprintf(p->village, sizeof p->village, "Thôn %s %u", PICK(PLACE), 1 + below(9));
    else
        p->village[0] = '\0';
}

/* The roster of one province: rows spread over its communes by weight. */
static void gen_learners(const char *share, const char *dir, long rows, int split)
{
    size_t n;
    unit *u = read_units(share, "31", &n);
    if (n == 0) {
        fprintf(stderr, "gen: no communes of province 31 in %s\n", share);
        exit(2);
    }
    double *w = malloc(n * sizeof *w), sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += w[i] = 0.3 + below(1000) / 1000.0 * 1.4;
    FILE *all = out_open(dir, "hp-learners.csv");
    static const char header[] = "unit_code,learner_id,full_name,birth_year,gender,"
                                 "group_code,village,course_code,status,updated_at,"
                                 "updated_by\r\n";
    fputs(header, all);
    long done = 0;
    for (size_t i = 0; i < n; i++) {
        long want = i + 1 == n ? rows - done : (long)(rows * (w[i] / sum));
        FILE *one = NULL;
        if (split) {
            char name[64];
            snprintf(name, sizeof name, "hp-learners-%s.csv", u[i].code);
            one = out_open(dir, name);
            fputs(header, one);
        }
        long got = 0;
        for (long id = 1; got < want; id++) {
            person p;
            make_person(&p);
            /* 1 to 3 courses, in code order (the key order of an export) */
            int take[5] = {0}, nc = 1 + (int)below(3);
            for (int c = 0; c < nc; c++)
                take[below(5)] = 1;
            int idx[5], m = 0;
            for (int c = 0; c < 5; c++)
                if (take[c])
                    idx[m++] = c;
            for (int a = 1; a < m; a++) /* sort by code text */
                for (int b = a; b > 0 && strcmp(COURSES[idx[b - 1]], COURSES[idx[b]]) > 0; b--) {
                    int t = idx[b];
                    idx[b] = idx[b - 1];
                    idx[b - 1] = t;
                }
            for (int c = 0; c < m && got < want; c++, got++) {
                char ts[48];
                timestamp(ts, sizeof ts);
                char line[768];
                int len = snprintf(line, sizeof line, "%s,L%06ld,%s,%s,%s,%s,%s,%s,%s,%s,cb%s\r\n",
                                   u[i].code, id, p.name, p.birth, p.gender, p.group, p.village,
                                   COURSES[idx[c]], PICK(LSTATUS), ts, u[i].code);
                fwrite(line, 1, (size_t)len, all);
                if (one)
                    fwrite(line, 1, (size_t)len, one);
            }
        }
        if (one)
            out_close(one);
        done += want;
    }
    out_close(all);
    free(w);
    free(u);
}

/* Items of the template: code and whether it is yearly. */
typedef struct item {
    char code[16];
    int yearly;
} item;

static item *read_items(const char *share, size_t *n)
{
    char path[4096], line[2048];
    snprintf(path, sizeof path, "%s/items.csv", share);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    item *it = calloc(256, sizeof *it);
    *n = 0;
    if (!fgets(line, sizeof line, f)) /* header */
        exit(2);
    while (*n < 256 && fgets(line, sizeof line, f)) {
        char *a = strchr(line, ','), *b = a ? strchr(a + 1, ',') : NULL;
        if (!b)
            continue;
        snprintf(it[*n].code, sizeof it[*n].code, "%.*s", (int)(b - a - 1), a + 1);
        it[*n].yearly = strstr(line, ",yearly:") != NULL;
        (*n)++;
    }
    fclose(f);
    return it;
}

/* Checklist and training rows of every commune of the country. */
static void gen_country(const char *share, const char *dir)
{
    size_t n, ni;
    unit *u = read_units(share, NULL, &n);
    item *it = read_items(share, &ni);
    FILE *cl = out_open(dir, "vn-checklist.csv");
    fputs("unit_code,item_code,period,status,done_on,quantity,evidence,note,"
          "updated_at,updated_by\r\n",
          cl);
    static const char *const ST[] = {"todo", "doing", "done", "done", "done", "na"};
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < ni; j++)
            for (int year = 2025; year <= (it[j].yearly ? 2026 : 2025); year++) {
                if (below(10) == 0)
                    continue; /* not every item has a row */
                const char *st = PICK(ST);
                int done = strcmp(st, "done") == 0;
                char ts[48], period[8] = "", done_on[16] = "", qty[16] = "";
                char ev[128] = "", note[128] = "";
                timestamp(ts, sizeof ts);
                if (it[j].yearly)
                    snprintf(period, sizeof period, "%d", year);
                if (done) {
                    int m = 7 + (int)below(6), d = 1 + (int)below(28);
                    snprintf(done_on, sizeof done_on, "2025-%02d-%02d", m, d);
                    snprintf(qty, sizeof qty, "%u", below(40));
                    snprintf(ev, sizeof ev, "\"Số %u/KH-UBND ngày %d/%d/2025, của UBND xã\"",
                             1 + below(200), d, m);
                }
                if (below(5) == 0)
                    snprintf(note, sizeof note, "Giao phòng Văn hóa - Xã hội theo dõi");
                fprintf(cl, "%s,%s,%s,%s,%s,%s,%s,%s,%s,cb%s\r\n", u[i].code, it[j].code, period,
                        st, done_on, qty, ev, note, ts, u[i].code);
            }
    out_close(cl);
    FILE *tr = out_open(dir, "vn-training.csv");
    fputs("unit_code,period,group_code,course_code,population,registered,completed,"
          "confirmed,updated_at,updated_by\r\n",
          tr);
    static const char *const GROUPS[] = {"cbccvc", "hssv", "nguoi_dan", "nld_dn"};
    static const long POP[] = {150, 3000, 20000, 5000};
    for (size_t i = 0; i < n; i++)
        for (int m = 0; m < 8; m++) /* 2025-07 .. 2026-02 */
            for (int g = 0; g < 4; g++)
                for (int c = 0; c < 2; c++) {
                    long pop = POP[g] / 2 + below((unsigned)POP[g]);
                    long reg = pop * (10 + m * 8 + (long)below(10)) / 100;
                    long comp = reg * (40 + (long)below(40)) / 100;
                    long conf = comp * (50 + (long)below(50)) / 100;
                    int year = m < 6 ? 2025 : 2026, month = m < 6 ? 7 + m : m - 5;
                    fprintf(
                        tr,
                        "%s,%04d-%02d,%s,%s,%ld,%ld,%ld,%ld,%04d-%02d-28T16:%02u:00+07:00,cb%s\r\n",
                        u[i].code, year, month, GROUPS[g], COURSES[c], pop, reg, comp, conf, year,
                        month, below(60), u[i].code);
                }
    out_close(tr);
    free(u);
    free(it);
}

static void usage(void)
{
    fputs("usage: gen [--seed N] [--rows N] [--split] [--no-country] SHAREDIR OUTDIR\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    uint64_t seed = 20250704;
    long rows = 1000000;
    int split = 0, country = 1, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--rows") && i + 1 < argc)
            rows = strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--split"))
            split = 1;
        else if (!strcmp(argv[i], "--no-country"))
            country = 0;
        else
            usage();
    }
    if (argc - i != 2 || rows < 1)
        usage();
    rng_state = seed;
    gen_learners(argv[i], argv[i + 1], rows, split);
    if (country) {
        rng_state = seed ^ 0x5EED;
        gen_country(argv[i], argv[i + 1]);
    }
    return 0;
}
