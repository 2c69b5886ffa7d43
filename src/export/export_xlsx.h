/* The Excel ledger (台账) and assessment table, written with libxlsxwriter from plain view models. */
#ifndef DUBAN_EXPORT_EXPORT_XLSX_H
#define DUBAN_EXPORT_EXPORT_XLSX_H

/*
 * A renderer only: it knows no store, no clock and no status rules.  A
 * service fills the view models below from the status engine, the ladder
 * and the assessment (every judgement already made, every text already
 * worded) and hands them here.  The structs are borrowed: nothing is kept
 * or freed; every string is UTF-8, NULL is written as an empty cell.
 *
 * THE WORKBOOK
 *  Sheet "台账" (always): a title row (merged across the columns) and a
 *  line with the document number and the as-of date when given, then the
 *  header row and one row per task:
 *    序号, 分类, 重点任务, 牵头单位, 责任单位, 目标, 时间节点, 最新进展,
 *    完成率, 状态, 督办级别
 *  Sheet "考核" when an assessment is given:
 *    排名, 单位, 职责履行, 行政效能, 任务完成情况, 总分
 *  Sheet "考核明细" when the assessment has breakdown lines:
 *    单位, 考核部分, 分值, 事项
 *
 * LOOK AND PRINT (offices print these)
 *  宋体 throughout; a bold header with a grey fill (D9D9D9) and borders;
 *  the header row frozen and autofiltered; column widths fit for Chinese
 *  text (one Chinese character is about two width units); long text
 *  columns wrap (Excel and WPS then size the rows to fit); 完成率 is a
 *  number in percent format ("30%", "58.33%"), empty when nothing was
 *  reported; A4 landscape, fit to one page wide, the header row repeated
 *  on every printed page, "第 N 页，共 M 页" in the footer.
 *
 * RAG FILL (the 状态 cell only), Excel's own Good / Neutral / Bad styles:
 *    RAG_GREEN  fill C6EFCE, font 006100
 *    RAG_AMBER  fill FFEB9C, font 9C5700
 *    RAG_RED    fill FFC7CE, font 9C0006
 *    RAG_NONE   no fill
 *
 * DETERMINISM
 *  The workbook's creation time (docProps/core.xml) is the as-of date at
 *  00:00 UTC, never the clock, so the same view model gives the same file.
 *  An unset as-of date gives 1980-01-01.
 *
 * LIMITS
 *  Excel holds at most 32767 characters in a cell: longer text is refused
 *  with ERR_INPUT naming the sheet, the row (序号) and the column, rather
 *  than cut silently.
 *
 * WRITING (libxlsxwriter 1.1.4 cannot write to memory)
 *  export_xlsx_ledger_file() writes a temporary file in the target's
 *  directory, fsyncs it and renames it into place: the target either keeps
 *  its old content or gets the whole new workbook, never a part.
 *  export_xlsx_ledger_write_to() writes straight to a path the caller owns
 *  (the HTTP layer's temporary file, which it streams and then unlinks); on
 *  failure that file may be partial.  export_xlsx_ledger_bytes() does the
 *  temporary-file dance in a directory you name and hands back the bytes.
 */

#include <stdbool.h>
#include <stddef.h>

#include "domain/status.h"
#include "util/date.h"
#include "util/err.h"
#include "util/strbuf.h"

/* One task in the ledger. */
struct xlsx_ledger_row {
	int no;			/* 序号; <= 0 leaves the cell empty */
	const char *section;	/* 分类: 共性任务 / 个性任务 / ... */
	const char *text;	/* 重点任务, as issued */
	const char *lead_unit;	/* 牵头单位 */
	const char *units;	/* 责任单位: all units, joined with "、" */
	const char *targets;	/* 目标, one per line: "生产总值增长 ≈6.5%" */
	const char *milestones;	/* 时间节点, one per line */
	const char *progress;	/* 最新进展, "" when nothing reported */
	bool has_percent;	/* false: 完成率 left empty */
	double percent;		/* 完成率, 0..100 */
	const char *status;	/* 状态: 超进度 / 达进度 / 欠进度 / 已完成 / ... */
	enum rag rag;		/* fill of the 状态 cell */
	const char *level;	/* 督办级别: 蓝色督查单 / 提级督办 / ... or "" */
};

/* One unit's scores in the annual assessment. */
struct xlsx_assess_row {
	int rank;		/* 排名; <= 0 leaves the cell empty */
	const char *unit;
	double duty;		/* 职责履行 */
	double efficiency;	/* 行政效能 */
	double completion;	/* 任务完成情况 */
	double total;		/* 总分 */
};

/* One line of the breakdown: why a unit gained or lost points. */
struct xlsx_assess_line {
	const char *unit;
	const char *part;	/* 职责履行 / 行政效能 / 任务完成情况 */
	double points;		/* signed: -2 is a deduction */
	const char *event;	/* what happened, with its date and task */
};

struct xlsx_assessment {
	const char *title;	/* title row of sheet 考核, or NULL */
	const struct xlsx_assess_row *rows;
	size_t nrows;
	const struct xlsx_assess_line *lines;	/* nlines == 0: no 考核明细 sheet */
	size_t nlines;
};

struct xlsx_ledger {
	const char *title;	/* "2022年政府工作报告确定重点任务清单落实台账", or NULL: no title rows */
	const char *issuer;	/* 安康市人民政府 (document properties) */
	const char *doc_no;	/* 安政发〔2022〕5号, shown under the title */
	struct date as_of;	/* shown under the title as "数据截至 2022-06-30" */
	const struct xlsx_ledger_row *rows;
	size_t nrows;
	const struct xlsx_assessment *assessment;	/* NULL: no 考核 sheets */
};

/* The fill colour (RRGGBB) of a RAG on the 状态 cell, or 0 for RAG_NONE. */
unsigned export_xlsx_rag_fill(enum rag rag);

/* Write the workbook atomically to `path` ("-" is standard output). */
int export_xlsx_ledger_file(const struct xlsx_ledger *l, const char *path, struct err *e);

/* Write the workbook to `path` itself (created or truncated); partial on failure. */
int export_xlsx_ledger_write_to(const struct xlsx_ledger *l, const char *path, struct err *e);

/*
 * Write the workbook to a temporary file in `tmpdir` (NULL: $TMPDIR or
 * /tmp), append its bytes to `out` and remove the file.
 */
int export_xlsx_ledger_bytes(const struct xlsx_ledger *l, const char *tmpdir,
			     struct strbuf *out, struct err *e);

#endif
