/* test_kinds.c - the CSV kinds: one value at a time (kind_value), the
 * rules across a row (kind_row_rules) and telling a file's kind from its
 * header (kind_from_header), each from a table of cases.
 *
 * The code look-ups are a small fixed world: units 10507, 10532, 00004 and
 * the provinces 31 and 01; items NV1.1 (one-off) and NV2.2 (yearly);
 * groups cbccvc and hssv; course KNS-CB.  Today is 2026-11-22, now is
 * 2026-11-22T10:00:00+07:00.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "theodoi/kinds.h"
#include "theodoi/util.h"

#include "cu-run.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int in_list(const char *const *list, const char *code)
{
    for (; *list; list++)
        if (strcmp(*list, code) == 0)
            return 1;
    return 0;
}

static int lk_unit(void *ctx, const char *c)
{
    static const char *const units[] = {"10507", "10532", "00004", "31", "01", NULL};
    (void)ctx;
    return in_list(units, c);
}

static int lk_item(void *ctx, const char *c, int *yearly)
{
    (void)ctx;
    if (strcmp(c, "NV1.1") == 0) {
        *yearly = 0;
        return 1;
    }
    if (strcmp(c, "NV2.2") == 0) {
        *yearly = 1;
        return 1;
    }
    return 0;
}

static int lk_group(void *ctx, const char *c)
{
    static const char *const groups[] = {"cbccvc", "hssv", NULL};
    (void)ctx;
    return in_list(groups, c);
}

static int lk_course(void *ctx, const char *c)
{
    (void)ctx;
    return strcmp(c, "KNS-CB") == 0;
}

static kind_lookup LK;

static int suite_init(void)
{
    LK = (kind_lookup){NULL, lk_unit, lk_item, lk_group, lk_course, 0, 0};
    if (day_parse("2026-11-22", &LK.today) != 0 ||
        ts_parse("2026-11-22T10:00:00+07:00", &LK.now) != 0)
        return -1;
    return 0;
}

static const kind_col *col_of(kind_id k, const char *name)
{
    const kind_def *d = kind_get(k);
    int i = kind_col_index(d, name);
    return i >= 0 ? &d->cols[i] : NULL;
}

/* One value: kind, column, cell, and the canonical value expected (NULL
 * for an empty cell), or the start of the message when it is refused ("*"
 * in it stands for one word: "unknown * 99999" is "unknown unit 99999" or
 * "unknown commune 99999"). */
typedef struct value_case {
    kind_id kind;
    const char *col, *in;
    int ok;
    const char *want; /* canonical value (ok) or message prefix */
} value_case;

