/* SHA-256 through libsodium. */
#include "util/hash.h"

#include <sodium.h>

#include "util/banned.h"

int hash_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void hash_sha256_hex(const void *data, size_t len, char out[HASH_HEX_LEN])
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(out, HASH_HEX_LEN, digest, sizeof(digest));
}
