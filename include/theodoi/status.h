/* status.h - checklist and learner statuses, roles, percentages.
 * Pure domain code: no SQL, no curses. */
#ifndef THEODOI_STATUS_H
#define THEODOI_STATUS_H

#include "theodoi/date.h"

typedef enum { ST_TODO, ST_DOING, ST_DONE, ST_NA, ST__COUNT } item_status;

/* Codes todo/doing/done/na, and the Vietnamese words with or without
 * diacritics, any case: "Chưa thực hiện", "Đang thực hiện", "Hoàn thành",
 * "Không áp dụng" (also "chua thuc hien", "da hoan thanh", "x" = done is
 * NOT accepted).  0 ok, -1 unknown. */
int status_parse(const char *s, item_status *out);
const char *status_code(item_status s);  /* "todo" ... */
const char *status_label(item_status s); /* translated, _() */
/* Space key: todo -> doing -> done, and done stays done; na -> todo.
 * Backspace (status_prev): done -> doing -> todo; na -> todo. */
item_status status_next(item_status s);
item_status status_prev(item_status s);

/* Overdue is derived: not done, not na, the deadline (for yearly rules in
 * period_year) has passed (deadline < today). */
int item_is_overdue(const due_rule *r, int period_year, item_status st, td_day today,
                    const holidays *h);

typedef enum { LS_REGISTERED, LS_LEARNING, LS_COMPLETED, LS_CONFIRMED, LS__COUNT } learner_status;
/* Codes and Vietnamese words ("Đã đăng ký", "Đang học", "Hoàn thành",
 * "Đã xác nhận").  0 ok, -1 unknown. */
int lstatus_parse(const char *s, learner_status *out);
const char *lstatus_code(learner_status s);
const char *lstatus_label(learner_status s);
learner_status lstatus_next(learner_status s);

/* Gender: "nam", "nu", "khac" or "" (also "Nam", "Nữ", "Khác"). Writes the
 * code into out (static string).  0 ok, -1 bad. */
int gender_parse(const char *s, const char **out);

/* num/den*100 with one decimal, rounded half up, into buf ("62.5");
 * empty string when den is 0. Returns per-mille (625) or -1. */
int pct_format(long long num, long long den, char *buf, size_t size);

typedef enum { ROLE_NONE, ROLE_COMMUNE, ROLE_CITY, ROLE_ADMIN } role_kind;
int role_parse(const char *s, role_kind *out);
const char *role_code(role_kind r);
/* May a user of role r (own unit `own`, may be NULL) write a row of unit
 * `unit` (NULL for rows without unit) of a kind owned by the city
 * (city_owned=1) or by communes (0)? */
int role_may_write(role_kind r, const char *own, const char *unit, int city_owned);

#endif
