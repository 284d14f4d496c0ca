/* sha256.h - SHA-256 of a file, to recognise a file imported before. */
#ifndef THEODOI_SHA256_H
#define THEODOI_SHA256_H

#include <stddef.h>

/* Hex digest (65 bytes with NUL) of the file at path. 0 ok, -1 error. */
int sha256_file(const char *path, char hex[65]);
/* Hex digest of a buffer. */
void sha256_hex(const void *data, unsigned long n, char hex[65]);

/* Hash files paths[0..n) into hex[i] ("" when a path is NULL or cannot
 * be read) on another thread; sha256_wait() waits for it and frees the
 * job.  Without a thread, sha256_start() hashes them at once. */
typedef struct sha256_job sha256_job;
sha256_job *sha256_start(const char *const *paths, char **hex, size_t n);
void sha256_wait(sha256_job **job);

#endif
