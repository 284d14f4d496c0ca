/* demo.c - a plausible Hải Phòng: checklist progress, twelve months of
 * training counts, targets and a small roster, different for every
 * commune (deterministic, from the commune's code). */
#include "config.h"

#include "theodoi/apply.h"
#include "theodoi/checklist.h"
#include "theodoi/init.h"
#include "theodoi/store.h"
#include "theodoi/summary.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A small deterministic generator (xorshift), seeded per commune. */
static unsigned long next_rand(unsigned long *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static int pick(unsigned long *s, int n)
{
    return (int)(next_rand(s) % (unsigned long)n);
}

/* Write one row of kind k from n values. */
static int put(td_db *db, kind_id id, char **vals)
{
    const kind_def *k = kind_get(id);
    apply_result r = apply_row(db, k, vals, 0, "demo", 0);
    for (size_t i = 0; i < k->ncols; i++)
        xfree(&vals[i]);
    if (r == AP_ERROR)
        fprintf(stderr, "theodoi: demo: %s: %s\n", k->name, db_error(db));
    return r == AP_ERROR ? -1 : 0;
}

static char *stamp(td_day day, int hour)
{
    char buf[32];
    ts_format((int64_t)day * 86400 + (hour - 7) * 3600, buf);
    return xstrdup(buf);
}

/* The checklist of one commune: diligent communes are further along. */
static int demo_checklist(td_db *db, const char *unit, int diligence, unsigned long *s, int year,
                          td_day today)
{
    checklist c;
    if (checklist_load(db, unit, year, &c) != TD_OK)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < c.n && rc == 0; i++) {
        cl_item *it = &c.items[i];
        td_day dl = it->deadline == TD_NO_DAY ? today : it->deadline;
        int roll = pick(s, 100);
        item_status st = roll < diligence ? ST_DONE : roll < diligence + 15 ? ST_DOING : ST_TODO;
        if (dl > today + 200 && st == ST_DONE)
            st = ST_TODO;
        if (roll > 97)
            st = ST_NA;
        if (st == ST_TODO && pick(s, 3))
            continue;
        td_day done = dl - 20 + pick(s, 25);
        if (done > today)
            done = today - pick(s, 10);
        char d[11];
        day_format(done, d);
        char *vals[10] = {xstrdup(unit),
                          xstrdup(it->item),
                          it->period[0] ? xstrdup(it->period) : NULL,
                          xstrdup(status_code(st)),
                          st == ST_DONE ? xstrdup(d) : NULL,
                          NULL,
                          NULL,
                          NULL,
                          stamp(st == ST_DONE ? done : today - pick(s, 60), 9),
                          xstrdup(td_login())};
        if (strstr(it->title, "(số") && st != ST_TODO)
            vals[5] = xasprintf("%d", 1 + pick(s, 12));
        if (st == ST_DONE && !strcmp(it->task, "NV1"))
            vals[6] = xasprintf("Số %d/KH-UBND ngày %s", 10 + pick(s, 90), d);
        if (st == ST_DOING)
            vals[7] = xstrdup("Đang hoàn thiện dự thảo, trình lãnh đạo xem xét");
        rc = put(db, KIND_CHECKLIST, vals);
    }
    checklist_free(&c);
    return rc;
}

/* Twelve months of training counts for three groups. */
static int demo_training(td_db *db, const char *unit, int diligence, unsigned long *s, td_day today)
{
    static const struct {
        const char *group, *course;
        int pop_min, pop_span;
    } G[] = {{"cbccvc", "KNS-CB", 40, 80},
             {"cbccvc", "TTHC", 40, 80},
             {"nguoi_dan", "KNS-CB", 6000, 20000},
             {"hssv", "KNS-CB", 900, 3000}};
    int y, m, d;
    day_to_ymd(today, &y, &m, &d);
    int skip_current = diligence < 45 && pick(s, 2);
    for (size_t g = 0; g < 4; g++) {
        long pop = G[g].pop_min + pick(s, G[g].pop_span);
        if (g == 1)
            pop = 0;
        for (int back = 11; back >= 0; back--) {
            if (back == 0 && skip_current)
                continue;
            int mm = m - back, yy = y;
            while (mm <= 0)
                mm += 12, yy--;
            long p = g == 1 ? 0 : pop;
            double share = (12 - back) / 12.0 * (0.35 + diligence / 160.0);
            long reg = (long)((g == 1 ? 60 : p) * (share + 0.1 > 1 ? 1 : share + 0.1));
            if (g == 1)
                p = 60, reg = reg > 60 ? 60 : reg;
            long comp = (long)(reg * 0.8), conf = (long)(comp * (0.6 + diligence / 300.0));
            char *vals[10] = {xstrdup(unit),
                              xasprintf("%04d-%02d", yy, mm),
                              xstrdup(G[g].group),
                              xstrdup(G[g].course),
                              xasprintf("%ld", p),
                              xasprintf("%ld", reg),
                              xasprintf("%ld", comp),
                              xasprintf("%ld", conf),
                              stamp(day_from_ymd(yy, mm, 1) + 25 > today
                                        ? today - 1
                                        : day_from_ymd(yy, mm, 1) + 25,
                                    16),
                              xstrdup(td_login())};
            if (put(db, KIND_TRAINING, vals) != 0)
                return -1;
        }
    }
    return 0;
}

