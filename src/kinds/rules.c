/* rules.c - rules that tie a row's values together. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value of a named column (NULL when empty or no such column). */
static char *col(const kind_def *k, char **vals, const char *name)
{
    int i = kind_col_index(k, name);
    return i >= 0 ? vals[i] : NULL;
}

/* Left-pad an all-digit code with zeros to width w, in place. */
static void pad_code(char **v, int w)
{
    if (!*v || strlen(*v) >= (size_t)w || strspn(*v, "0123456789") != strlen(*v))
        return;
    char p[32];
    snprintf(p, sizeof p, "%0*d", w, atoi(*v));
    kind_value_set(v, p);
}

/* A unit's code has 2 digits for a province, 5 for a commune; provinces
 * have no parent, communes must have one. */
static void unit_rules(const kind_def *k, char **vals, const char *file, long line, problems *out)
{
    int ic = kind_col_index(k, "code"), ip = kind_col_index(k, "parent_code");
    const char *kind = col(k, vals, "kind");
    int province = kind && (!strcmp(kind, "tinh") || !strcmp(kind, "thanh_pho"));
    pad_code(&vals[ic], province ? 2 : 5);
    if (province && vals[ip])
        problems_add(out, file, line, "parent_code", "%s", _("a province has no parent unit"));
    if (kind && !province && !vals[ip])
        problems_add(out, file, line, "parent_code", "%s", _("a commune needs its province code"));
}

/* Yearly items are kept per year; the others have no period.  A done
 * date goes with the status done only. */
static void checklist_rules(const kind_def *k, char **vals, const kind_lookup *lk, const char *file,
                            long line, problems *out)
{
    const char *item = col(k, vals, "item_code");
    const char *period = col(k, vals, "period");
    int yearly = 0;
    if (item && lk && lk->item && lk->item(lk->ctx, item, &yearly)) {
        if (yearly && !period)
            problems_add(out, file, line, "period", "%s",
                         _("a yearly item needs the year (such as 2025)"));
        if (!yearly && period)
            problems_add(out, file, line, "period", "%s",
                         _("a one-off item has no period; leave it empty"));
    }
    const char *status = col(k, vals, "status"), *done = col(k, vals, "done_on");
    if (done && status && strcmp(status, "done") != 0)
        problems_add(
            out, file, line, "done_on", "%s",
            _("a done date goes with the status \"done\": change the status or clear the date"));
}

/* population >= registered >= completed >= confirmed; no future month. */
static void training_rules(const kind_def *k, char **vals, const kind_lookup *lk, const char *file,
                           long line, problems *out)
{
    static const char *const names[] = {"population", "registered", "completed", "confirmed"};
    for (int i = 0; i < 3; i++) {
        const char *a = col(k, vals, names[i]), *b = col(k, vals, names[i + 1]);
        if (a && b && atoll(b) > atoll(a))
            problems_add(out, file, line, names[i + 1], _("%s (%s) is more than %s (%s)"),
                         names[i + 1], b, names[i], a);
    }
    const char *period = col(k, vals, "period");
    if (period && lk) {
        int y, m, d;
        char now[8];
        day_to_ymd(lk->today, &y, &m, &d);
        snprintf(now, sizeof now, "%04d-%02d", y, m);
        if (strcmp(period, now) > 0)
            problems_add(out, file, line, "period", _("month in the future: %s"), period);
    }
}

void kind_row_rules(const kind_def *k, char **vals, const kind_lookup *lk, const char *file,
                    long line, problems *out)
{
    switch (k->id) {
    case KIND_UNITS:
        unit_rules(k, vals, file, line, out);
        break;
    case KIND_CHECKLIST:
        checklist_rules(k, vals, lk, file, line, out);
        break;
    case KIND_TRAINING:
        training_rules(k, vals, lk, file, line, out);
        break;
    case KIND_LEARNERS: {
        const char *by = col(k, vals, "birth_year");
        int y, m, d;
        if (by && lk) {
            day_to_ymd(lk->today, &y, &m, &d);
            if (atoi(by) > y)
                problems_add(out, file, line, "birth_year", _("birth year in the future: %s"), by);
        }
        break;
    }
    default:
        break;
    }
}
