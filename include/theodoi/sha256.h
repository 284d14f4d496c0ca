/* sha256.h - SHA-256 of a file, to recognise a file imported before. */
#ifndef THEODOI_SHA256_H
#define THEODOI_SHA256_H

/* Hex digest (65 bytes with NUL) of the file at path. 0 ok, -1 error. */
int sha256_file(const char *path, char hex[65]);
/* Hex digest of a buffer. */
void sha256_hex(const void *data, unsigned long n, char hex[65]);

#endif
