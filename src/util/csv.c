/* CSV field quoting shared by every CSV writer. */
#include "util/csv.h"

#include <string.h>

#include "util/banned.h"

void csv_put_field(struct strbuf *out, const char *s)
{
	if (!s)
		s = "";
	if (!strpbrk(s, ",\"\r\n")) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(out, '"');
		strbuf_addch(out, *s);
	}
	strbuf_addch(out, '"');
}
