#!/bin/bash
# The unit directory: a list imported before it, then the directory; names resolve
# keeping assignment ids; groups expand per member; an edited directory keeps ids
# and retires; export round-trips; a bad file changes nothing; a group's aliases expand like
# its name.
. "$(dirname "$0")/lib.sh"

DB=$WORK/dir.db
UNITS_CSV=${DUBAN_EXAMPLES:?}/ankang-2022/units.csv
GROUPS_CSV=${DUBAN_EXAMPLES:?}/ankang-2022/groups.csv
COUNTIES="汉滨区政府 汉阴县政府 石泉县政府 宁陕县政府 紫阳县政府 岚皋县政府 平利县政府 镇坪县政府 旬阳市政府 白河县政府"

# assignment_id TASK UNIT: the ID column of UNIT's row in `assignments --task TASK`.
assignment_id() {
	"$DUBAN_BIN" --db "$DB" assignments --task "$1" |
		awk -v u="$2" 'NR > 3 && ($3 == u || $3 == u "（未核实）") { print $2; exit }'
}
# assignment_state TASK ID: the state column of assignment ID.
assignment_state() {
	"$DUBAN_BIN" --db "$DB" assignments --task "$1" | awk -v id="$2" 'NR > 3 && $2 == id { print $6 }'
}

# 1. The list first: every name is unverified, and still has its assignment.
run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example list"
run --db "$DB" units --unverified
expect_rc 0 "units --unverified before any directory"
expect_in out.txt "市发改委" "市发改委 is unverified without a directory"
expect_in out.txt "各县（市、区）政府" "the group name is unverified without a directory"
run --db "$DB" assignments --task 1
expect_rc 0 "assignments --task 1 before the directory"
expect_eq "$(($(wc -l <out.txt) - 3))" 5 "task 1 has one assignment per name as written"
id_fgw=$(assignment_id 1 市发改委)
id_nyj=$(assignment_id 1 市农业农村局)
id_gxq=$(assignment_id 1 安康高新区管委会)
[ -n "$id_fgw" ] && [ -n "$id_nyj" ] && [ -n "$id_gxq" ] || fail "no assignment ids for task 1"
id_group=$(assignment_id 1 各县（市、区）政府)
id_52=$(assignment_id 52 "市城管局（市创建办）")
[ -n "$id_52" ] || fail "no assignment for 市城管局（市创建办） on task 52"

# 2. The directory: names resolve, the ids stay.
run --db "$DB" units import "$UNITS_CSV" "$GROUPS_CSV"
expect_rc 0 "units import"
expect_in out.txt "已导入单位名录" "import summary"
expect_in out.txt "未核实的单位名称：无" "no unverified names left"
run --db "$DB" units --unverified
expect_rc 0 "units --unverified"
expect_eq "$(wc -c <out.txt)" 0 "units --unverified prints nothing"
expect_in err.txt "没有未核实的单位名称" "units --unverified says why it is empty"
expect_eq "$(assignment_id 1 市发改委)" "$id_fgw" "市发改委 keeps its assignment id"
expect_eq "$(assignment_id 1 市农业农村局)" "$id_nyj" "市农业农村局 keeps its assignment id"
expect_eq "$(assignment_id 1 安康高新区管委会)" "$id_gxq" "安康高新区管委会 keeps its assignment id"
expect_eq "$(assignment_id 52 市城管局)" "$id_52" "市城管局（市创建办） resolves to 市城管局, same id"
expect_eq "$(assignment_state 1 "$id_group")" "已撤销" "the group as a name is retired, not deleted"

# 3. One assignment per county government, through the group; the task shows the group.
run --db "$DB" assignments --task 1
expect_rc 0 "assignments --task 1"
expect_in out.txt "市发改委、市农业农村局、各县（市、区）政府" "task 1 shows its units as written"
for c in $COUNTIES; do
	expect_eq "$(awk -v u="$c" 'NR > 3 && $3 == u && $5 == "各县（市、区）政府" && $6 == "有效"' out.txt | wc -l)" 1 \
		"task 1: one active assignment of $c through 各县（市、区）政府"
done
expect_eq "$(awk 'NR > 3 && $5 == "各县（市、区）政府" && $6 == "有效"' out.txt | wc -l)" 10 \
	"task 1: ten county assignments"
expect_eq "$(awk 'NR > 3 && $3 == "市发改委" { print $4 }' out.txt)" "牵头" "市发改委 leads task 1"
run --db "$DB" show 1
expect_in out.txt "各县（市、区）政府" "show 1 still shows the group as written"

