/* UTF-8 validation and decoding, and NFKC search keys (utf8proc). */
#ifndef DUBAN_UTIL_UTF8_H
#define DUBAN_UTIL_UTF8_H

/*
 * duban stores and shows text exactly as written; NFKC (via utf8proc) is used
 * only to build match keys (unit names, search terms), never to rewrite what
 * is stored.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Check that s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF).  On failure, *bad_at (if not NULL) receives
 * the offset of the first bad byte.
 */
bool utf8_valid(const char *s, size_t len, size_t *bad_at);

/*
 * Decode one code point at s (at most len bytes).  Returns its length in
 * bytes (1..4) and stores it in *cp, or returns 0 for an invalid sequence.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Append the UTF-8 encoding of cp to buf (at least 4 bytes); returns its length. */
size_t utf8_encode(uint32_t cp, char *buf);

/* Number of code points in a valid UTF-8 string. */
size_t utf8_strlen(const char *s);

/*
 * A malloc'd match key: NFKC, case-folded, with white space removed.
 * Full-width （） and ASCII () fold together, as do full-width digits.
 * Returns NULL only if s is not valid UTF-8.
 */
char *utf8_match_key(const char *s);

#endif
