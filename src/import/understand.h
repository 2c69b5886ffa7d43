/* Understanding a task's text: its measurable targets and its time nodes. */
#ifndef DUBAN_IMPORT_UNDERSTAND_H
#define DUBAN_IMPORT_UNDERSTAND_H

/*
 * Pure functions of text: no I/O, no clock.  understand_task() fills
 * t->targets, t->milestones and t->due from t->text, resolving time nodes
 * against `year`; everything it allocates comes from arena `a`.  It never
 * fails: text it cannot read yields no target rather than a wrong one.
 * Every value and max is finite and at most 1e18; a larger or malformed
 * figure is dropped, never stored.  Scratch memory is one malloc per long
 * text at most (none per character); 100,000 tasks take about 0.15 s.
 *
 * TARGETS — one per quantity that sets a goal, in text order.
 *  value  the figure with magnitude words folded in (590 亿元 → 59000000000
 *         元, 2万亩 → 20000 亩, 两万 → 20000, 三千万元 → 30000000 元); full-width
 *         digits and ％ are read; 百分之N is N %.  Decimal arithmetic, so
 *         2.27亿 is exactly 227000000.  A figure with 万/亿 whose unit is left
 *         out ("新增就业1.2万") keeps unit "".
 *  unit   the measure word or unit after the figure ("个", "人次", "平方米",
 *         "%", "个百分点", "吨标准煤"...), longest match first.
 *  cmp    approx: 左右, 上下, 约, 近 · ge: 以上, 不少于, 至少, 不低于, 超过,
 *         突破, 余/多 ("1100余个") · le: 以下, 以内, 不超过, 低于, 控制在 ·
 *         range: 3至5个, 3-5个, 1～2万亩 (value 3, max 5; a magnitude on the
 *         second end applies to a bare first end) · otherwise eq (达到, 稳定在
 *         alone are eq).  A word after the figure wins over one before it;
 *         至少 / 不少于 / 不低于 / 不超过 also count from further back in the
 *         predicate ("至少确立1个").  In a list of figures joined by 和/、
 *         ("分别增长 7%和 8.5%以上") a comparison on the last or first covers
 *         all of them.
 *  metric the indicator, so that next year's list yields the same string:
 *         the predicate from the start of the clause (or of the list item)
 *         up to the figure, plus the counted object after a measure word,
 *         with removed: time nodes, qualifiers, comparison words (达到, 不少于,
 *         控制在...), leading fillers (力争, 确保, 其中, 对, 在, 实现, 一是...),
 *         quotation marks, listed examples before 等 ("举办龙舟赛、马拉松等
 *         体育赛事活动" → 举办体育赛事活动), a base year (较2020年).
 *           开工 163 个新建产业项目 → 开工新建产业项目
 *           生产总值增长 6.5%左右 → 生产总值增长
 *         A list item without its own verb borrows the previous item's
 *         ("新建5个养老院、10个日间照料中心" → 新建日间照料中心); a bare
 *         增长/下降 borrows the previous target's subject ("总额500亿元，增长
 *         7%" → 总额增长).  分别 splits subjects: 城乡 → 城镇 / 农村, 进出口 →
 *         进口 / 出口, "A、B产量" → A产量 / B产量; with no subject in its clause
 *         分别 refers to the figures before.  Indicators sharing one level
 *         ("A率、B率达到85%以上") give one target each.
 *  text   the span as written, from the start of the clause or list item to
 *         the end of the comparison word or counted object.
 *  qualifier  a threshold that only qualifies the subject is not a target
 *         but the qualifier of the target it belongs to: a figure with
 *         以上/以下/量级/级 followed by a noun ("投资千万元以上企业50户" → 50 户,
 *         qualifier 投资千万元以上; "10个3000人以上小区" → 10 个, qualifier
 *         3000人以上; "1个百亿元量级首位产业" → 1 个, qualifier 百亿元量级),
 *         unless a goal verb precedes it (达到85%以上水平 is a target).
 *
 * NOT TARGETS: figures inside quotations or titles (“11+7”, 《…》, 〔2022〕);
 * figures touching Latin letters or + / # (G541, 5G, 4A 级, PM2.5); 千伏 /
 * kV (names of lines and substations); years, durations and other words
 * that are no unit (三年行动, 十大行动, 二期, 第3批, 每万人); idioms with
 * two numerals (一县一策, 千家万户, 四清四无); a small Chinese numeral counts
 * only after a creating verb (新建两个 yes; 落实四个不摘, 六项保障措施 no)
 * and never before an abstract noun (措施, 机制, 要求...); a Chinese
 * magnitude word that only names a rate's base (万元生产总值能耗); a
 * duration naming a thing (15分钟生活圈); a count that is merely the
 * subject of another figure ("323 个市级重点项目完成投资 590 亿元": the
 * investment is the target, the count its scope); a figure after a scope or
 * resource word (依托, 围绕, 聚焦, 突出, 紧扣, 针对...: "依托11万志愿者").
 *
 * TIME NODES (timenode.h lists every form): 上半年 → 06-30; 下半年, 年底(前),
 * 年末, 年内, 全年 → 12-31; 一季度…四季度, 前三季度 → the quarter's end;
 * N月底(前), N月份, N月, 1-6月, 6月至8月 → the (last) month's end; N月前 →
 * the end of month N-1 (before June is May 31); N月N日(前) → that day;
 * 上旬/中旬/下旬 → the 10th/20th/month end; YYYY年, 今年, 明年 set the year.
 * Milestones are the nodes written in the text, in text order, each with
 * the clause it governs (split where two nodes share a clause; a node
 * standing alone, "年底前，完成…", governs the next clause).  t->due is the
 * latest milestone, else December 31 of `year`; with a year outside
 * 1..9999 there are no nodes and no due date.
 */

#include "domain/plan.h"
#include "util/arena.h"

void understand_task(struct arena *a, struct task *t, int year);

#endif
