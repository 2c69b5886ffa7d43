/* Writing CSV the way Excel and WPS read it: RFC 4180 quoting, UTF-8 BOM, CRLF. */
#ifndef DUBAN_UTIL_CSV_H
#define DUBAN_UTIL_CSV_H

#include "util/strbuf.h"

/* The UTF-8 byte order mark that makes Excel and WPS read a CSV as UTF-8. */
#define CSV_BOM "\xEF\xBB\xBF"

/* Append one field to out, quoted only where RFC 4180 requires; NULL is "". */
void csv_put_field(struct strbuf *out, const char *s);

#endif
