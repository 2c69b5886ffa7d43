/* libFuzzer target: import_parse on arbitrary bytes as .docx and as .xlsx must never crash, leak or misbehave. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/plan.h"
#include "import/import.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const uint8_t *data, size_t size, enum import_format f, const char *name)
{
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;
	struct import_info info;

	plan_doc_init(&doc);
	if (import_parse((const char *)data, size, name, f, &doc, &info, &w, &e) == 0) {
		/* Touch what a caller would read, so that bad pointers show. */
		size_t n = strlen(doc.plan.title) + strlen(doc.plan.issuer) + strlen(doc.plan.doc_no) +
			   strlen(doc.plan.recipients);
		for (size_t i = 0; i < doc.ntasks; i++) {
			const struct task *t = &doc.tasks[i];

			n += strlen(t->text) + strlen(t->section) + (t->leader ? strlen(t->leader) : 0);
			for (size_t j = 0; j < t->nunits; j++)
				n += strlen(t->units[j]);
			for (size_t j = 0; j < t->nmilestones; j++)
				n += strlen(t->milestones[j].text);
		}
		(void)n;
	} else if (e.kind != ERR_INPUT || !e.msg[0]) {
		__builtin_trap();	/* every failure must be a described input error */
	}
	plan_doc_release(&doc);
	diags_release(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size, IMPORT_FORMAT_DOCX, "fuzz.docx");
	one(data, size, IMPORT_FORMAT_XLSX, "fuzz.xlsx");
	return 0;
}
