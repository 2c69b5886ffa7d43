/* The one HTML-escaping helper: every piece of text that goes into HTML goes through here. */
#ifndef DUBAN_UTIL_HTML_H
#define DUBAN_UTIL_HTML_H

/*
 * Every HTML writer in duban (bulletins, the web UI's server-side pages, any
 * report) puts data into markup only through these functions; markup itself
 * is written as literal strings.  Rules, the same for text and attributes:
 *
 *   &  ->  &amp;      <  ->  &lt;      >  ->  &gt;
 *   "  ->  &quot;     '  ->  &#39;
 *
 * so the result is safe in element content and in an attribute value quoted
 * with either " or '.  (Never put data into an unquoted attribute, a <script>
 * or <style> body, a URL scheme position or an event handler: those need
 * other rules, and duban does not do it.)  A sequence that is not
 * well-formed UTF-8 (a lead byte and the continuation bytes after it), and
 * C0/C1 control characters other than TAB, LF and CR, each become one
 * U+FFFD, so the output is always valid UTF-8 that HTML accepts.  NULL is
 * treated as "".
 *
 * Nothing is allocated except by growing `out`.
 */

#include <stddef.h>

#include "util/strbuf.h"

/* Append s[0..len) escaped for element content or a quoted attribute. */
void html_add_textn(struct strbuf *out, const char *s, size_t len);

/* Append the NUL-terminated s escaped (NULL is ""). */
void html_add_text(struct strbuf *out, const char *s);

/* The same escaping, named for the reader of attribute-writing code. */
void html_add_attr(struct strbuf *out, const char *s);

/*
 * Append s escaped, each line break (LF, CRLF or a lone CR) written as
 * "<br>": for multi-line text (targets, a unit's stated causes) in a cell.
 */
void html_add_text_br(struct strbuf *out, const char *s);

#endif
