/* Printable supervision forms (交办单, 催办单, 督办通知单) as standalone HTML from domain/ladder.h's struct ladder_form. */
#ifndef DUBAN_EXPORT_FORM_HTML_H
#define DUBAN_EXPORT_FORM_HTML_H

/*
 * A renderer only: no store, no clock.  One HTML5 document (lang zh-CN,
 * UTF-8) with its print stylesheet inside (A4 portrait, 仿宋/宋体 with
 * fallbacks, no external resources): the office's name and the form's
 * title, the number (编号) at the top right, a bordered table of 事项 (with
 * the task number), 督办事由, 要求, 责任单位, 责任人, 时限 (and 提级 for an
 * escalation's leader), then the issuing office and date, and a reply
 * section for the unit to fill in (回复情况, 签字, 日期) when the form asks
 * for a reply; a 交办单 has a sign-for receipt (签收回执) instead.  Every piece of data goes through util/html.h.  The same
 * form always gives the same bytes.
 */

#include "domain/ladder.h"
#include "util/strbuf.h"

/* Append the complete document. */
void form_render_html(const struct ladder_form *f, struct strbuf *out);

#endif
