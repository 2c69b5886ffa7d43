#!/bin/bash
# Reporting end to end with the real binary on the example: sign, submit, pre-fill, return,
# resubmit, accept, status filters, a past as-of date, dispute and reassignment, extension,
# attachments, 销号, sample data marked as such, and --replace refused once reports exist.
. "$(dirname "$0")/lib.sh"

DB=$WORK/r.db
UNITS_CSV=${DUBAN_EXAMPLES:?}/ankang-2022/units.csv
GROUPS_CSV=${DUBAN_EXAMPLES:?}/ankang-2022/groups.csv

# assignment_id TASK UNIT: the ID column of UNIT's row in `assignments --task TASK`.
assignment_id() {
	"$DUBAN_BIN" --db "$DB" assignments --task "$1" |
		awk -v u="$2" 'NR > 3 && $3 == u { print $2; exit }'
}
# report_id: the report ID in the last `report submit` output.
report_id() {
	sed -n 's/^已报送：报告 \([0-9]*\)，.*/\1/p' out.txt
}

run --db "$DB" units import "$UNITS_CSV" "$GROUPS_CSV"
expect_rc 0 "units import"
run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example"
A=$(assignment_id 11 市发改委)
B=$(assignment_id 11 市工信局)
C=$(assignment_id 124 汉阴县政府)
[ -n "$A" ] && [ -n "$B" ] && [ -n "$C" ] || fail "no assignment ids for tasks 11 and 124"

# 1. The calendar: defaults from the issued date.
run --db "$DB" calendar
expect_rc 0 "calendar"
expect_in out.txt "报告周期：月报（默认）" "monthly by default"
expect_in out.txt "首个报告期：2022-04（截止 2022-04-25）" "first period after 2022-03-28"

# 2. Sign-for, once; not in the future.
run --db "$DB" assignment sign "$A" --on 2022-03-30
expect_rc 0 "sign"
expect_in out.txt "已签收：分工 $A（第 11 项任务，市发改委，牵头），签收日期 2022-03-30" "sign output"
run --db "$DB" assignment sign "$A" --on 2022-03-31
expect_rc 1 "sign twice"
expect_in err.txt "已于 2022-03-30 签收" "sign twice names the first"
run --db "$DB" assignment sign "$B" --on 2999-01-01
expect_rc 2 "a future --on"
expect_in err.txt "晚于今天" "future date refused"

# 3. A report, validation naming the field, then pre-fill.
run --db "$DB" report submit --assignment "$A" --period 2022-04 --percent 30 --on 2022-04-24
expect_rc 1 "first report without progress"
expect_in err.txt "完成情况" "progress is required at first"
run --db "$DB" report submit --assignment "$A" --period 2022-04 --percent 120 --progress x --on 2022-04-24
expect_rc 1 "percent over 100"
expect_in err.txt "完成百分比" "percent named"
run --db "$DB" report submit --assignment "$A" --period 2022-4 --percent 30 --progress x --on 2022-04-24
expect_rc 1 "bad period"
expect_in err.txt "报告期" "period named"
run --db "$DB" report submit --assignment "$A" --period 2022-04 --percent 30 --progress x --likelihood 差不多 --on 2022-04-24
expect_rc 1 "bad likelihood"
expect_in err.txt "很可能、可能、存疑、难以完成" "likelihood words listed"
run --db "$DB" report submit --assignment 999999 --period 2022-04 --percent 30 --progress x --on 2022-04-24
expect_rc 1 "unknown assignment"
expect_in err.txt "没有 ID 为 999999 的责任分工" "unknown assignment named"
run --db "$DB" report submit --assignment "$A" --period 2022-04 --percent 30 --value 9=1 --progress x --on 2022-04-24
expect_rc 1 "unknown target number"
expect_in err.txt "目标序号 9 不存在" "target number named"
run --db "$DB" report submit --assignment "$A" --period 2022-04 --percent 30 \
	--progress "召开项目调度会 2 次，新开工产业项目 40 个" --problems "部分项目用地手续未办结" \
	--next "加快办理用地手续" --likelihood 可能 --value 1=40 --on 2022-04-24
expect_rc 0 "first report"
expect_in out.txt "2022-04 月报 第 1 版，完成 30%" "first report output"
R1=$(report_id)
run --db "$DB" report submit --assignment "$A" --period 2022-05 --percent 45 --on 2022-05-24
expect_rc 0 "second report with pre-fill"
expect_in out.txt "沿用上次报告（2022-04 第 1 版，报告 $R1）：完成情况、存在问题、下步打算、自评、目标完成值 1 项" "carried fields listed"
R2=$(report_id)
run --db "$DB" report show "$R2"
expect_rc 0 "show the second report"
expect_in out.txt "存在问题：部分项目用地手续未办结" "problems carried over"
expect_in out.txt "自评：可能" "likelihood carried over"
expect_in out.txt "审核：待审核" "pending review"

