#!/bin/bash
# Browser tests of the web interface: a fresh database with the example list and directory,
# four users, the real `duban serve` on a loopback port, playwright-core driving Debian's
# chromium (tests/e2e/README.md). Skips (exit 77) only when node or chromium is missing.
set -u

E2E=$(cd "$(dirname "$0")" && pwd)
SRC=${DUBAN_SRCDIR:-$(cd "$E2E/../.." && pwd)}
BIN=${DUBAN_BIN:-$SRC/build/duban}
EXAMPLES=${DUBAN_EXAMPLES:-$SRC/examples}
ARTIFACTS=${E2E_ARTIFACTS:-${1:-$SRC/build/e2e-artifacts}}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM

if ! command -v node >/dev/null 2>&1; then
	echo "SKIP: node is missing (scripts/install-deps.sh installs it)"
	exit 77
fi
if [ ! -x "$CHROMIUM" ]; then
	echo "SKIP: $CHROMIUM is missing (scripts/install-deps.sh installs Debian's chromium)"
	exit 77
fi

# playwright-core from the committed lockfile (never a browser download).
if [ ! -f "$E2E/node_modules/playwright-core/package.json" ] ||
   [ "$E2E/package-lock.json" -nt "$E2E/node_modules/.package-lock.json" ]; then
	echo "e2e: npm ci --prefix tests/e2e"
	if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$E2E" --no-audit --no-fund >/dev/null; then
		echo "e2e: npm ci failed (needs the npm registry or its cache)"
		exit 1
	fi
fi
# The vendored ECharts must be the lockfile's (when web/node_modules is there to compare).
if [ -d "$SRC/web/node_modules/echarts" ] && ! node "$SRC/web/tools/vendor.mjs" --check; then
	exit 1
fi

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -TERM "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

export DUBAN_PWHASH=fast
DB=$WORK/e2e.db
PASSWORD=e2e-password-1
run() {
	if ! "$BIN" --db "$DB" "$@" >>"$WORK/setup.log" 2>&1; then
		echo "e2e: setup failed: duban $*"
		cat "$WORK/setup.log"
		exit 1
	fi
}
run import "$EXAMPLES/ankang-2022/tasks.txt"
run units import "$EXAMPLES/ankang-2022/units.csv" "$EXAMPLES/ankang-2022/groups.csv"
for u in "admin --role admin --name 督查室管理员" "leader --role leader --name 王领导" \
	 "hanbin --role liaison --unit 汉滨区政府 --name 汉滨联络员" "fgw --role liaison --unit 市发改委 --name 发改联络员"; do
	# shellcheck disable=SC2086
	echo "$PASSWORD" | run user add $u
done

: >"$WORK/serve.out"
"$BIN" --db "$DB" serve --listen 127.0.0.1:0 --web "$SRC/web" --threads 4 \
	--access-log "$WORK/access.log" >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER_PID=$!
BASE=
for _ in $(seq 300); do
	BASE=$(head -n 1 "$WORK/serve.out")
	[ -n "$BASE" ] && break
	kill -0 "$SERVER_PID" 2>/dev/null || break
	sleep 0.1
done
if [ -z "$BASE" ]; then
	echo "e2e: the server did not start"
	cat "$WORK/serve.err"
	exit 1
fi
case $BASE in */) ;; *) BASE=$BASE/ ;; esac

mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/*.png "$ARTIFACTS"/download-*
E2E_BASE=$BASE E2E_ARTIFACTS=$ARTIFACTS E2E_FIXTURES=$E2E/fixtures E2E_PASSWORD=$PASSWORD \
	node "$E2E/run.mjs"
rc=$?

kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
server_rc=$?
SERVER_PID=
if [ "$server_rc" -ne 0 ]; then
	echo "e2e: duban serve exited with $server_rc"
	rc=1
fi
if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$WORK/serve.err"; then
	echo "e2e: the server reported sanitizer errors:"
	grep -E -A20 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$WORK/serve.err" | head -60
	rc=1
fi
if [ "$rc" -ne 0 ]; then
	echo "--- last lines of the access log"
	tail -40 "$WORK/access.log"
fi
exit "$rc"