static const value_case VALUES[] = {
    /* unit codes: text, leading zeros kept or restored */
    {KIND_CHECKLIST, "unit_code", "10532", 1, "10532"},
    {KIND_CHECKLIST, "unit_code", " 10532 ", 1, "10532"},
    {KIND_CHECKLIST, "unit_code", "00004", 1, "00004"},
    {KIND_CHECKLIST, "unit_code", "4", 1, "00004"},
    {KIND_CHECKLIST, "unit_code", "004", 1, "00004"},
    {KIND_CHECKLIST, "unit_code", "99999", 0, "unknown * 99999"},
    {KIND_CHECKLIST, "unit_code", "532", 0, "unknown * 00532"},
    {KIND_CHECKLIST, "unit_code", "105320", 0, "not a unit code"},
    {KIND_CHECKLIST, "unit_code", "Phường X", 0, "not a unit code"},
    {KIND_CHECKLIST, "unit_code", "", 0, "empty, but required"},
    /* items, groups, courses */
    {KIND_CHECKLIST, "item_code", "NV1.1", 1, "NV1.1"},
    {KIND_CHECKLIST, "item_code", "NV9.9", 0, "unknown item NV9.9"},
    {KIND_TRAINING, "group_code", "hssv", 1, "hssv"},
    {KIND_TRAINING, "group_code", "can_bo", 0, "unknown group"},
    {KIND_TRAINING, "course_code", "KNS-CB", 1, "KNS-CB"},
    {KIND_TRAINING, "course_code", "KNS-NC", 0, "unknown course KNS-NC"},
    /* checklist status: codes and Vietnamese words */
    {KIND_CHECKLIST, "status", "done", 1, "done"},
    {KIND_CHECKLIST, "status", "Hoàn thành", 1, "done"},
    {KIND_CHECKLIST, "status", "hoan thanh", 1, "done"},
    {KIND_CHECKLIST, "status", "Đang thực hiện", 1, "doing"},
    {KIND_CHECKLIST, "status", "Chưa thực hiện", 1, "todo"},
    {KIND_CHECKLIST, "status", "Không áp dụng", 1, "na"},
    {KIND_CHECKLIST, "status", "xong", 0, "unknown status"},
    {KIND_CHECKLIST, "status", "x", 0, "unknown status"},
    {KIND_CHECKLIST, "status", "", 0, "empty, but required"},
    /* dates: ISO and DD/MM/YYYY, not in the future, real days */
    {KIND_CHECKLIST, "done_on", "2025-08-20", 1, "2025-08-20"},
    {KIND_CHECKLIST, "done_on", "20/08/2025", 1, "2025-08-20"},
    {KIND_CHECKLIST, "done_on", "5/9/2025", 1, "2025-09-05"},
    {KIND_CHECKLIST, "done_on", "2026-11-22", 1, "2026-11-22"},
    {KIND_CHECKLIST, "done_on", "", 1, NULL},
    {KIND_CHECKLIST, "done_on", "2026-11-23", 0, "date in the future"},
    {KIND_CHECKLIST, "done_on", "31/02/2025", 0, "not a date"},
    {KIND_CHECKLIST, "done_on", "2025-02-29", 0, "not a date"},
    {KIND_CHECKLIST, "done_on", "20/08/25", 0, "not a date"},
    {KIND_CHECKLIST, "done_on", "8/20/2025", 0, "not a date"},
    {KIND_CHECKLIST, "done_on", "hôm qua", 0, "not a date"},
    {KIND_HOLIDAYS, "date", "2027-01-01", 1, "2027-01-01"}, /* any day */
    {KIND_HOLIDAYS, "date", "2026-02-30", 0, "not a date"},
    /* periods */
    {KIND_CHECKLIST, "period", "2025", 1, "2025"},
    {KIND_CHECKLIST, "period", "", 1, NULL},
    {KIND_CHECKLIST, "period", "25", 0, "not a year"},
    {KIND_CHECKLIST, "period", "2025-13", 0, "not a year"},
    {KIND_TRAINING, "period", "2026-10", 1, "2026-10"},
    {KIND_TRAINING, "period", "10/2026", 1, "2026-10"},
    {KIND_TRAINING, "period", "01/10/2026", 1, "2026-10"},
    {KIND_TRAINING, "period", "2026-10-01", 1, "2026-10"},
    {KIND_TRAINING, "period", "2026-10-15", 0, "not a month"},
    {KIND_TRAINING, "period", "2026-13", 0, "not a month"},
    {KIND_TRAINING, "period", "", 0, "empty, but required"},
    {KIND_TARGETS, "period", "2026", 1, "2026"},
    {KIND_TARGETS, "period", "26", 0, "not a year"},
    /* counts */
    {KIND_TRAINING, "registered", "0", 1, "0"},
    {KIND_TRAINING, "registered", "1200", 1, "1200"},
    {KIND_TRAINING, "registered", "1200.0", 1, "1200"},
    {KIND_TRAINING, "registered", " 7 ", 1, "7"},
    {KIND_TRAINING, "registered", "007", 1, "7"},
    {KIND_TRAINING, "registered", "-3", 0, "negative count"},
    {KIND_TRAINING, "registered", "2.5", 0, "not a whole number"},
    {KIND_TRAINING, "registered", "1,200", 0, "not a whole number"},
    {KIND_TRAINING, "registered", "hai", 0, "not a whole number"},
    {KIND_TRAINING, "registered", "1e3", 0, "not a whole number"},
    {KIND_TRAINING, "registered", "0000000000000000000000000000000001234", 0, "not a whole number"},
    {KIND_TRAINING, "registered", "", 0, "empty, but required"},
    {KIND_TRAINING, "population", "", 1, NULL},
    {KIND_CHECKLIST, "quantity", "12", 1, "12"},
    /* percentages */
    {KIND_TARGETS, "target_pct", "80", 1, "80"},
    {KIND_TARGETS, "target_pct", "62.5", 1, "62.5"},
    {KIND_TARGETS, "target_pct", "62,5", 1, "62.5"},
    {KIND_TARGETS, "target_pct", "80%", 1, "80"},
    {KIND_TARGETS, "target_pct", "80 %", 1, "80"},
    {KIND_TARGETS, "target_pct", "100", 1, "100"},
    {KIND_TARGETS, "target_pct", "0", 1, "0"},
    {KIND_TARGETS, "target_pct", "33.33", 1, "33.3"},
    {KIND_TARGETS, "target_pct", "120", 0, "percentage outside 0..100"},
    {KIND_TARGETS, "target_pct", "100.1", 0, "percentage outside 0..100"},
    {KIND_TARGETS, "target_pct", "-5", 0, "percentage outside 0..100"},
    {KIND_TARGETS, "target_pct", "nan", 0, "not a percentage"},
    {KIND_TARGETS, "target_pct", "inf", 0, "not a percentage"},
    {KIND_TARGETS, "target_pct", "0x10", 0, "not a percentage"},
    {KIND_TARGETS, "target_pct", "1e1", 0, "not a percentage"},
    {KIND_TARGETS, "target_pct", "80.", 0, "not a percentage"},
    {KIND_TARGETS, "target_pct", "tám mươi", 0, "not a percentage"},
    /* times */
    {KIND_CHECKLIST, "updated_at", "2025-08-20T09:15:00+07:00", 1, "2025-08-20T09:15:00+07:00"},
    {KIND_CHECKLIST, "updated_at", "2025-08-20T04:15:00+02:00", 1, "2025-08-20T09:15:00+07:00"},
    {KIND_CHECKLIST, "updated_at", "2025-08-20T02:15:00Z", 1, "2025-08-20T09:15:00+07:00"},
    {KIND_CHECKLIST, "updated_at", "20/08/2025 09:15", 1, "2025-08-20T09:15:00+07:00"},
    {KIND_CHECKLIST, "updated_at", "2026-11-23T10:00:00+07:00", 1, "2026-11-23T10:00:00+07:00"},
    {KIND_CHECKLIST, "updated_at", "2026-11-23T10:00:01+07:00", 0,
     "time more than a day in the future"},
    {KIND_CHECKLIST, "updated_at", "hôm qua", 0, "not a time"},
    {KIND_CHECKLIST, "updated_at", "", 1, NULL},
    /* learners */
    {KIND_LEARNERS, "learner_id", "TDP2-001", 1, "TDP2-001"},
    {KIND_LEARNERS, "learner_id", "0001", 1, "0001"},
    {KIND_LEARNERS, "learner_id", "001203004567", 0, "looks like an identity card number"},
    {KIND_LEARNERS, "learner_id", "031234567", 0, "looks like an identity card number"},
    {KIND_LEARNERS, "learner_id", "0123456789012345678901234567890123456789X", 0,
     "learner id too long"},
    {KIND_LEARNERS, "gender", "nam", 1, "nam"},
    {KIND_LEARNERS, "gender", "Nữ", 1, "nu"},
    {KIND_LEARNERS, "gender", "Khác", 1, "khac"},
    {KIND_LEARNERS, "gender", "", 1, NULL},
    {KIND_LEARNERS, "gender", "male", 0, "unknown gender"},
    {KIND_LEARNERS, "birth_year", "1983", 1, "1983"},
    {KIND_LEARNERS, "birth_year", "1890", 0, "not a birth year"},
    {KIND_LEARNERS, "birth_year", "83", 0, "not a birth year"},
    {KIND_LEARNERS, "birth_year", "198O", 0, "not a birth year"},
    {KIND_LEARNERS, "status", "confirmed", 1, "confirmed"},
    {KIND_LEARNERS, "status", "Đã xác nhận", 1, "confirmed"},
    {KIND_LEARNERS, "status", "passed", 0, "unknown status"},
    {KIND_LEARNERS, "full_name", "  Ngô Thị Mai ", 1, "Ngô Thị Mai"},
    {KIND_LEARNERS, "full_name", " ", 0, "empty, but required"},
    /* units, items, courses */
    {KIND_UNITS, "kind", "phuong", 1, "phuong"},
    {KIND_UNITS, "kind", "dac_khu", 1, "dac_khu"},
    {KIND_UNITS, "kind", "quan", 0, "unknown kind of unit"},
    {KIND_UNITS, "parent_code", "1", 1, "01"},
    {KIND_UNITS, "parent_code", "", 1, NULL},
    {KIND_UNITS, "parent_code", "031", 0, "not a province code"},
    {KIND_UNITS, "code", "10532", 1, "10532"},
    {KIND_ITEMS, "due", "2025-08-31", 1, "2025-08-31"},
    {KIND_ITEMS, "due", "yearly:11-15", 1, "yearly:11-15"},
    {KIND_ITEMS, "due", "", 1, NULL},
    {KIND_ITEMS, "due", "monthly:05", 0, "not a due rule"},
    {KIND_ITEMS, "task_code", "NV 1", 0, "not a code"},
    {KIND_COURSES, "course_code", "KNS CB", 0, "not a code"},
    {KIND_COURSES, "course_code", "AI-CB_2.0", 1, "AI-CB_2.0"},
    /* text: trimmed, kept as is otherwise */
    {KIND_CHECKLIST, "evidence", " Số 12/KH-UBND ngày 20/8/2025 ", 1,
     "Số 12/KH-UBND ngày 20/8/2025"},
    {KIND_CHECKLIST, "note", "=1+1", 1, "=1+1"},
    {KIND_CHECKLIST, "note", "", 1, NULL},
};

