#!/bin/bash
# make demo: import the example list into DB (again harmlessly) and show what was loaded.
# Usage: scripts/demo.sh BIN DB EXAMPLE
set -eu

if [ $# -ne 3 ]; then
	echo "用法: $0 duban程序 数据库 示例清单" >&2
	exit 2
fi
BIN=$1
DB=$2
EXAMPLE=$3

# The example's unit directory, beside the list, first: the list's units then
# resolve as it is imported.  Importing it again keeps every assignment (ids and
# all), so running `make demo` twice is harmless.
DIR=$(dirname "$EXAMPLE")
if [ -f "$DIR/units.csv" ] && [ -f "$DIR/groups.csv" ]; then
	"$BIN" --db "$DB" units import "$DIR/units.csv" "$DIR/groups.csv"
fi
# --skip-existing: running `make demo` twice is not an error.
"$BIN" --db "$DB" import --skip-existing "$EXAMPLE"

echo
echo "== duban plans"
"$BIN" --db "$DB" plans

echo
echo "== duban tasks（前 15 项；全部见 $BIN --db $DB tasks）"
"$BIN" --db "$DB" tasks | head -16

echo
echo "== duban units（牵头任务最多的 10 个单位）"
"$BIN" --db "$DB" units | head -11

echo
echo "== duban show 11"
"$BIN" --db "$DB" show 11

echo
echo "== duban assignments --task 11（各县（市、区）政府、各开发区管委会按成员展开）"
"$BIN" --db "$DB" assignments --task 11

echo
echo "== duban unit 汉滨区政府（前 12 行）"
"$BIN" --db "$DB" unit 汉滨区政府 | head -12

# Sample progress reports up to a fixed day of the list's year, so that status has
# something to show.  demo-data changes nothing when the plan has sample data already,
# so running `make demo` twice is harmless.  Everything it writes is marked 示例数据.
AS_OF=2022-09-30
echo
echo "== duban demo-data --as-of $AS_OF（示例数据）"
"$BIN" --db "$DB" demo-data --as-of "$AS_OF"

echo
echo "== duban status --as-of $AS_OF（前 12 项任务）"
"$BIN" --db "$DB" status --as-of "$AS_OF" | head -41

echo
echo "== duban status --as-of $AS_OF --by unit（红色最多的 8 个单位）"
"$BIN" --db "$DB" status --as-of "$AS_OF" --by unit | head -14

echo
echo "== duban status --as-of $AS_OF --unit 汉滨区政府 --rag red（前 6 项）"
"$BIN" --db "$DB" status --as-of "$AS_OF" --unit 汉滨区政府 --rag red | head -19

# Supervision, read only: suggestions are listed, never issued by themselves (accepting one
# would write an unmarked record into a database of sample data), and the assessment, a
# bulletin preview and the Excel ledger are computed from the sample records.
OUT=$(dirname "$DB")
echo
echo "== duban suggest --as-of $AS_OF（督办建议，前 4 条；督查室用 suggest accept/dismiss 逐条决定）"
"$BIN" --db "$DB" suggest --as-of "$AS_OF" | head -18

echo
echo "== duban assess --year 2022 --as-of $AS_OF（年度考核，前 10 名）"
"$BIN" --db "$DB" assess --year 2022 --as-of "$AS_OF" | head -15

echo
echo "== duban bulletin --period 2022-09（进展通报预览，未印发）与 export --format xlsx（督办台账）"
"$BIN" --db "$DB" bulletin --period 2022-09 -o "$OUT/demo-bulletin-2022-09.html"
"$BIN" --db "$DB" export --format xlsx -o "$OUT/demo-ledger.xlsx" --as-of "$AS_OF" --year 2022

echo
echo "更多：$BIN --db $DB report history --assignment 分工ID；$BIN --help"

# Demo accounts for the web interface (created once; only for this local demo database):
# the office, a leader, and the liaison officers of 汉滨区政府 and 市发改委.
demo_user() {
	if ! "$BIN" --db "$DB" user list | awk 'NR > 1 {print $2}' | grep -qx "$1"; then
		printf '%s\n' "$DEMO_PASSWORD" | "$BIN" --db "$DB" user add "$@" >/dev/null
	fi
}
DEMO_PASSWORD=${DEMO_PASSWORD:-duban-demo-2022}
demo_user admin --role admin --name 督查室
demo_user leader --role leader --name 分管领导
demo_user hanbin --role liaison --unit 汉滨区政府 --name 汉滨区联络员
demo_user fgw --role liaison --unit 市发改委 --name 市发改委联络员

LISTEN=${DUBAN_LISTEN:-127.0.0.1:8080}
echo
echo "== duban serve --listen $LISTEN"
echo "演示账号（密码均为 $DEMO_PASSWORD）：admin（督查室）、leader（领导）、hanbin（汉滨区政府联络员）、fgw（市发改委联络员）"
echo "按 Ctrl-C 停止服务器。"
exec "$BIN" --db "$DB" serve --listen "$LISTEN" --web "$(dirname "$0")/../web"
