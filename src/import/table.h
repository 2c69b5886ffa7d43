/* The shared table interpreter: rows from any reader (text, docx, xlsx) to plan metadata and raw tasks. */
#ifndef DUBAN_IMPORT_TABLE_H
#define DUBAN_IMPORT_TABLE_H

/*
 * table_interpret() reads a struct rows (rows.h) as an issued key-task list:
 * a notice (红头 document: number, recipients, body, 附件 line, issuer, date)
 * followed by a table of tasks.  It fills doc->plan (issuer, doc_no, title,
 * recipients, year, issued) and doc->tasks (no, section, text, units, leader,
 * line, and milestones from a 完成时限 column); it does not touch targets
 * or due (understand.h does), nor source_name and sha256 (import.c does).
 * Nothing here knows the source format: a reader's job ends at rows (and
 * the merged-cell flags of rows.h).
 *
 * Ownership: every string and array stored in `doc` is allocated from
 * doc->arena and never points into `r`, so the rows (and their arena) may be
 * released afterwards.  Missing metadata is "" (never NULL); year 0 means
 * none was found (a warning says so).  task->leader is NULL without a
 * 责任领导 column.
 *
 * The table
 * - Header: a row with at least two recognised column titles; it must have
 *   序号 (编号), a task column (重点任务, 工作任务, 任务内容, ...) and a unit
 *   column (责任单位, 牵头单位, 责任部门, ...); 配合单位/协办单位 columns are
 *   co-units, and so are the other unit columns (责任单位) beside a 牵头单位
 *   column; 责任领导 (牵头市领导, 责任人) fills task->leader, 完成时限
 *   (时限, 期限, 完成时间, 时间节点, 截止) gives milestones (below), 类别
 *   (分类, 板块, 领域, 篇章; or an untitled first column before 序号) gives
 *   sections; other columns (备注, 进度, 完成情况...) are ignored.  Titles
 *   match with white space removed.  A later header replaces the columns
 *   (a two-row header whose second row names the sub-columns); repeated
 *   headers (page breaks, a table split in two) are skipped.  Without any
 *   header, a table whose first column holds numbers is read as
 *   序号 | 重点任务 | 责任单位, with a warning.
 * - Task row: the 序号 cell is a number, ASCII or full-width, optionally in
 *   brackets or followed by . ． 、 ，：("１２", "12.", "（12）").  Chinese
 *   numerals (一, 一、, （一）) number tasks only when the table has no
 *   Arabic 序号 at all, and then only the finer style ((一) when both 一、
 *   and (一) occur); otherwise such a row is a section heading whose name
 *   is the number and the task cell ("一、" + "稳增长" -> 一、稳增长).
 * - Section row: a table row whose only non-empty cell is the first one (or
 *   the 序号 cell) and is not a number (共性任务, 一、稳增长); a row whose
 *   only non-empty cell is the task cell and is shaped like a heading; or a
 *   paragraph inside the table shaped like a heading (一、…, （一）…,
 *   第一部分…, a short …任务 line).  task->section is the 类别 cell when
 *   there is one and it is not empty, else the last section above, "" if
 *   none (a 类别 cell also becomes the section of the rows below it).
 * - Continuation row (a task spanning several rows): a table row after a
 *   task whose 序号 cell is empty, or continues a merged 序号 cell of that
 *   task (rows.h), and which is neither a heading nor a note (注：, 备注,
 *   说明): its task cell is appended to the task's text (no space where
 *   either side is a CJK character; not when it is the merged copy or the
 *   same text), its units are added (lead after lead, co after co,
 *   duplicates dropped), its leader added (、) and its 完成时限 lines
 *   added.  Repeated headers and debris between do not interrupt it; a
 *   section, an unknown row or a skipped task does.
 * - Cells: HTML-ish tags (<p>, </p>, <br/>, <span ...>) are removed (block
 *   tags inside text become one space), entities decoded (&nbsp; is a plain
 *   space; &amp; &lt; &gt; &quot; &apos; &#NN; &#xNN;), control characters
 *   become spaces, and white space (ASCII, U+3000, U+00A0) is trimmed at
 *   both ends.  Nothing else changes: no NFKC, inner spaces kept.
 * - Units: split on 、 ， , ； ; and white space, except inside brackets
 *   （）()［］[]【】〔〕 (各县（市、区）政府 is one unit); when brackets do not
 *   balance they are ignored for splitting.  A unit repeated within a row is
 *   kept once (first occurrence; comparison ignores white space and
 *   full-width/ASCII differences).  Lead-unit columns come first.
 * - Merged cells: readers copy a vertically merged cell's text into the
 *   rows it covers (rows.h).  A task row whose unit cells are all empty
 *   takes the units of the nearest task row above that has them (a merged
 *   cell flattened to text); with separate 牵头/配合
 *   columns an empty lead cell takes the lead units from above and keeps
 *   its own co-units.  A section row ends that inheritance (a merged cell
 *   cannot span a section heading); repeated headers and debris do not.
 * - Debris skipped silently: blank rows, lone numbers (page numbers, a lone
 *   "2022"), — 3 —, 第 3 页, a lone 附件/附表 line, a repeated title or
 *   document number.  Paragraphs after the last table row are ignored.
 *
 * Errors (ERR_INPUT, "source:line: ..."):
 * - no table at all (not a task list); a header-like row missing 序号, the
 *   task column or a unit column; a header with no task rows after it;
 * - a duplicate 序号 (naming both lines); a 序号 smaller than the one
 *   before (out of order);
 * - a truncated table: the final task row has no text, or is cut short
 *   (fewer cells than the header) and has no units of its own or above;
 * - no task with any unit at all.
 * - 完成时限 (table_deadlines): each line of the cell (continuation rows
 *   add lines) is a whole date (2022-06-30, 2022.6.30, 2022年6月30日, with
 *   前/之前/止/完成 after it; a year alone, 2022年, is its December 31), or
 *   the time nodes of timenode.h resolved against the plan year (2022年6月底,
 *   6月30日前, 年底前, 上半年, 三季度), or a list of whole dates separated
 *   like units.  Decision: a milestone's text is the task's text when the
 *   cell line is only a date (with fillers: 前, 底, 完成...), since the date
 *   governs the whole task; when the line says more ("6月底前完成方案编制，
 *   年底前建成"), each node's clause of the cell, as understand.h cuts it.
 *   One milestone per date.  understand_task() later replaces
 *   task->milestones; import_parse keeps these and adds the text's own.
 * Warnings (the import proceeds; each names its line):
 * - a gap in the numbering (skipped numbers, including not starting at 1);
 * - an unrecognised row inside the table (skipped);
 * - a task row with a number but no text (skipped), unless it is the last;
 * - a task without units and no row above to take them from;
 * - no header (columns assumed); the plan year not found;
 * - a 完成时限 cell with digits but no date in it.
 * So: duplicate and out-of-order numbers are errors (the 序号 is the task's
 * identity), a skipped number is a warning (the issued list may really lack
 * it).
 */