/* 1 when msg starts with want, "*" in want matching one word. */
static int msg_starts(const char *msg, const char *want)
{
    const char *star = strchr(want, '*');
    if (!star)
        return strncmp(msg, want, strlen(want)) == 0;
    size_t n = (size_t)(star - want);
    if (strncmp(msg, want, n) != 0)
        return 0;
    msg += n;
    while (*msg && *msg != ' ')
        msg++;
    return msg_starts(msg, star + 1);
}

static void test_values(void)
{
    for (size_t i = 0; i < sizeof VALUES / sizeof VALUES[0]; i++) {
        const value_case *c = &VALUES[i];
        const kind_col *col = col_of(c->kind, c->col);
        CU_ASSERT_PTR_NOT_NULL_FATAL(col);
        char *out = NULL, *msg = NULL;
        int rc = kind_value(col, c->in, &LK, &out, &msg);
        int good =
            c->ok ? rc == 0 && ((!c->want && !out) || (c->want && out && strcmp(out, c->want) == 0))
                  : rc == -1 && !out && msg && msg_starts(msg, c->want);
        if (!good)
            fprintf(stderr, "\n  %s.%s \"%s\": got rc %d, \"%s\", msg \"%s\"; want %s \"%s\"\n",
                    kind_get(c->kind)->name, c->col, c->in, rc, out ? out : "(null)",
                    msg ? msg : "(null)", c->ok ? "value" : "message",
                    c->want ? c->want : "(null)");
        CU_ASSERT(good);
        free(out);
        free(msg);
    }
}

