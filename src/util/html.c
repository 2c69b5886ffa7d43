/* HTML escaping of text and attribute values into a strbuf. */
#include "util/html.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

#include "util/banned.h"

#define REPLACEMENT "\xEF\xBF\xBD"	/* U+FFFD */

/* Escape s[0..len); with `br`, line breaks become <br>. */
static void add_escaped(struct strbuf *out, const char *s, size_t len, int br)
{
	size_t i = 0, run = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t step = 1;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\n':
			if (br)
				rep = "<br>";
			break;
		case '\r':
			if (br) {
				rep = "<br>";
				if (i + 1 < len && s[i + 1] == '\n')
					step = 2;
			}
			break;
		case '\t':
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				rep = REPLACEMENT;
			} else if (c >= 0x80) {
				uint32_t cp;
				size_t n = utf8_decode(s + i, len - i, &cp);

				if (n == 0) {
					/* One U+FFFD for a lead byte and the continuation bytes after it. */
					size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;

					rep = REPLACEMENT;
					while (step < want && i + step < len &&
					       ((unsigned char)s[i + step] & 0xC0) == 0x80)
						step++;
				} else if (cp >= 0x80 && cp <= 0x9f)
					rep = REPLACEMENT, step = n;
				else
					step = n;
			}
			break;
		}
		if (rep) {
			strbuf_add(out, s + i - run, run);
			run = 0;
			strbuf_addstr(out, rep);
		} else {
			run += step;
		}
		i += step;
	}
	strbuf_add(out, s + len - run, run);
}

void html_add_textn(struct strbuf *out, const char *s, size_t len)
{
	if (s)
		add_escaped(out, s, len, 0);
}

void html_add_text(struct strbuf *out, const char *s)
{
	if (s)
		add_escaped(out, s, strlen(s), 0);
}

void html_add_attr(struct strbuf *out, const char *s)
{
	html_add_text(out, s);
}

void html_add_text_br(struct strbuf *out, const char *s)
{
	if (s)
		add_escaped(out, s, strlen(s), 1);
}
