/* kinds.h - the CSV kinds: columns, keys, owners and value rules.
 *
 * A kind is data, not code: one table describes every kind's columns with
 * a value type, and the same table drives header detection, validation,
 * the store's SQL, export and undo.  Validation is pure C: code lookups go
 * through the kind_lookup callbacks (the importer keeps the codes in
 * memory), never SQL. */
#ifndef THEODOI_KINDS_H
#define THEODOI_KINDS_H

#include <stddef.h>
#include <stdint.h>

#include "theodoi/date.h"
#include "theodoi/util.h"

typedef enum {
    VT_TEXT,     /* free text, NFC, trimmed */
    VT_NAME,     /* required text */
    VT_CODE,     /* a code of this kind: [A-Za-z0-9_.-]+ */
    VT_UNIT,     /* an existing unit; leading zeros restored */
    VT_UNITKIND, /* thanh_pho, tinh, phuong, xa, dac_khu */
    VT_PARENT,   /* a province code or empty */
    VT_TASK,     /* a task code */
    VT_ITEM,     /* an existing item */
    VT_GROUP,    /* an existing target group */
    VT_COURSE,   /* an existing course */
    VT_DUE,      /* a due rule */
    VT_DATE,     /* a day, not in the future */
    VT_DAY,      /* any day (holidays) */
    VT_YEAR,     /* a period year "2025" */
    VT_MONTH,    /* a period month "2025-08" */
    VT_CPERIOD,  /* a checklist period: year or empty, by the item */
    VT_COUNT,    /* a non-negative whole number */
    VT_PCT,      /* a percentage 0..100, one decimal */
    VT_BIRTH,    /* a birth year */
    VT_STATUS,   /* checklist status */
    VT_LSTATUS,  /* learner status */
    VT_GENDER,
    VT_LEARNER, /* a local learner id (not a citizen id) */
    VT_TS,      /* updated_at */
    VT_LOGIN    /* updated_by */
} value_type;

/* Column flags. */
enum { COL_KEY = 1, COL_REQUIRED = 2, COL_INT = 4, COL_REAL = 8, COL_META = 16 };

typedef struct kind_col {
    const char *name;
    value_type type;
    int flags;
} kind_col;

typedef enum {
    KIND_UNITS,
    KIND_ITEMS,
    KIND_COURSES,
    KIND_HOLIDAYS,
    KIND_CHECKLIST,
    KIND_TRAINING,
    KIND_TARGETS,
    KIND_LEARNERS,
    KIND_SUMMARY,
    KIND__COUNT
} kind_id;

typedef struct kind_def {
    kind_id id;
    const char *name;  /* "checklist" */
    const char *table; /* SQL table; NULL for export-only kinds */
    int city_owned;    /* 1: only admin/city may import */
    int unit_col;      /* index of the unit column, -1 if none */
    int order;         /* import order: city kinds before commune kinds */
    size_t ncols;
    const kind_col *cols;
} kind_def;

const kind_def *kind_get(kind_id id);
const kind_def *kind_by_name(const char *name);
/* The kind whose column set equals the header's (order free), or NULL.
 * When NULL, *closest is the kind sharing most columns (for messages). */
const kind_def *kind_from_header(char *const *names, size_t n, const kind_def **closest);
/* Index of a column by name, -1 if none. */
int kind_col_index(const kind_def *k, const char *name);
/* Index of updated_at, -1 if the kind has none. */
int kind_ts_col(const kind_def *k);

/* Code lookups for validation: return 1 when the code exists. */
typedef struct kind_lookup {
    void *ctx;
    int (*unit)(void *ctx, const char *code); /* any unit */
    int (*item)(void *ctx, const char *code, int *yearly);
    int (*group)(void *ctx, const char *code);
    int (*course)(void *ctx, const char *code);
    td_day today;
    int64_t now;
} kind_lookup;

/* Validate one value.  in is the cell (NFC, may be untrimmed); on success
 * *out is the canonical value (malloc'd, NULL for an empty cell) and the
 * result is 0; on failure -1 and *msg is a malloc'd message (without
 * FILE:LINE: column). */
int kind_value(const kind_col *c, const char *in, const kind_lookup *lk, char **out, char **msg);

/* Values that kind_value() makes on this thread go into buf[0..cap) while
 * they fit (bump allocation; the rest are malloc'd as without a buffer),
 * until kind_value_buffer(NULL, 0).  kind_value_buffered() tells how many
 * bytes of buf are used.  Whoever frees values must not free those in
 * buf: the importer's reading thread uses this to spare a malloc and a
 * free per value. */
void kind_value_buffer(char *buf, size_t cap);
size_t kind_value_buffered(void);
/* Replace a value kind_value() made (freed unless it is in the buffer)
 * by a copy of s (NULL: none). */
void kind_value_set(char **v, const char *s);

/* Rules across the columns of a canonical row (vals in the kind's column
 * order): counts in order, periods that fit the item, dates not in the
 * future.  Each problem is added as FILE:LINE: column: message. */
void kind_row_rules(const kind_def *k, char **vals, const kind_lookup *lk, const char *file,
                    long line, problems *out);

/* Key of a canonical row as one text (values joined by '|'), malloc'd. */
char *kind_key(const kind_def *k, char *const *vals);

/* 1 when two canonical rows hold the same values, updated_at and
 * updated_by aside. */
int kind_same_values(const kind_def *k, char *const *a, char *const *b);

/* Canonical text of a REAL column value. */
void kind_format_real(double v, char *buf, size_t size);

#endif
