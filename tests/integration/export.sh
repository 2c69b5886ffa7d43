#!/bin/bash
# Exports: JSON and CSV shapes, -o writes whole files, and the round trip
# against the hand-checked tests/fixtures/ankang-2022/expected.json.
COMPARE=$(readlink -f "${1:?usage: export.sh COMPARE_EXPORT}")	# before lib.sh changes directory
. "$(dirname "$0")/lib.sh"

DB=$WORK/export.db
EXPECTED=$FIXTURES/ankang-2022/expected.json

run --db "$DB" export
expect_rc 1 "export from an empty database"
expect_in err.txt "duban import" "empty database message"

run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example"

run --db "$DB" export --format json
expect_rc 0 "export json to stdout"
cp out.txt stdout.json
run --db "$DB" export -o plan.json
expect_rc 0 "export json -o"
cmp -s stdout.json plan.json || fail "-o and stdout give different JSON"
expect_eq "$(head -c 1 plan.json)" "{" "JSON starts with {"
expect_in plan.json '"doc_no": "安政发〔2022〕5号"' "JSON is UTF-8, not escaped"
expect_in plan.json '  "tasks": [' "JSON is indented by 2"

run --db "$DB" export --format csv --output plan.csv
expect_rc 0 "export csv -o"
expect_eq "$(head -c 3 plan.csv | od -An -tx1 | tr -d ' \n')" "efbbbf" "CSV starts with a BOM"
expect_eq "$(head -1 plan.csv | tail -c +4 | tr -d '\r')" "序号,分类,重点任务,牵头单位,责任单位" "CSV header"
expect_eq "$(grep -c $'\r$' plan.csv)" 131 "131 CRLF-ended CSV lines"
expect_eq "$(tr -d '\r' <plan.csv | grep -c '')" 131 "CSV has a header and 130 rows"
expect_in plan.csv "69,共性任务," "CSV row 69"
expect_eq "$(grep '^70,' plan.csv | awk -F, '{print $NF}' | tr -d '\r')" \
	"$(grep '^69,' plan.csv | awk -F, '{print $NF}' | tr -d '\r')" "CSV row 70 carries 69's units"
ls plan.csv.tmp.* >/dev/null 2>&1 && fail "export left a temporary file"

run --db "$DB" export --format csv
expect_rc 0 "export csv to stdout"
cmp -s out.txt plan.csv || fail "CSV on stdout differs from -o"

run --db "$DB" export -o no-such-dir/plan.json
expect_rc 1 "export into a missing directory"

# The round trip: what was imported and stored comes back out as the document says.
if [ ! -e "$EXPECTED" ]; then
	fail "missing $EXPECTED (the hand-checked expectation)"
else
	"$COMPARE" plan.json "$EXPECTED" >compare.txt 2>&1
	status=$?
	checks=$((checks + 1))
	if [ "$status" -ne 0 ]; then
		fail "export differs from expected.json (status $status):"
		head -100 compare.txt
	fi
fi

# The same list in GB18030 comes out the same.
if command -v iconv >/dev/null; then
	iconv -f UTF-8 -t GB18030 "$EXAMPLE" >gb18030.txt
	run --db "$WORK/gb.db" import gb18030.txt
	expect_rc 0 "import the GB18030 example"
	expect_in out.txt "源文件编码为 GB18030" "summary notes the conversion"
	expect_in err.txt "gb18030.txt" "warnings name the file"
	expect_in err.txt "警告：" "warnings are marked"
	run --db "$WORK/gb.db" export -o gb.json
	expect_rc 0 "export the GB18030 import"
	if [ -e "$EXPECTED" ]; then
		checks=$((checks + 1))
		"$COMPARE" gb.json "$EXPECTED" >compare-gb.txt 2>&1 ||
			{ fail "GB18030 export differs from expected.json:"; head -50 compare-gb.txt; }
	fi
fi

finish