# 4. Review: return with a reason, resubmit, accept.
run --db "$DB" review return "$R2" --on 2022-05-26
expect_rc 2 "return without a reason"
run --db "$DB" review return "$R2" --reason "缺少项目清单" --on 2022-05-26
expect_rc 0 "return"
run --db "$DB" status --as-of 2022-05-27 --unit 市发改委 --flag 逾期未报
expect_rc 0 "status after the return"
expect_in out.txt "2022-05 月报逾期未报" "a returned report leaves the period overdue"
run --db "$DB" report submit --assignment "$A" --period 2022-05 --percent 46 \
	--progress "补充：新开工项目清单见附件" --on 2022-05-27
expect_rc 0 "resubmit"
expect_in out.txt "2022-05 月报 第 2 版" "resubmission is version 2"
R3=$(report_id)
run --db "$DB" review accept "$R2" --on 2022-05-28
expect_rc 1 "review a returned report again"
run --db "$DB" review accept "$R3" --on 2022-05-28
expect_rc 0 "accept"
run --db "$DB" report history --assignment "$A"
expect_rc 0 "history"
expect_in out.txt "2022-05-26  退办报告 $R2" "history keeps the return"
expect_in out.txt "2022-05-28  审核通过报告 $R3" "history has the acceptance"
expect_in out.txt "第 1 版（报告 $R2）" "the returned version is kept"

# 5. Status: filters and a past as-of date.
run --db "$DB" status --as-of 2022-04-05 --flag 逾期未签收 --by assignment
expect_rc 0 "status --flag"
expect_in out.txt "逾期未签收" "unsigned assignments flagged"
expect_not_in out.txt "市发改委  牵头  推进中" "the signed lead is not flagged"
run --db "$DB" status --as-of 2022-03-29 --task 11
expect_rc 0 "status in the past"
expect_eq "$(awk -v id="$A" '$1 == id { print $3 "/" $5 }' out.txt)" "市发改委/待签收" \
	"on 2022-03-29 the lead had not signed yet"
run --db "$DB" status --as-of 2022-05-28 --task 11 --rag green
expect_rc 0 "status --rag"
run --db "$DB" status --rag purple
expect_rc 2 "a bad colour"
run --db "$DB" status --as-of 2022-06-30 --by unit
expect_rc 0 "status --by unit"
expect_in out.txt "汉阴县政府" "units listed"
run --db "$DB" status --as-of 2999-01-01
expect_rc 2 "as-of in the future"

# 6. Dispute and reassignment keep the evidence.
run --db "$DB" assignment dispute "$B" --reason "本单位仅承担配合职责" --on 2022-03-30
expect_rc 0 "dispute"
run --db "$DB" assignment sign "$B" --on 2022-03-31
expect_rc 1 "no sign-for while disputed"
run --db "$DB" assignment reassign "$B" --unit 市交通局 --note "改由市交通局承办" --on 2022-04-02
expect_rc 0 "reassign"
expect_in out.txt "已改派：分工 $B" "reassign output"
NEWB=$(assignment_id 11 市交通局)
[ -n "$NEWB" ] || fail "no assignment for 市交通局 after the reassignment"
run --db "$DB" report history --assignment "$B"
expect_in out.txt "退回（" "the dispute is kept"
expect_in out.txt "督查室改派给分工 $NEWB" "the decision is kept"
run --db "$DB" status --as-of 2022-04-03 --task 11 --by assignment
expect_in out.txt "已改派" "the old assignment shows 已改派"
# A new version of the directory does not undo the office's decision.
run --db "$DB" units import "$UNITS_CSV" "$GROUPS_CSV"
expect_rc 0 "directory re-import after a reassignment"
expect_eq "$(assignment_id 11 市交通局)" "$NEWB" "the reassigned unit keeps its assignment"
run --db "$DB" assignments --task 11
expect_eq "$(awk -v id="$B" '$2 == id' out.txt | grep -c 已撤销)" 1 \
	"the disputed assignment stays retired after a directory re-import"

