/* gzip content coding for HTTP answers (zlib), and reading a client's Accept-Encoding. */
#include "http/gzip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "util/xalloc.h"
#include "util/banned.h"

#define GZIP_WINDOW (15 + 16)	/* deflateInit2: a 32 KiB window, with a gzip wrapper */
#define GZIP_MEMLEVEL 8

char *http_gzip(const char *data, size_t len, size_t *out_len)
{
	z_stream z;
	size_t cap;
	char *out;

	*out_len = 0;
	if (len < HTTP_GZIP_MIN || len > (size_t)UINT32_MAX)
		return NULL;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, GZIP_WINDOW, GZIP_MEMLEVEL,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	cap = len - len / 8;	/* worth sending only if at least an eighth smaller */
	out = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		/* Z_OK or Z_BUF_ERROR: the output did not fit, so it is not worth it. */
		deflateEnd(&z);
		free(out);
		return NULL;
	}
	*out_len = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

static const char *skip_ows(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* The q-value of one list element's parameters "; q=0.5" (1 without one); -1 if malformed. */
static double element_q(const char *p, const char *end)
{
	double q = 1.0;

	while (p < end) {
		char num[8];
		size_t n;
		char *stop;

		p = skip_ows(p, end);
		if (p == end)
			break;
		if (*p != ';')
			return -1;
		p = skip_ows(p + 1, end);
		if (end - p < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') {
			/* Another parameter: skip it. */
			while (p < end && *p != ';')
				p++;
			continue;
		}
		p += 2;
		n = 0;
		while (p + n < end && n < sizeof(num) - 1 &&
		       (p[n] == '.' || (p[n] >= '0' && p[n] <= '9')))
			n++;
		memcpy(num, p, n);
		num[n] = '\0';
		q = strtod(num, &stop);
		if (!n || *stop || q < 0 || q > 1)
			return -1;
		p += n;
	}
	return q;
}

bool http_accepts_gzip(const char *header)
{
	double gz = -1, star = -1;
	const char *p = header;

	while (p && *p) {
		const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p);
		const char *tok = skip_ows(p, end), *t = tok;
		double q;

		while (t < end && *t != ';' && *t != ' ' && *t != '\t')
			t++;
		q = element_q(t, end);
		if (q >= 0) {
			size_t n = (size_t)(t - tok);

			if ((n == 4 && !strncasecmp(tok, "gzip", 4)) ||
			    (n == 6 && !strncasecmp(tok, "x-gzip", 6)))
				gz = q;
			else if (n == 1 && *tok == '*')
				star = q;
		}
		p = comma ? comma + 1 : end;
	}
	return gz >= 0 ? gz > 0 : star > 0;
}
