#!/bin/bash
# Word and Excel imports through the real binary: broken or hostile packages exit 1
# with a message naming the file and leave the database byte-for-byte unchanged; the
# example as .docx and as .xlsx exports exactly as its text does.
COMPARE=$(readlink -f "${1:?usage: test_office.sh COMPARE_EXPORT}")	# before lib.sh changes directory
. "$(dirname "$0")/lib.sh"

OFFICE=$FIXTURES/import/office
DB=$WORK/office.db

run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example text"
cp "$DB" before.db

for f in truncated.docx garbage.docx no_document.docx bomb.docx lying.docx huge_part.docx \
	laughs.docx xxe.docx entity.docx malformed.docx no_workbook.xlsx xxe.xlsx sst_range.xlsx; do
	run --db "$DB" import "$OFFICE/bad/$f"
	expect_rc 1 "import bad/$f"
	expect_in err.txt "$f: " "the message for bad/$f names the file"
	expect_not_in err.txt "root:" "bad/$f: nothing of /etc/passwd in the message"
	cmp -s "$DB" before.db || fail "import bad/$f changed the database file"
done
expect_in <(run --db "$DB" import "$OFFICE/bad/bomb.docx"; cat err.txt) "word/document.xml" \
	"the bomb's message names the part"
run --db "$DB" import --replace "$OFFICE/bad/xxe.docx"
expect_rc 1 "import --replace of a hostile .docx"
cmp -s "$DB" before.db || fail "import --replace of a hostile .docx changed the database"

run --db "$DB" export --format json -o text.json
expect_rc 0 "export the text import"
for fmt in docx xlsx; do
	run --db "$WORK/$fmt.db" import "$OFFICE/ankang-2022.$fmt"
	expect_rc 0 "import the example .$fmt"
	expect_in out.txt "共 130 项任务" "the .$fmt import has 130 tasks"
	expect_in out.txt "安政发〔2022〕5号" "the .$fmt import names the document number"
	run --db "$WORK/$fmt.db" export --format json -o "$fmt.json"
	expect_rc 0 "export the .$fmt import"
	checks=$((checks + 1))
	cmp -s text.json "$fmt.json" || { fail "the .$fmt export differs from the text's"; diff text.json "$fmt.json" | head -20; }
	"$COMPARE" "$fmt.json" "$FIXTURES/ankang-2022/expected.json" >compare.txt 2>&1
	status=$?
	checks=$((checks + 1))
	[ "$status" -eq 0 ] || { fail "the .$fmt export differs from expected.json"; head -40 compare.txt; }
done
# The same plan again from another format is the same document: refused without --replace.
run --db "$WORK/docx.db" import "$OFFICE/ankang-2022.xlsx"
expect_rc 1 "the .xlsx after the .docx (same document number)"
expect_in err.txt "--replace" "the refusal suggests --replace"

# A worksheet chosen by name; an unknown name lists the workbook's sheets.
run --db "$WORK/sheet.db" import --dry-run --sheet 任务清单 "$OFFICE/edge.xlsx"
expect_rc 0 "--sheet with the task sheet's name"
expect_in out.txt "共 6 项任务" "the named sheet's tasks are read"
run --db "$WORK/sheet.db" import --sheet 没有这张 "$OFFICE/edge.xlsx"
expect_rc 1 "--sheet with an unknown name"
expect_in err.txt "没有名为“没有这张”的工作表" "the error names the missing sheet"
expect_in err.txt "任务清单" "the error lists the sheets there are"
[ ! -e "$WORK/sheet.db" ] || [ "$(sqlite3 "$WORK/sheet.db" 'SELECT count(*) FROM plans')" = 0 ] ||
	fail "a refused import stored a plan"

finish
