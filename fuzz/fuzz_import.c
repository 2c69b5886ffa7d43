/* libFuzzer target: import_parse on arbitrary bytes must never crash, leak or misbehave. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/plan.h"
#include "import/import.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;
	struct import_info info;

	plan_doc_init(&doc);
	if (import_parse((const char *)data, size, "fuzz.txt", IMPORT_FORMAT_AUTO, &doc, &info, &w,
			 &e) == 0) {
		/* Touch what a caller would read, so that bad pointers show. */
		size_t n = strlen(doc.plan.title) + strlen(doc.plan.issuer) + strlen(doc.plan.doc_no) +
			   strlen(doc.plan.recipients);
		for (size_t i = 0; i < doc.ntasks; i++) {
			n += strlen(doc.tasks[i].text) + strlen(doc.tasks[i].section);
			for (size_t j = 0; j < doc.tasks[i].nunits; j++)
				n += strlen(doc.tasks[i].units[j]);
		}
		(void)n;
	} else if (e.kind != ERR_INPUT || !e.msg[0]) {
		__builtin_trap();	/* every failure must be a described input error */
	}
	plan_doc_release(&doc);
	diags_release(&w);
	return 0;
}
