/* util.h - small helpers shared by every module: memory, strings, exit
 * codes, and the list of problems an operation collects. */
#ifndef THEODOI_UTIL_H
#define THEODOI_UTIL_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>

/* Exit statuses of the contract. */
enum { TD_OK = 0, TD_EINPUT = 1, TD_EUSAGE = 2, TD_EDB = 3 };

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* free(*p) and clear it. */
void xfree(void *pp);

/* A growing string. */
typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf;
void sb_add(strbuf *b, const char *s);
void sb_addn(strbuf *b, const char *s, size_t n);
void sb_addf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_reset(strbuf *b);
void sb_free(strbuf *b);

/* Trim blanks (ASCII white space, U+00A0) at both ends in place; returns s. */
char *str_trim(char *s);
/* 1 when s is NULL or "". */
int str_empty(const char *s);
/* Parse a whole non-negative decimal integer (blanks around allowed);
 * 0 ok, -1 bad. */
int str_to_long(const char *s, long long *out);

/* The login of the process (getpwuid, then $USER), static storage. */
const char *td_login(void);

/* Problems collected by an operation: "FILE:LINE: column: message".
 * Only the first `cap` are kept; `count` counts them all. */
typedef struct problems {
    char **msg;
    size_t n, cap, count;
} problems;
void problems_init(problems *p, size_t cap);
void problems_add(problems *p, const char *file, long line, const char *col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Start a thread that takes no signal: 1 started, 0 not. */
int xthread_start(pthread_t *th, void *(*fn)(void *), void *arg);

/* Move src's messages to the end of dst (as far as dst keeps them) and
 * add src's count to dst's; src is left empty. */
void problems_move(problems *dst, problems *src);
void problems_free(problems *p);

#endif