/* Without look-ups (NULL), codes are only checked for their form. */
static void test_values_without_lookup(void)
{
    char *out = NULL, *msg = NULL;
    CU_ASSERT_EQUAL(kind_value(col_of(KIND_CHECKLIST, "unit_code"), "4", NULL, &out, &msg), 0);
    CU_ASSERT_STRING_EQUAL(out, "00004");
    free(out);
    CU_ASSERT_EQUAL(kind_value(col_of(KIND_CHECKLIST, "item_code"), "ANY", NULL, &out, &msg), 0);
    free(out);
    /* and no clock: a far date is no error */
    CU_ASSERT_EQUAL(kind_value(col_of(KIND_CHECKLIST, "done_on"), "2099-01-01", NULL, &out, &msg),
                    0);
    free(out);
}

/* A row of a kind from "a|b|c" (empty parts are NULL). */
static char **row_of(const kind_def *k, const char *spec)
{
    char **v = xcalloc(k->ncols, sizeof *v);
    char *s = xstrdup(spec), *p = s;
    for (size_t i = 0; i < k->ncols && p; i++) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        v[i] = *p ? xstrdup(p) : NULL;
        p = bar ? bar + 1 : NULL;
    }
    free(s);
    return v;
}

static void row_free(const kind_def *k, char **v)
{
    for (size_t i = 0; i < k->ncols; i++)
        free(v[i]);
    free(v);
}

