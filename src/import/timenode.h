/* Time nodes in a task's text (上半年, 年底前, 三季度, 6月底前), resolved to dates. */
#ifndef DUBAN_IMPORT_TIMENODE_H
#define DUBAN_IMPORT_TIMENODE_H

/*
 * Internal to src/import.  timenode_at() recognises one time node starting
 * at character i and resolves it against the plan year:
 *
 *   上半年 → 06-30            下半年, 年底(前), 年末(前), 年内, 全年 → 12-31
 *   (第)一季度 … 四季度(末/底/前/内), 前三季度, 一至三季度 → the quarter's end
 *   N月底(前), N月末, N月份, N月 → the end of month N
 *   N月前, N月之前, N月以前 → the end of month N-1 ("6月前" is before June:
 *       05-31; "1月前" is the previous year's 12-31)
 *   N月上旬 / 中旬 / 下旬 → the 10th / 20th / month end
 *   N月N日(前), N月N号 → that day
 *   前N个月 → the end of month N
 * A prefix YYYY年 (1900..2100), 今年/本年/当年 (the plan year) or 明年 (the
 * next) sets the year: 2023年底前 → 2023-12-31.  Not time nodes: durations
 * (三年内, 半年内), recurring periods (每季度, 每月底前), other years' ends
 * (上年底, 去年底), the plain year (2022年), anything quoted, and 月 not
 * preceded by a month number (月河).  A date that does not exist (2月30日,
 * a year outside 1..9999) is no node.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import/textscan.h"
#include "util/date.h"

/* Can a time node start with cp?  A cheap test before timenode_at. */
static inline bool timenode_may_start(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return true;
	if (cp < 0x4E00 || cp > 0x7B2C)
		return false;
	switch (cp) {
	case 0x4ECA: /* 今 */ case 0x672C: /* 本 */ case 0x5F53: /* 当 */ case 0x660E: /* 明 */
	case 0x4E0A: /* 上 */ case 0x4E0B: /* 下 */ case 0x5E74: /* 年 */ case 0x5168: /* 全 */
	case 0x524D: /* 前 */ case 0x7B2C: /* 第 */ case 0x5341: /* 十 */
	case 0x4E00: case 0x4E8C: case 0x4E24: case 0x4E09: case 0x56DB:	/* 一二两三四 */
	case 0x4E94: case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D:	/* 五六七八九 */
		return true;
	default:
		return false;
	}
}

/* Length in characters of the time node at i (0 if none); its date in *due. */
size_t timenode_at(const struct tscan *s, size_t i, int year, struct date *due);

#endif