/* The city's targets for last year and this year. */
static int demo_targets(td_db *db, int year)
{
    static const struct {
        const char *group, *course;
        int pct[2];
    } T[] = {{"cbccvc", "KNS-CB", {80, 100}},
             {"cbccvc", "TTHC", {100, 100}},
             {"nguoi_dan", "KNS-CB", {50, 70}},
             {"hssv", "KNS-CB", {60, 80}}};
    for (int yy = 0; yy < 2; yy++)
        for (size_t i = 0; i < 4; i++) {
            char *vals[4] = {xasprintf("%d", year - 1 + yy), xstrdup(T[i].group),
                             xstrdup(T[i].course), xasprintf("%d", T[i].pct[yy])};
            if (put(db, KIND_TARGETS, vals) != 0)
                return -1;
        }
    return 0;
}

/* A small roster of officials for one commune (no personal data beyond
 * name, birth year, gender, group and village). */
static int demo_roster(td_db *db, const char *unit, unsigned long *s, td_day today)
{
    static const char *const HO[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng",
                                     "Vũ",     "Đặng", "Bùi", "Đỗ",   "Ngô"};
    static const char *const DEM[] = {"Văn", "Thị", "Đức", "Thu", "Minh", "Ngọc", "Quang"};
    static const char *const TEN[] = {"An",  "Bình", "Chi",   "Dũng", "Đạt",  "Hà",   "Hùng",
                                      "Lan", "Linh", "Mai",   "Nam",  "Oanh", "Phúc", "Quỳnh",
                                      "Sơn", "Thảo", "Trang", "Tuấn", "Uyên", "Yến"};
    static const char *const THON[] = {"Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3",
                                       "Khu Trần Phú"};
    static const char *const ST[] = {"registered", "learning", "completed", "confirmed"};
    for (int i = 1; i <= 48; i++) {
        int dem = pick(s, 7);
        const char *g = dem == 1 ? "nu" : pick(s, 2) ? "nam" : "nu";
        char *vals[11] = {xstrdup(unit),
                          xasprintf("CB%03d", i),
                          xasprintf("%s %s %s", HO[pick(s, 10)], DEM[dem], TEN[pick(s, 20)]),
                          xasprintf("%d", 1965 + pick(s, 36)),
                          xstrdup(g),
                          xstrdup("cbccvc"),
                          xstrdup(THON[pick(s, 4)]),
                          xstrdup("KNS-CB"),
                          xstrdup(ST[pick(s, 100) < 55 ? 3 : pick(s, 3)]),
                          stamp(today - pick(s, 20), 10),
                          xstrdup(td_login())};
        if (put(db, KIND_LEARNERS, vals) != 0)
            return -1;
    }
    return 0;
}

typedef struct demo_ctx {
    td_db *db;
    int year;
    td_day today;
    int failed;
    long n;
    char (*codes)[8];
    size_t ncodes, cap;
} demo_ctx;

/* Collect the communes' codes (no rows are written while reading). */
static int collect_unit(void *ctx, const summary_row *r)
{
    demo_ctx *d = ctx;
    if (d->ncodes == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 128;
        d->codes = xrealloc(d->codes, d->cap * sizeof *d->codes);
    }
    snprintf(d->codes[d->ncodes++], 8, "%s", r->code);
    return 0;
}

static int demo_unit(demo_ctx *d, const char *code)
{
    unsigned long s = 88172645463325252UL ^ strtoul(code, NULL, 10) * 2654435761UL;
    for (int i = 0; i < 4; i++)
        next_rand(&s);
    int diligence = 25 + pick(&s, 70);
    if (demo_checklist(d->db, code, diligence, &s, d->year, d->today) != 0 ||
        demo_training(d->db, code, diligence, &s, d->today) != 0 ||
        ((d->n % 40 == 0 || !strcmp(code, "10532")) && demo_roster(d->db, code, &s, d->today) != 0))
        d->failed = 1;
    d->n++;
    return d->failed;
}

int demo_fill(td_db *db)
{
    demo_ctx d = {.db = db, .today = day_today()};
    int m, dd;
    day_to_ymd(d.today, &d.year, &m, &dd);
    if (db_begin(db) != TD_OK)
        return TD_EDB;
    summary_query q = {.order = SUM_BY_NAME};
    int rc = demo_targets(db, d.year) == 0 ? TD_OK : TD_EDB;
    if (rc == TD_OK)
        rc = summary_each(db, &q, collect_unit, &d);
    for (size_t i = 0; rc == TD_OK && !d.failed && i < d.ncodes; i++)
        demo_unit(&d, d.codes[i]);
    free(d.codes);
    if (rc == TD_OK && !d.failed)
        rc = apply_derive(db, 0, "demo", td_login());
    if (rc != TD_OK || d.failed) {
        db_rollback(db);
        apply_forget();
        return TD_EDB;
    }
    store_meta_set(db, "demo", "1");
    return db_commit(db);
}
