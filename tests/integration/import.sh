#!/bin/bash
# Importing the example: counts, carried-over units, duplicates, --replace,
# --skip-existing, a second plan beside the first, DUBAN_DB and --db.
. "$(dirname "$0")/lib.sh"

DB=$WORK/plans.db

# The unit lines ("  牵头  X" / "  配合  X") of `duban show N`.
units_of() {
	"$DUBAN_BIN" --db "$DB" show "$1" ${2:+--plan "$2"} | grep -E '^  (牵头|配合)  '
}

run --db "$DB" import --dry-run "$EXAMPLE"
expect_rc 0 "import --dry-run"
expect_in out.txt "未写入数据库" "dry run says so"
[ ! -e "$DB" ] || fail "--dry-run created the database"

run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example"
expect_in out.txt "已导入" "import summary"
expect_in out.txt "安政发〔2022〕5号" "summary names the document number"
expect_in out.txt "2022年政府工作报告确定重点任务清单" "summary names the title"
expect_in out.txt "共 130 项任务" "130 tasks"
expect_in out.txt "共性任务 100 项" "100 共性任务"
expect_in out.txt "个性任务 30 项" "30 个性任务"
# A new database is filled in rollback-journal mode, then turned to WAL (store_sqlite.c).
if command -v sqlite3 >/dev/null; then
	expect_eq "$(sqlite3 "$DB" 'PRAGMA journal_mode')" wal "the new database is in WAL mode"
	expect_eq "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok "and intact"
	checks=$((checks + 1))
	[ ! -e "$DB-journal" ] || fail "a rollback journal was left behind"
fi

run --db "$DB" plans
expect_rc 0 "plans"
expect_eq "$(grep -c '安政发〔2022〕5号' out.txt)" 1 "plans lists the plan once"
expect_in out.txt "130" "plans shows the task count"

run --db "$DB" tasks
expect_rc 0 "tasks"
expect_eq "$(($(wc -l <out.txt) - 1))" 130 "tasks lists 130 rows"
expect_eq "$(awk 'NR > 1 && $2 == "共性任务"' out.txt | wc -l)" 100 "100 rows in 共性任务"
expect_eq "$(awk 'NR > 1 && $2 == "个性任务"' out.txt | wc -l)" 30 "30 rows in 个性任务"
# Columns fit 100 display columns without --full (CJK counted as two).
wide=$(wc -L <out.txt)
[ "$wide" -le 100 ] || fail "tasks lines are $wide columns wide, more than 100"
run --db "$DB" tasks --full
expect_rc 0 "tasks --full"
expect_in out.txt "单位生产总值能耗下降 3%左右。" "tasks --full shows whole texts"

# Tasks 70-74 have an empty unit cell: they carry task 69's units.
u69=$(units_of 69)
[ -n "$u69" ] || fail "show 69 lists no units"
expect_in <(echo "$u69") "牵头  市人社局" "task 69 is led by 市人社局"
for n in 70 71 72 73 74; do
	expect_eq "$(units_of $n)" "$u69" "task $n carries task 69's units"
done
expect_eq "$(units_of 75 | head -1)" "  牵头  市卫健委" "task 75 has its own units again"

run --db "$DB" show 130
expect_rc 0 "show 130"
expect_in out.txt "建设香溪洞登山步道。" "show 130 text"
run --db "$DB" show 131
expect_rc 1 "show 131 (no such task)"

run --db "$DB" units
expect_rc 0 "units"
expect_eq "$(sed -n 2p out.txt | awk '{print $3}')" "市发改委" "市发改委 leads most tasks"
run --db "$DB" targets
expect_rc 0 "targets"
run --db "$DB" targets --metric 生产总值 --unit % --owner 市发改委
expect_rc 0 "targets with filters"

# The same file again: refused, nothing changes.
cp "$DB" before.db
run --db "$DB" import "$EXAMPLE"
expect_rc 1 "re-import refused"
expect_in err.txt "已经导入过" "re-import message"
expect_in err.txt "安政发〔2022〕5号" "re-import message names the plan"
expect_in err.txt "--replace" "re-import message suggests --replace"
cmp -s "$DB" before.db || fail "a refused re-import changed the database file"

run --db "$DB" import "$EXAMPLE" --skip-existing
expect_rc 0 "import --skip-existing"
expect_in out.txt "已导入过，未做更改" "--skip-existing message"
cmp -s "$DB" before.db || fail "--skip-existing changed the database file"

run --db "$DB" import --replace "$EXAMPLE"
expect_rc 0 "import --replace"
expect_in out.txt "已替换" "--replace message"
run --db "$DB" plans
expect_eq "$(grep -c '安政发〔2022〕5号' out.txt)" 1 "still one plan after --replace"
run --db "$DB" tasks
expect_eq "$(($(wc -l <out.txt) - 1))" 130 "still 130 tasks after --replace"

# A revised version (same number, other content) needs --replace.
sed 's/建设香溪洞登山步道。/建设香溪洞登山步道和观景台。/' "$EXAMPLE" >revised.txt
run --db "$DB" import revised.txt
expect_rc 1 "revised version without --replace"
expect_in err.txt "文号相同" "revised version message"
run --db "$DB" import revised.txt --replace
expect_rc 0 "revised version with --replace"
run --db "$DB" show 130
expect_in out.txt "观景台" "the revision's text replaced the old one"

# Another year's plan coexists.
sed 's/2022/2023/g' "$EXAMPLE" >plan2023.txt
run --db "$DB" import plan2023.txt
expect_rc 0 "import a second plan"
expect_in out.txt "安政发〔2023〕5号" "second plan's number"
run --db "$DB" plans
expect_eq "$(($(wc -l <out.txt) - 1))" 2 "two plans listed"
run --db "$DB" show 1
expect_in out.txt "安政发〔2023〕5号" "default plan is the most recent import"
run --db "$DB" show 130 --plan 2022
expect_rc 0 "--plan 2022"
expect_in out.txt "观景台" "--plan 2022 selects the 2022 plan"
run --db "$DB" show 130 --plan 安政发〔2023〕5号
expect_in out.txt "建设香溪洞登山步道。" "--plan by document number"
run --db "$DB" tasks --plan 1999
expect_rc 1 "--plan naming no plan"

# DUBAN_DB names the database; --db overrides it; ./duban.db is the default.
DUBAN_DB=$WORK/env.db run import "$EXAMPLE"
expect_rc 0 "import with DUBAN_DB"
[ -s "$WORK/env.db" ] || fail "DUBAN_DB did not name the database"
[ ! -e duban.db ] || fail "DUBAN_DB set, yet ./duban.db was created"
[ -z "${DUBAN_DB:-}" ] || fail "DUBAN_DB leaked out of run"
DUBAN_DB=$WORK/env.db run --db "$WORK/flag.db" plans
expect_rc 0 "plans with --db over DUBAN_DB"
expect_not_in out.txt "安政发〔2022〕5号" "--db overrides DUBAN_DB"
run --db "sqlite:$WORK/env.db" plans
expect_in out.txt "安政发〔2022〕5号" "--db sqlite:PATH"
run import "$EXAMPLE"
expect_rc 0 "import into the default database"
[ -s duban.db ] || fail "no ./duban.db by default"
run --db postgres://localhost/duban plans
expect_rc 3 "PostgreSQL is not supported yet"
expect_in err.txt "PostgreSQL" "PostgreSQL message"

finish
