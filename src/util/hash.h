/* SHA-256 digests as lowercase hex (libsodium). */
#ifndef DUBAN_UTIL_HASH_H
#define DUBAN_UTIL_HASH_H

#include <stddef.h>

#define HASH_HEX_LEN 65	/* 64 hex digits and a NUL */

/* Initialise libsodium once; returns 0 or -1. Safe to call repeatedly. */
int hash_init(void);
void hash_sha256_hex(const void *data, size_t len, char out[HASH_HEX_LEN]);

#endif
