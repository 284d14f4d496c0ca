/* util.c - memory, strings and problem lists. */
#include "config.h"

#include "theodoi/util.h"

#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Out of memory is the one error we cannot report and recover from. */
static void oom(void)
{
    fputs("theodoi: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

char *xvasprintf(const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    char *s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void xfree(void *pp)
{
    void **p = pp;
    free(*p);
    *p = NULL;
}

/* Make room for n more bytes and the NUL. */
static void sb_grow(strbuf *b, size_t n)
{
    if (b->len + n + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1)
        cap *= 2;
    b->s = xrealloc(b->s, cap);
    b->cap = cap;
}

void sb_addn(strbuf *b, const char *s, size_t n)
{
    sb_grow(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sb_add(strbuf *b, const char *s)
{
    sb_addn(b, s, strlen(s));
}

void sb_addf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    sb_add(b, s);
    free(s);
}

void sb_reset(strbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

void sb_free(strbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

/* Bytes of the blank at s (ASCII white space 1, U+00A0 no-break space
 * 2, as spreadsheets paste it), 0 when s is no blank. */
static size_t blank_at(const char *s)
{
    if (isspace((unsigned char)s[0]))
        return 1;
    return (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0 ? 2 : 0;
}

char *str_trim(char *s)
{
    size_t n = strlen(s), k;
    for (;;) {
        if (n && isspace((unsigned char)s[n - 1]))
            n--;
        else if (n >= 2 && blank_at(s + n - 2) == 2)
            n -= 2;
        else
            break;
    }
    s[n] = '\0';
    size_t i = 0;
    while ((k = blank_at(s + i)) != 0)
        i += k;
    if (i)
        memmove(s, s + i, n - i + 1);
    return s;
}

int str_empty(const char *s)
{
    return !s || !*s;
}

int str_to_long(const char *s, long long *out)
{
    while (isspace((unsigned char)*s))
        s++;
    if (!isdigit((unsigned char)*s))
        return -1;
    long long v = 0;
    for (; isdigit((unsigned char)*s); s++) {
        if (v > (long long)99999999999999999LL)
            return -1;
        v = v * 10 + (*s - '0');
    }
    while (isspace((unsigned char)*s))
        s++;
    if (*s)
        return -1;
    *out = v;
    return 0;
}

const char *td_login(void)
{
    static char name[64];
    if (name[0])
        return name;
    struct passwd *pw = getpwuid(geteuid());
    const char *n = pw ? pw->pw_name : getenv("USER");
    snprintf(name, sizeof name, "%s", n ? n : "unknown");
    return name;
}

void problems_init(problems *p, size_t cap)
{
    memset(p, 0, sizeof *p);
    p->cap = cap;
    p->msg = xcalloc(cap ? cap : 1, sizeof *p->msg);
}

void problems_add(problems *p, const char *file, long line, const char *col, const char *fmt, ...)
{
    p->count++;
    if (p->n >= p->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *m = xvasprintf(fmt, ap);
    va_end(ap);
    strbuf b = {0};
    if (file)
        sb_addf(&b, "%s:", file);
    if (file && line > 0)
        sb_addf(&b, "%ld:", line);
    if (file)
        sb_add(&b, " ");
    if (col && *col)
        sb_addf(&b, "%s: ", col);
    sb_add(&b, m);
    free(m);
    p->msg[p->n++] = b.s;
}

void problems_move(problems *dst, problems *src)
{
    for (size_t i = 0; i < src->n; i++) {
        if (dst->n < dst->cap)
            dst->msg[dst->n++] = src->msg[i];
        else
            free(src->msg[i]);
    }
    dst->count += src->count;
    src->n = src->count = 0;
}

void problems_free(problems *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->msg[i]);
    free(p->msg);
    memset(p, 0, sizeof *p);
}

/* Signals go to the main thread, whose handlers only set flags (a signal
 * in the middle of a read would end it with EINTR on another thread). */
int xthread_start(pthread_t *th, void *(*fn)(void *), void *arg)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int ok = pthread_create(th, NULL, fn, arg) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}
