#!/bin/bash
# The HTTP benchmarks, run by hand: bench/http.sh [BUILD_DIR] [SECONDS]
# A fresh SQLite database with the example list, the unit directory and sample records
# (duban demo-data as of 2022-09-30), `duban serve --threads 4`, and wrk -t2 -c32 --latency:
#   1. a liaison's task list with status:   GET /api/v1/status?as_of=2022-09-30 (its unit's)
#   2. one task with its report history:    GET /api/v1/assignments/ID (record, reports)
#      (and, for comparison, the plain task list GET /api/v1/tasks?limit=1000, its unit's 79 tasks)
#   (1) and (2) are measured twice: as wrk asks by default (no Accept-Encoding: the plain JSON),
#   and as a browser asks (Accept-Encoding: gzip, deflate, br: the gzip-coded answer)
#   3. posting reports:                     POST /api/v1/assignments/ID/reports (bench/post_report.lua:
#      the liaison's session cookie and CSRF token, its assignments in turn, each a new version)
#   then (1) and (2) again with --answer-cache 0 (every answer computed, as after each write),
#   and, in the same run, the machine's ceiling: bench/bare_mhd (libmicrohttpd answering a fixed
#   2 KB JSON body with the same daemon flags and thread pool).
# Prints requests/s, p50/p99, non-2xx answers, the server's resident memory (ps -o rss) after each
# run, how many reports were stored and in how many commits: the figures docs/PERFORMANCE.md keeps.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
secs=${2:-10}
root=$PWD
AS_OF=2022-09-30
UNIT=汉滨区政府
work=$(mktemp -d /tmp/duban-httpbench-XXXXXX)
pids=()

cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk curl jq sqlite3; do
	command -v "$tool" >/dev/null || { echo "http.sh: $tool is needed (scripts/install-deps.sh)" >&2; exit 1; }
done
ninja -C "$build" duban bench/bare_mhd >/dev/null
duban=$root/$build/duban
export DUBAN_PWHASH=fast	# logins at the library minimum: the runs measure requests, not argon2

echo "== machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
	"$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: bench/http.sh $build $secs   (wrk -t2 -c32 -d${secs}s --latency)"