# 4. A unit's tasks, with the group named.
run --db "$DB" unit 汉滨区政府
expect_rc 0 "unit 汉滨区政府"
expect_in out.txt "县市区政府" "unit shows the kind"
expect_in out.txt "所属分组：各县（市、区）政府" "unit shows its group"
expect_in out.txt "牵头任务" "unit lists lead tasks"
expect_in out.txt "配合任务" "unit lists co tasks"
expect_eq "$(awk '$1 == "1" && $3 == "各县（市、区）政府"' out.txt | wc -l)" 1 \
	"unit 汉滨区政府: task 1 through 各县（市、区）政府"
expect_eq "$(awk '$1 == "122" && $3 == "直接"' out.txt | wc -l)" 1 "unit 汉滨区政府: task 122 named directly"
run --db "$DB" unit 汉滨区
expect_rc 0 "unit by alias"
expect_in out.txt "汉滨区政府（县市区政府）" "an alias finds the unit"
run --db "$DB" unit 各县（市、区）政府
expect_rc 1 "unit on a group"
expect_in err.txt "分组" "unit on a group says it is a group"
run --db "$DB" unit 市不存在局
expect_rc 1 "unit unknown"

# 5. units: the plan's table as before, then the directory.
run --db "$DB" units
expect_rc 0 "units with a directory"
expect_eq "$(sed -n 2p out.txt | awk '{print $3}')" "市发改委" "units keeps its first table"
expect_in out.txt "单位名录：" "units shows the directory"
expect_in out.txt "县市区政府" "units shows kinds"

# 6. Export round-trips to the shipped files; importing them again keeps everything.
mkdir exp
run --db "$DB" units export -o exp
expect_rc 0 "units export -o DIR"
cmp -s exp/units.csv "$UNITS_CSV" || fail "exported units.csv differs from the example"
cmp -s exp/groups.csv "$GROUPS_CSV" || fail "exported groups.csv differs from the example"
run --db "$DB" units export --groups
cmp -s out.txt "$GROUPS_CSV" || fail "units export --groups to stdout differs"
run --db "$DB" units import "$UNITS_CSV" "$GROUPS_CSV"
expect_rc 0 "units import again"
expect_in out.txt "新增 0，撤销 0" "importing the same directory adds and retires nothing"

# 7. An edited directory: 白河县政府 leaves the group; an alias is added.
id_bh=$(assignment_id 1 白河县政府)
id_hb=$(assignment_id 1 汉滨区政府)
grep -v ',白河县政府' "$GROUPS_CSV" >groups2.csv
sed 's/^市机场办,市级部门,,/市机场办,市级部门,安康机场建设办公室,/' "$UNITS_CSV" >units2.csv
cmp -s units2.csv "$UNITS_CSV" && fail "the alias edit did not apply"
run --db "$DB" units import units2.csv groups2.csv
expect_rc 0 "units import edited"
expect_in out.txt "变更 1" "one unit and one group changed"
retired=$(sed -n 's/.*撤销 \([0-9]*\).*/\1/p' out.txt)
[ "${retired:-0}" -gt 0 ] || fail "the edited directory retired nothing"
expect_eq "$(assignment_id 1 白河县政府)" "$id_bh" "白河县政府 keeps its assignment (retired)"
expect_eq "$(assignment_state 1 "$id_bh")" "已撤销" "白河县政府's task-1 assignment is retired"
expect_eq "$(assignment_id 1 汉滨区政府)" "$id_hb" "汉滨区政府 keeps its assignment id"
expect_eq "$(assignment_state 1 "$id_hb")" "有效" "汉滨区政府 stays active"
run --db "$DB" unit 安康机场建设办公室
expect_rc 0 "the new alias resolves"
expect_in out.txt "市机场办" "the alias names 市机场办"

# 8. A bad file changes nothing.
mkdir before
run --db "$DB" units export -o before
printf '分组名称,成员单位\n各县（市、区）政府,不存在的县政府\n' >bad.csv
run --db "$DB" units import "$UNITS_CSV" bad.csv
expect_rc 1 "units import with a bad groups file"
expect_in err.txt "bad.csv:2" "the error names the file and line"
mkdir after
run --db "$DB" units export -o after
cmp -s before/units.csv after/units.csv && cmp -s before/groups.csv after/groups.csv ||
	fail "a failed import changed the directory"
expect_eq "$(assignment_state 1 "$id_bh")" "已撤销" "a failed import changed no assignment"