/* Rules across a row: the row (canonical values joined by |) and the
 * problem expected ("" for none), as "f.csv:7: column: message" prefix. */
typedef struct rule_case {
    kind_id kind;
    const char *row, *want;
} rule_case;

static const rule_case RULES[] = {
    {KIND_CHECKLIST, "10532|NV1.1||done|2025-08-20|||||", ""},
    {KIND_CHECKLIST, "10532|NV2.2|2025|done|2025-08-20|||||", ""},
    {KIND_CHECKLIST, "10532|NV2.2||done|2025-08-20|||||",
     "f.csv:7: period: a yearly item needs the year"},
    {KIND_CHECKLIST, "10532|NV1.1|2025|done|2025-08-20|||||",
     "f.csv:7: period: a one-off item has no period"},
    {KIND_TRAINING, "10532|2026-10|cbccvc|KNS-CB|50|40|30|20||", ""},
    {KIND_TRAINING, "10532|2026-10|cbccvc|KNS-CB|50|50|50|50||", ""},
    {KIND_TRAINING, "10532|2026-10|cbccvc|KNS-CB||40|30|20||", ""},
    {KIND_TRAINING, "10532|2026-11|cbccvc|KNS-CB|50|40|30|20||", ""},
    {KIND_TRAINING, "10532|2026-10|cbccvc|KNS-CB|30|40|30|20||",
     "f.csv:7: registered: registered (40) is more than population (30)"},
    {KIND_TRAINING, "10532|2026-10|cbccvc|KNS-CB|50|40|45|20||",
     "f.csv:7: completed: completed (45) is more than registered (40)"},
    {KIND_TRAINING, "10532|2026-10|cbccvc|KNS-CB|50|40|30|35||",
     "f.csv:7: confirmed: confirmed (35) is more than completed (30)"},
    {KIND_TRAINING, "10532|2026-12|cbccvc|KNS-CB|50|40|30|20||",
     "f.csv:7: period: month in the future: 2026-12"},
    {KIND_LEARNERS, "10532|A1|Ngô Thị Mai|2026|nu|hssv||KNS-CB|registered||", ""},
    {KIND_LEARNERS, "10532|A1|Ngô Thị Mai|2027|nu|hssv||KNS-CB|registered||",
     "f.csv:7: birth_year: birth year in the future: 2027"},
    {KIND_UNITS, "10532|Phường Lê Thanh Nghị|phuong|31", ""},
    {KIND_UNITS, "31|Thành phố Hải Phòng|thanh_pho|", ""},
    {KIND_UNITS, "10532|Phường Lê Thanh Nghị|phuong|",
     "f.csv:7: parent_code: a commune needs its province code"},
    {KIND_UNITS, "31|Thành phố Hải Phòng|thanh_pho|01",
     "f.csv:7: parent_code: a province has no parent unit"},
};

