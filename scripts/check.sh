#!/bin/bash
# The whole test suite: a normal (gcc) build, an ASan+UBSan (clang) build,
# and the unit tests under valgrind. Ends with "N passed, N failed".
# The 'pg' suite (store and HTTP tests on PostgreSQL) runs in both builds
# against one throwaway PostgreSQL server started here (scripts/pg-test.sh).
set -u
cd "$(dirname "$0")/.."

passed=0
failed=0
logdir=$(mktemp -d)

# One throwaway PostgreSQL server for the whole run, stopped at the end.  If it cannot
# start, each pg test starts its own (and fails there if PostgreSQL is missing).
pgdir=$(mktemp -u /tmp/duban-pg-XXXXXX)	# /tmp: the server's user must reach it
trap 'scripts/pg-test.sh stop "$pgdir" 2>/dev/null' EXIT
if DUBAN_TEST_PG=$(scripts/pg-test.sh start "$pgdir"); then
	export DUBAN_TEST_PG
	echo "== PostgreSQL for the pg suite: $DUBAN_TEST_PG"
else
	unset DUBAN_TEST_PG
	echo "== PostgreSQL did not start; each pg test will try its own"
fi

# Run `meson test` in a build directory and add its counts to the totals.
run_suite() {
	local name=$1 dir=$2; shift 2
	local log="$logdir/$name.log"
	echo "== $name: meson test -C $dir $*"
	meson test -C "$dir" --print-errorlogs "$@" 2>&1 | tee "$log" | grep -E '^ *[0-9]+/[0-9]+ |^(Ok|Fail|Timeout|Skipped|Expected Fail|Unexpected Pass):'
	local ok fail to up xf
	ok=$(awk '/^Ok:/ {print $NF}' "$log")
	fail=$(awk '/^Fail:/ {print $NF}' "$log")
	to=$(awk '/^Timeout:/ {print $NF}' "$log")
	up=$(awk '/^Unexpected Pass:/ {print $NF}' "$log")
	xf=$(awk '/^Expected Fail:/ {print $NF}' "$log")
	if [ -z "$ok" ]; then
		echo "== $name: meson test did not run; see $log"
		tail -30 "$log"
		failed=$((failed + 1))
		return
	fi
	passed=$((passed + ok + ${xf:-0}))
	failed=$((failed + ${fail:-0} + ${to:-0} + ${up:-0}))
}

# Configure and build one tree; a build failure counts as one failure.
build() {
	local name=$1 dir=$2; shift 2
	echo "== $name: build in $dir"
	if [ ! -f "$dir/build.ninja" ]; then
		if ! meson setup "$dir" "$@" >"$logdir/$name-setup.log" 2>&1; then
			cat "$logdir/$name-setup.log"
			failed=$((failed + 1))
			return 1
		fi
	fi
	if ! ninja -C "$dir" >"$logdir/$name-build.log" 2>&1; then
		tail -60 "$logdir/$name-build.log"
		failed=$((failed + 1))
		return 1
	fi
}

if build normal build; then
	run_suite normal build
	if command -v valgrind >/dev/null; then
		run_suite valgrind build --suite unit \
			--wrapper 'valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect' \
			--timeout-multiplier 10
	fi
fi
if CC=clang build sanitize build-asan -Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debug; then
	run_suite sanitize build-asan
fi

rm -rf "$logdir"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