# 9. The directory first, then a list: assignments are derived at import.
DB2=$WORK/dir2.db
run --db "$DB2" units import "$GROUPS_CSV" "$UNITS_CSV"
expect_rc 0 "directory into an empty database (files in any order)"
run --db "$DB2" import "$EXAMPLE"
expect_rc 0 "list after the directory"
run --db "$DB2" units --unverified
expect_eq "$(wc -c <out.txt)" 0 "no unverified names when the directory came first"
run --db "$DB2" assignments --task 80
expect_eq "$(awk 'NR > 3 && $4 == "牵头" && $5 == "各县（市、区）政府"' out.txt | wc -l)" 10 \
	"task 80: the group in the lead position gives each county a lead assignment"

# 10. --replace of a list with assignments (nothing hangs on them yet) still works.
run --db "$DB2" import --replace "$EXAMPLE"
expect_rc 0 "import --replace with assignments"
run --db "$DB2" assignments --task 1
expect_eq "$(awk 'NR > 3 && $5 == "各县（市、区）政府"' out.txt | wc -l)" 10 \
	"assignments derived again after --replace"

# 11. Every directory import is in the audit log, and the chain holds.
run --db "$DB2" audit list
expect_eq "$(grep -c 'directory.import' out.txt)" 1 "the directory import is audited"
run --db "$DB2" audit verify
expect_rc 0 "the audit chain verifies after directory imports"

# 12. Group aliases: another year's list writes the county group differently.
DB3=$WORK/dir3.db
DB=$DB3	# for assignment_id / assignment_state
printf '安政发〔2023〕1号\n\n2023年政府工作报告确定重点任务清单\n\n序号\t重点任务\t责任单位\n%s\n%s\n%s\n' \
	"1	实施县城更新行动，年底前完成老旧小区改造100个。	各县（市、区）人民政府" \
	"2	推进乡村振兴。	市农业农村局、各县区政府" \
	"3	扩大招商引资。	市商务局、各县（市、区）" >other-year.txt
grep -q '^各县（市、区）政府,汉滨区政府,各县（市、区）人民政府、各县区政府' "$GROUPS_CSV" ||
	fail "the example groups.csv lacks the county group's aliases"
run --db "$DB3" units import "$UNITS_CSV" "$GROUPS_CSV"
expect_rc 0 "directory with group aliases"
run --db "$DB3" import other-year.txt
expect_rc 0 "a list naming the group by its aliases"
run --db "$DB3" assignments --task 1
for c in $COUNTIES; do
	expect_eq "$(awk -v u="$c" 'NR > 3 && $3 == u && $4 == "牵头" && $5 == "各县（市、区）政府" && $6 == "有效"' out.txt | wc -l)" 1 \
		"各县（市、区）人民政府 gives $c a lead assignment through the group"
done
expect_eq "$(awk 'NR > 3' out.txt | wc -l)" 10 "task 1: exactly the ten county governments"
id_alias_hb=$(assignment_id 1 汉滨区政府)
run --db "$DB3" assignments --task 2
expect_eq "$(awk 'NR > 3 && $4 == "配合" && $5 == "各县（市、区）政府"' out.txt | wc -l)" 10 \
	"各县区政府 gives the ten counties a co assignment"
run --db "$DB3" units --unverified
expect_in out.txt "各县（市、区）" "a spelling that is no alias stays unverified"
expect_not_in out.txt "人民政府" "the group's alias is not unverified"
# The group without its aliases: the spelling is unverified again; with them back, the ids return.
tr -d '\r' <"$GROUPS_CSV" | cut -d, -f1,2 >groups-no-alias.csv
run --db "$DB3" units import "$UNITS_CSV" groups-no-alias.csv
expect_rc 0 "the directory without group aliases"
run --db "$DB3" units --unverified
expect_in out.txt "各县（市、区）人民政府" "without the alias the spelling is unverified"
expect_eq "$(assignment_state 1 "$id_alias_hb")" "已撤销" "the county's assignment is retired, not deleted"
run --db "$DB3" units import "$UNITS_CSV" "$GROUPS_CSV"
expect_rc 0 "the aliases again"
expect_eq "$(assignment_id 1 汉滨区政府)" "$id_alias_hb" "汉滨区政府 gets its assignment back"
expect_eq "$(assignment_state 1 "$id_alias_hb")" "有效" "and it is active again"
run --db "$DB3" units export --groups
cmp -s out.txt "$GROUPS_CSV" || fail "the groups export with aliases differs from the example"
# Rows of one group that disagree on its aliases are refused, naming the line.
printf '分组名称,成员单位,简称及别名\n各县（市、区）政府,汉滨区政府,各县区政府\n各县（市、区）政府,汉阴县政府,各县市区政府\n' >disagree.csv
run --db "$DB3" units import "$UNITS_CSV" disagree.csv
expect_rc 1 "disagreeing alias rows"
expect_in err.txt "disagree.csv:3" "the error names the file and line"

finish