#include <stdbool.h>
#include <stddef.h>

#include "domain/plan.h"
#include "import/rows.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/err.h"

int table_interpret(const struct rows *r, const char *source_name, struct plan_doc *doc,
		    struct diags *w, struct err *e);

/* The pieces, exposed for the readers and the tests. */

/* A cell's text with markup removed, entities decoded and white space trimmed, in `a`. */
char *table_clean(struct arena *a, const char *raw);

/* Parse a 序号 cell ("12", "１２", "12.", "（12）"); false if it is not one. */
bool table_parse_no(const char *s, int *no);

/*
 * Split a cleaned units cell in place (it is modified) into *units, an
 * array in `a`; duplicates dropped.  Returns the number of units.
 */
size_t table_split_units(struct arena *a, char *cell, const char ***units);

/* A string that is only a date: 2022 年 3 月 28 日, ２０２２年３月２８日, 二〇二二年三月二十八日, 2022-03-28. */
bool table_parse_date(const char *s, struct date *out);

/*
 * Find a document number (安政发〔2022〕5号; brackets 〔〕[]［］【】()（）﹝﹞)
 * in s.  Returns it as written (in `a`) and its year in *year, or NULL.
 */
const char *table_find_doc_no(struct arena *a, const char *s, int *year);

/* Remove white space between a digit and a CJK character, or between two CJK characters. */
char *table_tighten_title(struct arena *a, const char *s);

/*
 * The milestones of a 完成时限 cell (lines separated by '\n'), resolved
 * against `year`, as described above; *out in `a` (NULL when none).
 * Returns their number.
 */
size_t table_deadlines(struct arena *a, const char *cell, int year, const char *task_text,
		       struct milestone **out);

#endif
