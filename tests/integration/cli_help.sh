#!/bin/bash
# Every command answers --help with exit 0; unknown commands and options exit 2.
. "$(dirname "$0")/lib.sh"

run --help
expect_rc 0 "duban --help"
expect_in out.txt "用法" "duban --help prints usage"
commands=$(awk '/^命令/ { on = 1; next } on && /^  [a-z]/ { print $1 }' out.txt)
[ -n "$commands" ] || fail "no commands listed by duban --help"
for c in import plans tasks show targets units export; do
	echo "$commands" | grep -qx "$c" || fail "duban --help does not list $c"
done

for c in $commands; do
	run "$c" --help
	expect_rc 0 "duban $c --help"
	expect_in out.txt "用法" "duban $c --help prints usage"
	run "$c" -h
	expect_rc 0 "duban $c -h"
	run "$c" --no-such-option
	expect_rc 2 "duban $c --no-such-option"
done
# No database was created by asking for help.
[ ! -e duban.db ] || fail "--help created duban.db"

run no-such-command
expect_rc 2 "unknown command"
expect_in err.txt "未知命令" "unknown command message"
run --no-such-global
expect_rc 2 "unknown global option"
run
expect_rc 2 "no command"
run --version
expect_rc 0 "--version"

# Usage errors of particular commands.
run import
expect_rc 2 "import without a file"
run import a.txt b.txt
expect_rc 2 "import with two files"
run import "$EXAMPLE" --replace --skip-existing
expect_rc 2 "import --replace --skip-existing"
run import "$EXAMPLE" --format pdf
expect_rc 2 "import --format pdf"
run import "$EXAMPLE" --format
expect_rc 2 "import --format without a value"
run show
expect_rc 2 "show without a number"
run show abc
expect_rc 2 "show abc"
run export --format xml
expect_rc 2 "export --format xml"
run tasks extra-word
expect_rc 2 "tasks with a surplus argument"

finish
