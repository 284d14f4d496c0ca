/* cmd-report.c - `theodoi report [--unit CODE]`: the five tasks of each
 * commune as plain text, aligned, to paste into an official report. */
#include "config.h"

#include "theodoi/checklist.h"
#include "theodoi/cmd.h"
#include "theodoi/i18n.h"
#include "theodoi/summary.h"
#include "theodoi/text.h"
#include "theodoi/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct report_ctx {
    td_db *db;
    int year;
    long units, behind;
} report_ctx;

/* Print s padded to `cols` display columns (cut with an ellipsis). */
static void put_cell(const char *s, int cols)
{
    char *t = text_truncate(s, cols, 1);
    fputs(t, stdout);
    for (int w = text_width(t); w < cols; w++)
        fputc(' ', stdout);
    free(t);
}

/* One commune: a line per task, then its overdue items by name. */
static int report_unit(void *ctx, const summary_row *r)
{
    report_ctx *rc = ctx;
    checklist c;
    if (checklist_load(rc->db, r->code, rc->year, &c) != TD_OK)
        return 1;
    printf("\n%s (%s)\n", r->name, r->code);
    for (size_t t = 0; t < c.ntasks; t++) {
        const cl_task *task = &c.tasks[t];
        printf("  %-4s ", task->code);
        put_cell(task->title, 44);
        printf(_(" %2d/%-2d done"), task->done, task->applicable);
        if (task->overdue)
            printf(_(", %d overdue"), task->overdue);
        putchar('\n');
        for (size_t i = task->first; i < task->first + task->count; i++) {
            const cl_item *it = &c.items[i];
            if (!it->overdue)
                continue;
            char d[11];
            day_format_vn(it->deadline, d);
            printf(_("       ! overdue %s (due %s): "), it->item, d);
            put_cell(it->title, 36);
            putchar('\n');
        }
    }
    rc->units++;
    rc->behind += r->items_overdue > 0;
    checklist_free(&c);
    return 0;
}

int cmd_report(cmd_ctx *ctx, int argc, char **argv)
{
    const char *unit = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--unit") && i + 1 < argc)
            unit = argv[++i];
        else
            return cmd_usage("report");
    }
    td_db *db = cmd_open(ctx, 0);
    if (!db)
        return TD_EDB;
    char today[11];
    int y, m, d;
    day_format_vn(day_today(), today);
    day_to_ymd(day_today(), &y, &m, &d);
    char *u = unit ? cmd_unit_arg(db, unit) : NULL;
    report_ctx rc = {db, y, 0, 0};
    summary_query q = {.scope = u, .order = SUM_BY_NAME};
    int st = TD_OK;
    if (u && summary_count(db, &q) <= 0) {
        cmd_error(_("unknown unit %s"), u);
        st = TD_EINPUT;
    } else {
        printf("%s\n", _("PROGRESS OF THE FIVE DIRECTIVE TASKS (letter 4735/BNV-BTDKTTW)"));
        printf(_("Date: %s. Yearly items: year %d.\n"), today, y);
        st = summary_each(db, &q, report_unit, &rc);
    }
    if (st == TD_OK)
        printf(_("\n%ld communes; %ld with overdue items.\n"), rc.units, rc.behind);
    free(u);
    db_close(&db);
    return st;
}
