/* CSV export: BOM, CRLF, RFC 4180 quoting; one row per task. */
#include "export/export_csv.h"

#include <string.h>

#include "util/csv.h"

#include "util/banned.h"

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
		csv_put_field(out, t->section);
		strbuf_addch(out, ',');
		csv_put_field(out, t->text);
		strbuf_addch(out, ',');
		csv_put_field(out, t->nunits ? t->units[0] : "");
		strbuf_addch(out, ',');
		csv_put_field(out, units.buf);
		strbuf_addstr(out, "\r\n");
	}
	strbuf_release(&units);
}
