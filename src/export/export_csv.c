/* CSV export: BOM, CRLF, RFC 4180 quoting; one row per task. */
#include "export/export_csv.h"

#include <string.h>

#include "util/banned.h"

/* Append one field, quoted only when RFC 4180 requires it. */
static void csv_field(struct strbuf *out, const char *s)
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

void export_csv(const struct plan_doc *doc, struct strbuf *out)
{
	struct strbuf units = STRBUF_INIT;

	strbuf_addstr(out, EXPORT_CSV_BOM "序号,分类,重点任务,牵头单位,责任单位\r\n");
	for (size_t i = 0; i < doc->ntasks; i++) {
		const struct task *t = &doc->tasks[i];

		strbuf_reset(&units);
		for (size_t j = 0; j < t->nunits; j++) {
			if (j)
				strbuf_addstr(&units, "、");
			strbuf_addstr(&units, t->units[j]);
		}
		strbuf_addf(out, "%d,", t->no);
		csv_field(out, t->section);
		strbuf_addch(out, ',');
		csv_field(out, t->text);
		strbuf_addch(out, ',');
		csv_field(out, t->nunits ? t->units[0] : "");
		strbuf_addch(out, ',');
		csv_field(out, units.buf);
		strbuf_addstr(out, "\r\n");
	}
	strbuf_release(&units);
}