# serve CMD...: start a server that prints its base URL first; the URL in $base, pid in $pid.
serve() {
	local out=$work/serve$((${#pids[@]} + 1)).out
	: >"$out"
	"$@" >"$out" 2>>"$work/serve.err" &
	pid=$!
	pids+=("$pid")
	for _ in $(seq 200); do
		[ -s "$out" ] && break
		sleep 0.05
	done
	base=$(head -n 1 "$out" | sed 's:/$::')
	[ -n "$base" ] || { echo "http.sh: the server did not start" >&2; cat "$work/serve.err" >&2; exit 1; }
}

# measure NAME URL [WRK ARGS...]: one wrk run; a line of figures, and the server's RSS.
measure() {
	local name=$1 url=$2 rss
	shift 2
	# The URL before the options: a script's arguments come last, after "--".
	wrk -t2 -c32 -d"${secs}s" --latency "$url" "$@" >"$work/wrk-$name.txt" 2>&1
	rss=$(ps -o rss= -p "$server_pid" | tr -d ' ')
	awk -v name="$name" -v rss="$rss" '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 }
		/^ +99%/ { p99 = $2 }
		/requests in/ { n = $1 }
		/Non-2xx/ { bad = $NF }
		END { printf "  %-8s %8.0f req/s  p50 %-8s p99 %-8s requests %d  non-2xx %d  server RSS %.1f MiB\n",
			name, rps, p50, p99, n, bad, rss / 1024 }' "$work/wrk-$name.txt"
}

echo "== setup: example list, directory, demo-data as of $AS_OF"
db=$work/bench.db
"$duban" --db "$db" import examples/ankang-2022/tasks.txt >/dev/null
"$duban" --db "$db" units import examples/ankang-2022/units.csv examples/ankang-2022/groups.csv >/dev/null
"$duban" --db "$db" demo-data --as-of "$AS_OF" | sed 's/^/  /'
printf 'liaison-password\nliaison-password\n' |
	"$duban" --db "$db" user add bench --role liaison --unit "$UNIT" >/dev/null

serve "$duban" --db "$db" serve --listen 127.0.0.1:0 --threads 4 --web "$root/web" \
	--access-log "$work/access.log"
server_pid=$pid
duban_base=$base
body=$(curl -s -D "$work/h.txt" -H 'Content-Type: application/json' \
	--data '{"login":"bench","password":"liaison-password"}' "$duban_base/api/v1/session")
token=$(sed -n 's/^Set-Cookie: duban_session=\([^;]*\);.*/\1/p' "$work/h.txt" | tr -d '\r')
csrf=$(jq -r .csrf_token <<<"$body")
cookie=(-H "Cookie: duban_session=$token")
curl -s "${cookie[@]}" "$duban_base/api/v1/assignments" >"$work/asg.json"
ids=$(jq -r '[.assignments[] | select(.state == "active") | .id] | join(",")' "$work/asg.json")
one=$(jq -r '[.assignments[] | select(.state == "active" and .role == "lead")][0].id' "$work/asg.json")
curl -s "${cookie[@]}" "$duban_base/api/v1/assignments/$one" >"$work/one.json"
curl -s "${cookie[@]}" "$duban_base/api/v1/status?as_of=$AS_OF" >"$work/status.json"
echo "  liaison of $UNIT: $(tr ',' '\n' <<<"$ids" | wc -l) assignments;" \
	"status answer $(wc -c <"$work/status.json") bytes ($(jq '.tasks | length' "$work/status.json") tasks);" \
	"assignment $one: $(jq '.reports | length' "$work/one.json") reports, $(wc -c <"$work/one.json") bytes"
reports_before=$(sqlite3 "$db" 'SELECT count(*) FROM reports')

echo "== duban serve (--threads 4, SQLite WAL, synchronous=FULL)"
echo "  idle RSS $(ps -o rss= -p "$server_pid" | awk '{printf "%.1f MiB", $1 / 1024}')"
gz=(-H "Accept-Encoding: gzip, deflate, br")	# what a browser sends with every request
measure status "$duban_base/api/v1/status?as_of=$AS_OF" "${cookie[@]}"
measure status-gz "$duban_base/api/v1/status?as_of=$AS_OF" "${cookie[@]}" "${gz[@]}"
measure history "$duban_base/api/v1/assignments/$one" "${cookie[@]}"
measure hist-gz "$duban_base/api/v1/assignments/$one" "${cookie[@]}" "${gz[@]}"
measure tasks "$duban_base/api/v1/tasks?limit=1000" "${cookie[@]}"
echo "== beside it, the same reads computed every time (a second duban serve --answer-cache 0): what a read after a write costs"
serve "$duban" --db "$db" serve --listen 127.0.0.1:0 --threads 4 --answer-cache 0 \
	--access-log "$work/access-nocache.log"
nocache_pid=$pid
saved_pid=$server_pid
server_pid=$nocache_pid
measure status "$base/api/v1/status?as_of=$AS_OF" "${cookie[@]}"
measure history "$base/api/v1/assignments/$one" "${cookie[@]}"
kill "$nocache_pid"
wait "$nocache_pid" 2>/dev/null || true
server_pid=$saved_pid

echo "== back to the first server: posting reports"
measure report "$duban_base" -s bench/post_report.lua -- "$token" "$csrf" "$ids"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
pids=()
grep -e 'group commit' -e 'answer cache' "$work/access.log" | sed 's/^[^ ]* - /  /'
posted=$(awk '$3 == "POST" && $4 ~ /\/reports$/ && $5 == 201' "$work/access.log" | wc -l)
stored=$(sqlite3 "$db" 'SELECT count(*) FROM reports')
echo "  reports answered 201: $posted; stored: $stored - $reports_before (sample) = $((stored - reports_before))"
"$duban" --db "$db" audit verify | head -n 1 | sed 's/^/  /'

echo "== ceiling: bench/bare_mhd (fixed 2 KB JSON, 4 threads)"
serve "$root/$build/bench/bare_mhd" 4
server_pid=$pid
measure bare "$base/"
