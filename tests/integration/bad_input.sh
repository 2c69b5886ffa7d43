#!/bin/bash
# Bad input files exit 1 and leave the database byte-for-byte unchanged.
. "$(dirname "$0")/lib.sh"

DB=$WORK/bad.db
run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example first"
cp "$DB" before.db

: >empty.txt
head -c 4096 /dev/urandom >random.bin
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' >image.png
printf '\xff\xfe\xff\xfe\x80\x81 invalid \xff\n1\t\xff\xff\t\xfe\n' >invalid.txt
cat >prose.txt <<'TXT'
安康市人民政府关于做好春季农业生产工作的通知

各县（市、区）人民政府，市政府各工作部门：

当前正值春耕备耕关键时期，请各地切实做好农业生产各项工作。

安康市人民政府
2022 年 3 月 1 日
TXT
mkdir adir

for f in empty.txt random.bin image.png invalid.txt prose.txt adir no-such-file.txt; do
	run --db "$DB" import "$f"
	expect_rc 1 "import $f"
	[ -s err.txt ] || fail "import $f: no message on stderr"
	cmp -s "$DB" before.db || fail "import $f changed the database file"
done
# A bad file with --replace changes nothing either.
run --db "$DB" import --replace prose.txt
expect_rc 1 "import --replace prose.txt"
cmp -s "$DB" before.db || fail "import --replace of a bad file changed the database"

# The fixtures other helpers keep for the readers, where present.
for f in "$FIXTURES"/import/blank.txt "$FIXTURES"/import/not_a_list.txt; do
	[ -e "$f" ] || continue
	run --db "$DB" import "$f"
	expect_rc 1 "import $(basename "$f")"
	cmp -s "$DB" before.db || fail "import $(basename "$f") changed the database file"
done

run --db "$DB" tasks
expect_eq "$(($(wc -l <out.txt) - 1))" 130 "still 130 tasks"

# A file that is not a database is refused as a store error.
echo "not a database" >junk.db
run --db junk.db plans
expect_rc 3 "a non-database file"
expect_in err.txt "不是 SQLite 数据库" "non-database message"
expect_eq "$(cat junk.db)" "not a database" "the non-database file is left alone"

finish
