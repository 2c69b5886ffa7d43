/* Importing a document: bytes of a task list in, a struct plan_doc out. */
#ifndef DUBAN_IMPORT_IMPORT_H
#define DUBAN_IMPORT_IMPORT_H

/*
 * import_parse() is the whole path from a file's bytes to an understood plan:
 *   detect format and encoding -> reader (rows.h) -> table interpreter
 *   (table.h) -> understanding of every task (understand.h).
 * It does no I/O: the caller reads the file and stores the result.
 *
 * On success it returns 0 and fills `doc` (initialised by the caller with
 * plan_doc_init; the caller releases it) and appends warnings (a gap in the
 * numbering, an unknown row, a converted encoding...) to `warnings`, each
 * naming its line.  When nothing usable is found, or the input is not a
 * task list, it returns -1 with ERR_INPUT and a message naming the place
 * ("tasks.txt:57: ..."); `doc` may then hold partial data and must only be
 * released.
 */

#include <stddef.h>

#include "domain/plan.h"
#include "util/diag.h"
#include "util/err.h"

enum import_format {
	IMPORT_FORMAT_AUTO = 0,	/* by content (zip magic) and then by name */
	IMPORT_FORMAT_TEXT,
	IMPORT_FORMAT_DOCX,
	IMPORT_FORMAT_XLSX
};

/* Limits on untrusted input, enforced by import_parse and the readers. */
#define IMPORT_MAX_BYTES (64u * 1024 * 1024)	/* whole file */
#define IMPORT_MAX_LINE (64u * 1024)		/* one line or cell, in bytes */

struct import_info {
	const char *format;	/* "text", "docx", "xlsx" */
	const char *encoding;	/* "UTF-8" or "GB18030" (converted to UTF-8) */
};

int import_parse(const char *data, size_t len, const char *source_name,
		 enum import_format format, struct plan_doc *doc,
		 struct import_info *info, struct diags *warnings, struct err *e);

/* What an import may be told beyond the bytes. */
struct import_opts {
	enum import_format format;
	const char *sheet;	/* xlsx: the worksheet by name; NULL: the first visible one */
};

/* import_parse with options; a sheet named for a text or docx file is ignored. */
int import_parse_opts(const char *data, size_t len, const char *source_name,
		      const struct import_opts *opts, struct plan_doc *doc,
		      struct import_info *info, struct diags *warnings, struct err *e);

/* Parse a format name ("auto", "text", "docx", "xlsx"); -1 if unknown. */
int import_format_parse(const char *s, enum import_format *out);

#endif