static void test_row_rules(void)
{
    for (size_t i = 0; i < sizeof RULES / sizeof RULES[0]; i++) {
        const kind_def *k = kind_get(RULES[i].kind);
        char **v = row_of(k, RULES[i].row);
        problems p;
        problems_init(&p, 10);
        kind_row_rules(k, v, &LK, "f.csv", 7, &p);
        int good = RULES[i].want[0] ? p.count == 1 && strncmp(p.msg[0], RULES[i].want,
                                                              strlen(RULES[i].want)) == 0
                                    : p.count == 0;
        if (!good)
            fprintf(stderr, "\n  %s %s: got %zu problems (%s); want \"%s\"\n", k->name,
                    RULES[i].row, p.count, p.count ? p.msg[0] : "", RULES[i].want);
        CU_ASSERT(good);
        problems_free(&p);
        row_free(k, v);
    }
}

/* A province's code is padded to 2 digits, a commune's to 5. */
static void test_unit_codes_padded(void)
{
    const kind_def *k = kind_get(KIND_UNITS);
    char **v = row_of(k, "4|Phường Ba Đình|phuong|01");
    problems p;
    problems_init(&p, 10);
    kind_row_rules(k, v, &LK, "u.csv", 2, &p);
    CU_ASSERT_EQUAL(p.count, 0);
    CU_ASSERT_STRING_EQUAL(v[0], "00004");
    row_free(k, v);
    v = row_of(k, "1|Thành phố Hà Nội|thanh_pho|");
    kind_row_rules(k, v, &LK, "u.csv", 3, &p);
    CU_ASSERT_STRING_EQUAL(v[0], "01");
    row_free(k, v);
    problems_free(&p);
}

/* Header: names (comma separated), the kind expected (or -1), and for a
 * header of no kind the closest kind (or -1). */
typedef struct header_case {
    const char *names;
    int kind, closest;
} header_case;

static const header_case HEADERS[] = {
    {"code,name,kind,parent_code", KIND_UNITS, -1},
    {"parent_code,kind,name,code", KIND_UNITS, -1},
    {"task_code,item_code,title,due", KIND_ITEMS, -1},
    {"course_code,title", KIND_COURSES, -1},
    {"date,name", KIND_HOLIDAYS, -1},
    {"unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by",
     KIND_CHECKLIST, -1},
    {"updated_by,updated_at,note,evidence,quantity,done_on,status,period,item_code,unit_code",
     KIND_CHECKLIST, -1},
    {"unit_code,period,group_code,course_code,population,registered,completed,confirmed,updated_at,updated_by",
     KIND_TRAINING, -1},
    {"period,group_code,course_code,target_pct", KIND_TARGETS, -1},
    {"unit_code,learner_id,full_name,birth_year,gender,group_code,village,course_code,status,updated_at,updated_by",
     KIND_LEARNERS, -1},
    /* summary is export only */
    {"unit_code,unit_name,items_total,items_done,items_overdue,population,registered,completed,confirmed,confirmed_pct,last_update",
     -1, KIND_TRAINING},
    /* a column more, a column less, a column twice, a misspelling */
    {"unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by,extra",
     -1, KIND_CHECKLIST},
    {"unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at", -1,
     KIND_CHECKLIST},
    {"unit_code,item_code,period,status,done_on,quantity,evidence,evidence,updated_at,updated_by",
     -1, -1},
    {"unit_code,period,group_code,course_code,population,registered,completed,confimed,updated_at,updated_by",
     -1, KIND_TRAINING},
    /* case and names of no kind */
    {"Code,Name,Kind,Parent_Code", -1, -1},
    {"ma_xa,ten,trang_thai", -1, -1},
    {"", -1, -1},
};

