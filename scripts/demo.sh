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

echo
echo "HTTP 服务器和网页界面尚未构建（后续版本提供）；现在请使用命令行：$BIN --help"
