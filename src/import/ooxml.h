/* Office Open XML packages (.docx, .xlsx): their ZIP parts read within limits, their XML parsed without DTDs or entities. */
#ifndef DUBAN_IMPORT_OOXML_H
#define DUBAN_IMPORT_OOXML_H

/*
 * Internal to src/import (read_docx.c, read_xlsx.c, import.c) and its tests.
 * Both the ZIP and the XML come from outside, so:
 *
 * ZIP (libzip, read-only, consistency checked):
 * - ooxml_open() refuses a package of more than OOXML_MAX_ENTRIES entries or
 *   whose entries declare more than OOXML_MAX_TOTAL bytes uncompressed in
 *   all (overlapping-entry bombs declare huge totals).
 * - Reading a part refuses, before inflating any of it, a part declaring
 *   more than OOXML_MAX_PART bytes, or more than OOXML_RATIO_FROM bytes at a
 *   compression ratio above OOXML_MAX_RATIO.  While inflating, a part that
 *   yields more bytes than it declared (a lying header) is stopped at once,
 *   and all parts of one package together may inflate to at most
 *   OOXML_MAX_INFLATED bytes.  Encrypted parts, unknown compression methods
 *   and bad checksums are errors.  Part names match case-insensitively (OPC).
 *
 * XML (libxml2 SAX2, streamed from the ZIP in chunks; no tree is built):
 * XML_PARSE_NONET, never XML_PARSE_NOENT, XML_PARSE_DTDLOAD or
 * XML_PARSE_HUGE.  A document type declaration (<!DOCTYPE ...>, which OOXML
 * parts never contain) stops the parse before its internal subset is read,
 * so no entity is ever declared: billion-laughs and external entities (XXE)
 * are refused with an error and nothing is loaded.  References to other
 * entities are undeclared-entity errors; the five predefined entities and
 * character references are decoded.  libxml2's own limits apply (depth 256,
 * text nodes of 10 MB).
 *
 * Errors are ERR_INPUT with a Chinese message "source: part: ..." (XML
 * errors "source: part:line: ...").  The package borrows `data`, which must
 * outlive it; ooxml_close() releases everything else.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"

#define OOXML_MAX_ENTRIES 10000
#define OOXML_MAX_TOTAL ((uint64_t)1 << 30)		/* 1 GiB declared, all entries */
#define OOXML_MAX_PART ((uint64_t)128 << 20)		/* 128 MiB, one part */
#define OOXML_MAX_INFLATED ((uint64_t)256 << 20)	/* 256 MiB inflated, one package */
#define OOXML_MAX_RATIO 200
#define OOXML_RATIO_FROM ((uint64_t)1 << 20)

struct zip;

struct ooxml {
	struct zip *zip;
	const char *name;	/* the source name, for messages */
	uint64_t inflated;	/* bytes inflated so far */
	void *parser;		/* the XML parser of the part being parsed, or NULL */
	const char *part;	/* the part being parsed, or NULL */
};

/* Open the package in data[0..len); -1 with ERR_INPUT if it is no usable ZIP. */
int ooxml_open(struct ooxml *p, const char *data, size_t len, const char *source_name,
	       struct err *e);
void ooxml_close(struct ooxml *p);

/* Is there a part of that name (case-insensitive; no leading '/')? */
bool ooxml_has_part(struct ooxml *p, const char *part);

/* An attribute: local name, namespace URI ("" when none), value (decoded). */
struct ooxml_attr {
	const char *name;
	const char *ns;
	const char *value;
};

/*
 * SAX callbacks, each optional.  `name` is the local name, `ns` the
 * namespace URI ("" when none).  Text may come in several pieces.  A
 * callback returns 0, or -1 after filling the error with err_set (a message
 * without the place: ooxml_parse_part puts "source: part:line: " in front).
 */
struct ooxml_handler {
	int (*start)(void *ctx, const char *name, const char *ns, const struct ooxml_attr *attrs,
		     size_t nattrs, struct err *e);
	int (*end)(void *ctx, const char *name, const char *ns, struct err *e);
	int (*text)(void *ctx, const char *s, size_t n, struct err *e);
};

/* Stream part `part` through the handler. */
int ooxml_parse_part(struct ooxml *p, const char *part, const struct ooxml_handler *h, void *ctx,
		     struct err *e);

/* The line of the part being parsed (0 outside a parse). */
int ooxml_line(const struct ooxml *p);

/* The value of attribute `name` (any namespace), or NULL. */
const char *ooxml_attr(const struct ooxml_attr *attrs, size_t n, const char *name);

/*
 * A part's relationships (the part "dir/_rels/file.rels" of "dir/file"; ""
 * for the package's own, "_rels/.rels").  Targets are resolved to part
 * names (relative to the source part's folder, or absolute with a leading
 * '/'); external targets are left out.  `type` is the last segment of the
 * relationship type URI ("officeDocument", "worksheet", "sharedStrings"...).
 * A missing relationships part gives no relationships, not an error.
 */
struct ooxml_rel {
	const char *id, *type, *target;
};

struct ooxml_rels {
	struct ooxml_rel *v;	/* in the arena */
	size_t n;
};

int ooxml_rels_load(struct ooxml *p, const char *source_part, struct arena *a,
		    struct ooxml_rels *out, struct err *e);
/* The first relationship of that type, or NULL. */
const struct ooxml_rel *ooxml_rels_find_type(const struct ooxml_rels *r, const char *type);
const struct ooxml_rel *ooxml_rels_find_id(const struct ooxml_rels *r, const char *id);

/* What a ZIP holds: a Word document, an Excel workbook, or neither (by its parts). */
enum ooxml_kind { OOXML_UNKNOWN = 0, OOXML_DOCX, OOXML_XLSX };
enum ooxml_kind ooxml_sniff(const char *data, size_t len);

#endif
