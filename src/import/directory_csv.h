/* The unit directory as two plain CSV files (units; group members): reading and writing. */
#ifndef DUBAN_IMPORT_DIRECTORY_CSV_H
#define DUBAN_IMPORT_DIRECTORY_CSV_H

/*
 * No I/O here: callers read and write the bytes.
 *
 * units.csv, one unit per row:
 *     单位名称,类别,简称及别名,上级单位,是否启用
 *   单位名称    required; the unit's name as written.
 *   类别        required; 市级部门, 县市区政府, 开发区管委会,
 *               中省驻市单位及企业 or 其他 (unit_kind_parse).
 *   简称及别名  optional; short names and aliases separated by 、 or ；
 *               (or ;), split only outside brackets, so that
 *               "各县（市、区）政府" stays one alias.
 *   上级单位    optional; another unit's name or alias, in any row.
 *   是否启用    optional; 是/启用 or 否/停用; empty means 是.
 * groups.csv, one row per member:
 *     分组名称,成员单位[,简称及别名]
 *   A group's rows need not be adjacent; the group keeps its first spelling
 *   and members keep their order.  A member is a unit's name or alias.  A
 *   row with an empty 成员单位 declares a group without members.  分组名称
 *   must be the group's name, not one of its aliases.
 *   简称及别名  optional column; the group's other spellings ("各县区政府"),
 *               split like a unit's, given on any one row of the group (the
 *               others empty) or on several rows that agree (the same
 *               aliases in the same order, compared by match key); rows
 *               that disagree are ERR_INPUT naming the later line and the
 *               first.  A two-column file is read as before.
 * Columns are found by their header (in any order; a few synonyms such as
 * 别名 or 成员 are accepted); an unknown or repeated column is an error.
 * Which file is which is told by its header alone, never by its name.
 *
 * Syntax: RFC 4180 (fields in double quotes may hold commas, quotes doubled,
 * line breaks); UTF-8 with or without a BOM; CRLF, LF or CR line ends.
 * White space (ASCII, U+00A0, U+3000) around a field is dropped.  Empty
 * rows are skipped.  A field longer than DIRECTORY_CSV_MAX_FIELD bytes, a
 * NUL byte, invalid UTF-8, an unclosed quote or text after a closing quote
 * is an error.
 *
 * Errors are ERR_INPUT (ERR_CONFLICT for a duplicate) with a message
 * "SOURCE:LINE: FIELD: what", LINE being the line where the record starts:
 * unknown kind, duplicate unit (naming the line of the first), an alias
 * that is another unit's name or alias, unknown parent, a parent cycle, a
 * group member not in the units, a member twice in a group, bad quotes, an
 * over-long field.
 *
 * The writer produces the canonical form: UTF-8 with a BOM (so that Excel
 * reads it as UTF-8), CRLF line ends, the header above, units and groups
 * in directory order, aliases joined by 、, parents and members by the
 * unit's name, 是/否, fields quoted only when they hold a comma, a quote or
 * a line break.  groups.csv has the 简称及别名 column only when some group
 * has aliases (then filled on each group's first row, empty on the others),
 * so a directory without group aliases is written exactly as before.  Reading a canonical file and writing it again gives the
 * same bytes; reading what the writer wrote gives an equal directory
 * (directory_equal).
 */

#include <stddef.h>

#include "domain/directory.h"
#include "util/err.h"
#include "util/strbuf.h"

#define DIRECTORY_CSV_MAX_BYTES (16u * 1024 * 1024)	/* one file */
#define DIRECTORY_CSV_MAX_FIELD 4096u			/* one field, in bytes */

enum directory_csv_kind {
	DIRECTORY_CSV_UNITS = 0,
	DIRECTORY_CSV_GROUPS
};

/* Tell a units file from a groups file by its header row. */
int directory_csv_detect(const char *data, size_t len, const char *source_name,
			 enum directory_csv_kind *out, struct err *e);

/*
 * Read one file into `d`: a units file adds its units (ids 0: the next
 * free ones), a groups file adds its groups and members, which must name
 * units already in `d`.  *kind (if not NULL) tells which it was.  On
 * failure `d` may hold part of the file and should be released.
 */
int directory_csv_read(struct directory *d, const char *data, size_t len,
		       const char *source_name, enum directory_csv_kind *kind, struct err *e);

struct directory_csv_input {
	const char *data;
	size_t len;
	const char *source_name;
};

/* Read several files into `d`, every units file before any groups file. */
int directory_csv_read_all(struct directory *d, const struct directory_csv_input *in, size_t n,
			   struct err *e);

/* Append the canonical units.csv / groups.csv bytes for `d` to `out`. */
void directory_csv_write_units(const struct directory *d, struct strbuf *out);
void directory_csv_write_groups(const struct directory *d, struct strbuf *out);

#endif
