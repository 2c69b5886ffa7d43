#!/bin/bash
# Supervision end to end with the real binary on the example with sample data: suggestions,
# accepting one (a numbered notice), a reply, the next grade, 约谈 and 问责, forms, the annual
# assessment with its breakdown and an appeal, a what-if, bulletins (HTML and Markdown, the
# change since the last one issued), and the Excel ledger read back by LibreOffice.
. "$(dirname "$0")/lib.sh"

DB=$WORK/s.db
UNITS_CSV=${DUBAN_EXAMPLES:?}/ankang-2022/units.csv
GROUPS_CSV=${DUBAN_EXAMPLES:?}/ankang-2022/groups.csv

run --db "$DB" units import "$UNITS_CSV" "$GROUPS_CSV"
expect_rc 0 "units import"
run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example"
run --db "$DB" demo-data --as-of 2022-07-31
expect_rc 0 "demo-data"

# 1. Suggestions appear, each with a handle; nothing is issued by asking.
run --db "$DB" suggest --as-of 2022-07-31
expect_rc 0 "suggest"
expect_in out.txt "督办建议：安政发〔2022〕5号" "suggestions header"
expect_in out.txt "【示例数据】" "sample data marked"
cp out.txt sug.txt
H=$(grep -m1 -o '^[0-9]*/lagging:[0-9-]*' sug.txt)
R=$(grep -m1 -o '^[0-9]*/report:[0-9-]*' sug.txt)
[ -n "$H" ] && [ -n "$R" ] || fail "no lagging or missing-report suggestion in: $(head -c 400 sug.txt)"
A=${H%%/*}
UNIT=$(sed -n "s|^$H  第 [0-9]* 项任务  \(.*\)（分工 $A）\$|\1|p" sug.txt)
TASK=$(sed -n "s|^$H  第 \([0-9]*\) 项任务  .*|\1|p" sug.txt)
[ -n "$UNIT" ] && [ -n "$TASK" ] || fail "cannot read the unit and task of $H"
grep -A1 "^$H " sug.txt | grep -q "建议：蓝色督查单" || fail "$H does not propose a blue notice"
run --db "$DB" action list --as-of 2022-07-31
expect_rc 0 "action list before accepting"
expect_in out.txt "没有符合条件的督办事项" "nothing issued by suggesting"

# 2. Accept one: a numbered blue notice; dismiss another; neither is proposed again.
run --db "$DB" suggest accept "$H" --on 2022-08-01
expect_rc 0 "accept $H"
expect_in out.txt "已采纳并下发：" "accept output"
expect_in out.txt "蓝色督查单（督办〔2022〕1号）" "numbered blue notice"
expect_in out.txt "限 2022-08-08 前回复" "default 7-day deadline"
N1=$(sed -n 's/^已采纳并下发：督办事项 \([0-9]*\)，.*/\1/p' out.txt)
[ -n "$N1" ] || fail "no action id in the accept output"
run --db "$DB" suggest dismiss "$R" --note "已电话督促" --on 2022-08-01
expect_rc 0 "dismiss $R"
expect_in out.txt "不予采纳：$R" "dismiss output"
run --db "$DB" suggest --as-of 2022-08-01
expect_rc 0 "suggest again"
expect_eq "$(grep -c "^$H " out.txt)" 0 "accepted suggestion not proposed again"
expect_eq "$(grep -c "^$R " out.txt)" 0 "dismissed suggestion not proposed again"
expect_eq "$(grep -c '^[0-9]*/' out.txt)" "$(($(grep -c '^[0-9]*/' sug.txt) - 2))" "only those two are gone"
run --db "$DB" suggest accept "$H" --on 2022-08-01
expect_rc 1 "accepting twice"
expect_in err.txt "当前没有" "accepting twice named"
run --db "$DB" suggest accept nonsense
expect_rc 1 "a bad handle"

# 3. The unit replies late; the next grade follows on the timer; red needs a reason.
run --db "$DB" action reply "$N1" --text "已制定整改方案，正在推进" --on 2022-08-10
expect_rc 0 "reply"
run --db "$DB" action list --as-of 2022-08-10 --unit "$UNIT"
expect_rc 0 "action list by unit"
expect_in out.txt "督办〔2022〕1号" "the notice is listed"
expect_in out.txt "逾期回复（2022-08-10）" "late reply shown"
run --db "$DB" action issue --assignment "$A" --step 橙色督查单 --ground 进度滞后 --on 2022-08-12
expect_rc 0 "orange notice"
expect_in out.txt "橙色督查单（督办〔2022〕2号）" "orange numbered"
expect_in out.txt "依据：逾期未复升级" "rises on the timer"
N2=$(sed -n 's/^已下发：督办事项 \([0-9]*\)，.*/\1/p' out.txt)
run --db "$DB" action issue --assignment "$A" --step 红色督查单 --ground 进度滞后 --on 2022-08-13
expect_rc 1 "red without a reason"
expect_in err.txt "须说明理由" "a reason is required"
run --db "$DB" action issue --assignment "$A" --step 蓝色督查单 --ground 进度滞后 --reason x --on 2022-08-13
expect_rc 1 "a grade never goes down"
run --db "$DB" action issue --assignment "$A" --step 约谈 --ground 进度滞后 --reason "橙色督查单仍未见成效" \
	--leader 分管副市长 --on 2022-08-20
expect_rc 0 "约谈"
N3=$(sed -n 's/^已下发：督办事项 \([0-9]*\)，.*/\1/p' out.txt)
run --db "$DB" action issue --assignment "$A" --step 催办 --ground 落实不力 --on 2022-08-21
expect_rc 0 "a 催办 below the level"
expect_in out.txt "催办（催办〔2022〕1号）" "催办单 numbered on its own"
run --db "$DB" action show "$N2"
expect_rc 0 "action show"
expect_in out.txt "回复：（未回复）" "not replied"
run --db "$DB" action close "$N1" --on 2022-08-22
expect_rc 0 "close"
run --db "$DB" action close "$N1" --on 2022-08-23
expect_rc 1 "close twice"

# 4. 问责 linked to the 约谈.
run --db "$DB" accountability add --action "$N3" --measure 通报批评 --doc-no "安督字〔2022〕7号" --date 2022-08-25
expect_rc 0 "accountability"
expect_in out.txt "关联督办事项 $N3" "linked to the action"
run --db "$DB" accountability add --action "$N3" --measure 其他 --doc-no x --date 2022-08-25
expect_rc 1 "其他 without its text"
run --db "$DB" accountability list
expect_rc 0 "accountability list"
expect_in out.txt "安督字〔2022〕7号" "listed with its document number"
expect_in out.txt "督办事项 $N3" "listed with its action"

# 5. Forms: printable and numbered.
run --db "$DB" action form "$N2" -o notice.html
expect_rc 0 "notice form"
expect_in notice.html "督办〔2022〕2号" "form number"
expect_in notice.html "橙色督查单（督办通知单）" "form title"
expect_in notice.html "@page" "print stylesheet"
expect_in notice.html "$UNIT" "form unit"
run --db "$DB" action form --assignment "$A" -o handover.html
expect_rc 0 "交办单"
expect_in handover.html "交办〔2022〕1号" "交办单 numbered"
run --db "$DB" action form "$N3" -o x.html
expect_rc 1 "约谈 has no form"

# 6. The assessment: ranking, breakdown naming the events, an appeal corrected.
run --db "$DB" assess --year 2022 --as-of 2022-08-31
expect_rc 0 "assess"
expect_in out.txt "排名  单位" "ranking table"
expect_in out.txt "规则：默认规则" "default rules"
run --db "$DB" assess --year 2022 --as-of 2022-08-31 --unit "$UNIT"
expect_rc 0 "assess one unit"
expect_in out.txt "n$N2:step" "the orange notice is a line"
expect_in out.txt "n$N1:unanswered" "the late reply is a line"
expect_in out.txt "a$A:" "the assignment's lines"
grep "n$N2:step" out.txt | grep -q "−2 分" || fail "orange notice costs 2 points"
run --db "$DB" appeal add --year 2022 --unit "$UNIT" --line "n$N1:unanswered" --reason "已按期电话报告" --on 2022-09-01
expect_rc 0 "appeal"
expect_in out.txt "已受理申诉：申诉 1" "appeal id"
run --db "$DB" appeal add --year 2022 --unit "$UNIT" --line "n$N1:unanswered" --reason again --on 2022-09-01
expect_rc 1 "the same line twice"
run --db "$DB" appeal decide 1 --correct 0 --note 核实属实 --on 2022-09-02
expect_rc 0 "appeal corrected"
run --db "$DB" appeal decide 1 --uphold --on 2022-09-03
expect_rc 1 "decided once"
run --db "$DB" assess --year 2022 --as-of 2022-08-31 --unit "$UNIT"
expect_in out.txt "（申诉更正，原 −1 分）" "the correction is shown"
run --db "$DB" appeal list --year 2022
expect_in out.txt "予以更正" "appeal listed"
printf 'step_orange = 10\n' >whatif.conf
run --db "$DB" assess --year 2022 --as-of 2022-08-31 --unit "$UNIT" --rules whatif.conf
expect_rc 0 "what-if"
expect_in out.txt "试算，不保存" "what-if says so"
grep "n$N2:step" out.txt | grep -q "−10 分" || fail "what-if rules applied"
run --db "$DB" assess rules --year 2022
expect_in out.txt "未设置" "the what-if stored no rules"

# 7. Bulletins: issue July, then August compares with it.
run --db "$DB" bulletin --period 2022-07 --issue -o b7.md
expect_rc 0 "bulletin July issued"
expect_in b7.md "2022年第1期" "issue number"
expect_in b7.md "## 一、总体情况" "markdown sections"
expect_in b7.md "本期为首期通报" "first bulletin"
expect_in err.txt "已印发" "issued note"
run --db "$DB" bulletin --period 2022-07 --issue -o b7b.md
expect_rc 1 "issued once"
run --db "$DB" bulletin --period 2022-08 -o b8.html
expect_rc 0 "bulletin August"
expect_in b8.html "<!DOCTYPE html>" "html document"
expect_in b8.html "上期通报期：2022-07。" "compared with the issued one"
expect_in b8.html "督办〔2022〕2号" "notices of the period"
expect_in b8.html "逾期未报" "missing reports section"
expect_in b8.html "七、单位排名" "ranking section"
run --db "$DB" bulletin --period 2022-08 --format md
expect_rc 0 "bulletin to stdout"
expect_in out.txt "## 八、与上期对比" "markdown to stdout"

# 8. The Excel ledger, read back by LibreOffice.
run --db "$DB" export --format xlsx -o ledger.xlsx --as-of 2022-08-31 --year 2022
expect_rc 0 "export xlsx"
expect_in err.txt "已导出台账 130 项任务及考核表" "export note"
run --db "$DB" export --format xlsx
expect_rc 2 "xlsx needs -o"
unzip -p ledger.xlsx xl/styles.xml >styles.xml 2>/dev/null || fail "not a zip: ledger.xlsx"
grep -q 'FFC7CE' styles.xml || fail "no red RAG fill in the workbook's styles"
if command -v soffice >/dev/null; then
	mkdir csv
	soffice "-env:UserInstallation=file://$WORK/lo-profile" --headless --norestore --convert-to \
		"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1" \
		--outdir csv ledger.xlsx >/dev/null 2>&1 || fail "soffice could not convert the ledger"
	L=csv/ledger-台账.csv
	[ -f "$L" ] || fail "no 台账 sheet: $(ls csv)"
	expect_eq "$(sed -n 3p "$L" | tr -d '\r')" "序号,分类,重点任务,牵头单位,责任单位,目标,时间节点,最新进展,完成率,状态,督办级别" "the 11 columns"
	expect_eq "$(tail -n +4 "$L" | grep -c '^[0-9]*,')" "130" "a row per task"
	# One 约谈 is open (on task $TASK): one row ends with it in 督办级别.
	expect_eq "$(tr -d '\r' <"$L" | grep -c ',约谈$')" 1 "the ladder level (约谈) in 督办级别"
	grep -Eq ',(欠进度|达进度|超进度|已完成),' "$L" || fail "statuses in the ledger"
	[ -f csv/ledger-考核.csv ] || fail "no 考核 sheet"
	expect_in csv/ledger-考核.csv "排名,单位,职责履行,行政效能,任务完成情况,总分" "assessment columns"
	expect_in csv/ledger-考核明细.csv "$UNIT" "breakdown sheet"
	# The RAG fill as LibreOffice renders it: one red 状态 cell per red task of `duban status`.
	mkdir html
	soffice "-env:UserInstallation=file://$WORK/lo-profile" --headless --norestore --convert-to html \
		--outdir html ledger.xlsx >/dev/null 2>&1 || fail "soffice could not render the ledger"
	reds=$(grep -o 'bgcolor="#FFC7CE"' html/ledger.html | wc -l)
	run --db "$DB" status --as-of 2022-08-31 --rag red
	expect_eq "$reds" "$(grep -cE '^[0-9]+ ' out.txt)" "red 状态 cells = red tasks"
	[ "$reds" -gt 0 ] || fail "no red task to show the fill"
	fills=$(grep -oE 'bgcolor="#(FFC7CE|FFEB9C|C6EFCE)"' html/ledger.html | wc -l)
	[ "$fills" -le 130 ] && [ "$fills" -gt "$reds" ] || fail "RAG fills: $fills cells"
else
	echo "SKIP: soffice not found, the ledger was not read back"
fi

# 9. Every act was audited; the chain holds.
run --db "$DB" audit verify
expect_rc 0 "audit verify"
run --db "$DB" audit list --limit 1000
for act in action.issue action.reply action.close accountability.add suggestion.dismiss \
	appeal.file appeal.decide bulletin.issue assignment.handover_form; do
	expect_in out.txt "$act" "audited: $act"
done

# 10. The list cannot be replaced once supervision hangs on it (besides reports).
run --db "$DB" import "$EXAMPLE" --replace
expect_rc 1 "replace refused"
expect_in err.txt "督办事项" "actions named among the dependents"

finish
