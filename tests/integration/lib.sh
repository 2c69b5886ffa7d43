# Shared by the integration tests: a fresh directory, the binary, and checks that count failures.
# Each test script sources this, runs its cases, and ends with `finish`.
set -u

if [ -z "${DUBAN_BIN:-}" ] || [ ! -x "$DUBAN_BIN" ]; then
	echo "DUBAN_BIN is not set to the duban binary" >&2
	exit 1
fi
EXAMPLE=${DUBAN_EXAMPLES:?}/ankang-2022/tasks.txt
FIXTURES=${DUBAN_FIXTURES:?}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/duban-it-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
# No database from the environment leaks in: each test names its own.
unset DUBAN_DB
export LC_ALL=C.UTF-8

failures=0
checks=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# Under ASan/UBSan, a finding must not pass for an expected exit status.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:exitcode=86"

# sanitizer_check FILE: fail if a sanitizer reported in FILE.
sanitizer_check() {
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$1"; then
		fail "sanitizer report in $1:"
		head -30 "$1"
	fi
}

# run ARGS...: run duban, keeping stdout in out.txt, stderr in err.txt, status in $rc.
run() {
	"$DUBAN_BIN" "$@" >out.txt 2>err.txt
	rc=$?
	sanitizer_check err.txt
}

# expect_rc WANT DESCRIPTION: check the status of the last `run`.
expect_rc() {
	checks=$((checks + 1))
	if [ "$rc" -ne "$1" ]; then
		fail "$2: exit status $rc, expected $1"
		echo "  stdout: $(head -c 600 out.txt)"
		echo "  stderr: $(head -c 600 err.txt)"
	fi
}

# expect_in FILE TEXT DESCRIPTION: FILE contains TEXT (a fixed string).
expect_in() {
	checks=$((checks + 1))
	if ! grep -qF -- "$2" "$1"; then
		fail "$3: '$2' not in $1"
		echo "  $1: $(head -c 600 "$1")"
	fi
}

expect_not_in() {
	checks=$((checks + 1))
	if grep -qF -- "$2" "$1"; then
		fail "$3: '$2' unexpectedly in $1"
	fi
}

# expect_eq GOT WANT DESCRIPTION
expect_eq() {
	checks=$((checks + 1))
	if [ "$1" != "$2" ]; then
		fail "$3: got '$1', expected '$2'"
	fi
}

finish() {
	echo "$checks checks, $failures failed"
	[ "$failures" -eq 0 ]
	exit $?
}