# 7. Extension: before the due date only; approved date used from then on.
run --db "$DB" extension request --assignment "$C" --due 2023-03-31 --reason "厂房建设受汛期影响" --on 2022-06-01
expect_rc 0 "extension request"
X=$(sed -n 's/^已申请延期：申请 \([0-9]*\)，.*/\1/p' out.txt)
run --db "$DB" extension approve "$X" --on 2022-06-05
expect_rc 0 "approve"
run --db "$DB" extension approve "$X" --on 2022-06-06
expect_rc 1 "approve twice"
run --db "$DB" status --as-of 2023-01-05 --task 124 --by assignment
awk -v id="$C" '$1 == id { print $NF }' out.txt >flags.txt
expect_in flags.txt "逾期未报" "the row of task 124"
expect_not_in flags.txt "逾期未完成" "the extension moved the due date"
run --db "$DB" status --as-of 2023-04-01 --task 124 --by assignment
awk -v id="$C" '$1 == id { print $NF }' out.txt >flags.txt
expect_in flags.txt "逾期未完成" "past the extended date"
run --db "$DB" extension request --assignment "$A" --due 2023-06-30 --reason "晚了" --on 2023-01-02
expect_rc 1 "request after the due date"
expect_in err.txt "不能再申请延期" "late request refused"

# 8. Attachments: type by content, size limit, stored once, read back.
printf '第 11 项任务新开工项目清单\n' >list.txt
cp list.txt same.txt
printf '\177ELF\002\001\001\000' >tool.pdf
run --db "$DB" report submit --assignment "$A" --period 2022-06 --percent 55 --attach tool.pdf --on 2022-06-24
expect_rc 1 "an executable"
expect_in err.txt "可执行程序" "executable refused"
head -c 2000000 /dev/zero | tr '\0' 'a' >big.txt
DUBAN_ATTACHMENT_MAX_MIB=1 "$DUBAN_BIN" --db "$DB" report submit --assignment "$A" --period 2022-06 \
	--percent 55 --attach big.txt --on 2022-06-24 >out.txt 2>err.txt
rc=$?
expect_rc 1 "over the size limit"
expect_in err.txt "1048576" "the limit is named"
run --db "$DB" report submit --assignment "$A" --period 2022-06 --percent 55 --attach list.txt --attach same.txt --on 2022-06-24
expect_rc 0 "with attachments"
R4=$(report_id)
run --db "$DB" report show "$R4"
SHA=$(sed -n 's/.*sha256 \([0-9a-f]*\)$/\1/p' out.txt | head -1)
[ -n "$SHA" ] || fail "no attachment listed"
run --db "$DB" report attachment "$SHA" -o back.txt
expect_rc 0 "attachment read back"
cmp -s list.txt back.txt || fail "attachment content differs"
checks=$((checks + 1))

# 9. 销号 needs an accepted 100% report.
run --db "$DB" verify "$A" --on 2022-07-01
expect_rc 1 "verify too early"
run --db "$DB" report submit --assignment "$A" --period 2022-07 --percent 100 --progress "全部开工" --on 2022-07-20
R5=$(report_id)
run --db "$DB" review accept "$R5" --on 2022-07-22
run --db "$DB" verify "$A" --on 2022-07-25
expect_rc 0 "verify"
run --db "$DB" status --as-of 2022-07-26 --task 11 --by assignment
expect_in out.txt "已销号" "verified"

# 10. The calendar cannot change cadence once reports exist; --replace is refused.
run --db "$DB" calendar --cadence quarterly
expect_rc 1 "cadence change with reports"
run --db "$DB" import --replace "$EXAMPLE"
expect_rc 1 "replace with reports"
expect_in err.txt "进展报告" "the reports are named"
run --db "$DB" audit verify
expect_rc 0 "the audit chain holds"

# 11. Sample data: marked wherever it shows, idempotent.
DEMO=$WORK/demo.db
"$DUBAN_BIN" --db "$DEMO" units import "$UNITS_CSV" "$GROUPS_CSV" >/dev/null 2>&1
"$DUBAN_BIN" --db "$DEMO" import "$EXAMPLE" >/dev/null 2>&1
run --db "$DEMO" demo-data --as-of 2022-09-30
expect_rc 0 "demo-data"
expect_in out.txt "已生成示例数据" "demo-data output"
run --db "$DEMO" demo-data --as-of 2022-09-30
expect_rc 0 "demo-data again"
expect_in out.txt "已有示例数据，未做更改" "demo-data is idempotent"
run --db "$DEMO" status --as-of 2022-09-30
expect_rc 0 "status on sample data"
expect_in out.txt "【示例数据】" "status says 示例数据"
expect_in out.txt "红" "some tasks lag"
run --db "$DEMO" report show 1
expect_in out.txt "示例数据" "a sample report says so"

finish