static void test_headers(void)
{
    for (size_t i = 0; i < sizeof HEADERS / sizeof HEADERS[0]; i++) {
        char *s = xstrdup(HEADERS[i].names), *names[32];
        size_t n = 0;
        for (char *p = strtok(s, ","); p && n < 32; p = strtok(NULL, ","))
            names[n++] = p;
        const kind_def *closest = NULL;
        const kind_def *k = kind_from_header(names, n, &closest);
        int got = k ? (int)k->id : -1;
        int good = got == HEADERS[i].kind;
        if (!k)
            good = good && (closest ? (int)closest->id : -1) == HEADERS[i].closest;
        if (!good)
            fprintf(stderr, "\n  header %s: got %d (closest %d), want %d (closest %d)\n",
                    HEADERS[i].names, got, closest ? (int)closest->id : -1, HEADERS[i].kind,
                    HEADERS[i].closest);
        CU_ASSERT(good);
        free(s);
    }
}

static void test_key_and_same(void)
{
    const kind_def *k = kind_get(KIND_CHECKLIST);
    char **a = row_of(k, "10532|NV2.2|2026|done|2026-01-02|3|Số 1||2026-01-02T08:00:00+07:00|an");
    char **b = row_of(k, "10532|NV2.2|2026|done|2026-01-02|3|Số 1||2026-02-02T08:00:00+07:00|binh");
    char **c = row_of(k, "10532|NV2.2|2026|done|2026-01-02|4|Số 1||2026-01-02T08:00:00+07:00|an");
    char **d = row_of(k, "10532|NV1.1||done||||||");
    char *key = kind_key(k, a);
    CU_ASSERT_STRING_EQUAL(key, "10532|NV2.2|2026");
    free(key);
    key = kind_key(k, d);
    CU_ASSERT_STRING_EQUAL(key, "10532|NV1.1|");
    free(key);
    CU_ASSERT_TRUE(kind_same_values(k, a, b)); /* time and login aside */
    CU_ASSERT_FALSE(kind_same_values(k, a, c));
    /* NULL and "" are the same empty value */
    free(b[7]);
    b[7] = xstrdup("");
    CU_ASSERT_TRUE(kind_same_values(k, a, b));
    row_free(k, a);
    row_free(k, b);
    row_free(k, c);
    row_free(k, d);
}

static void test_table(void)
{
    CU_ASSERT_PTR_EQUAL(kind_by_name("checklist"), kind_get(KIND_CHECKLIST));
    CU_ASSERT_PTR_NULL(kind_by_name("nosuchkind"));
    CU_ASSERT_PTR_NULL(kind_get(KIND__COUNT));
    CU_ASSERT_EQUAL(kind_ts_col(kind_get(KIND_TRAINING)), 8);
    CU_ASSERT_EQUAL(kind_ts_col(kind_get(KIND_UNITS)), -1);
    /* city kinds are imported before commune kinds */
    CU_ASSERT_TRUE(kind_get(KIND_UNITS)->order < kind_get(KIND_ITEMS)->order);
    CU_ASSERT_TRUE(kind_get(KIND_ITEMS)->order < kind_get(KIND_CHECKLIST)->order);
    CU_ASSERT_TRUE(kind_get(KIND_TRAINING)->order < kind_get(KIND_LEARNERS)->order);
    CU_ASSERT_TRUE(kind_get(KIND_TARGETS)->city_owned);
    CU_ASSERT_FALSE(kind_get(KIND_CHECKLIST)->city_owned);
    char buf[32];
    kind_format_real(62.5, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "62.5");
    kind_format_real(80.0, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "80");
    kind_format_real(33.349, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "33.3");
    kind_format_real(99.96, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "100");
}

int main(void)
{
    static const cu_test tests[] = {
        {"kind_value: a table of cells", test_values},
        {"kind_value without look-ups", test_values_without_lookup},
        {"kind_row_rules: a table of rows", test_row_rules},
        {"unit codes padded by their kind", test_unit_codes_padded},
        {"kind_from_header: a table of headers", test_headers},
        {"kind_key and kind_same_values", test_key_and_same},
        {"the table of kinds", test_table},
    };
    setenv("THEODOI_LANG", "en", 1);
    setenv("LANGUAGE", "en", 1);
    return CU_RUN("kinds", suite_init, NULL, NULL, NULL, tests);
}
