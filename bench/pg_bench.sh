#!/bin/bash
# The PostgreSQL benchmarks, run by hand: bench/pg_bench.sh [BUILD_DIR] [SECONDS]
# 1. `duban import` of the 100,000-task list (bench/gen_list.sh) into PostgreSQL (COPY).
# 2. HTTP: `duban serve` on SQLite (one instance), on PostgreSQL with one instance, and with two
#    instances on one PostgreSQL database, driven by wrk: authenticated reads
#    (GET /api/v1/tasks?limit=20 on the example list) and audited writes (POST /api/v1/users: a
#    transaction with the audit chain's head), 32 connections split over the instances.
# PostgreSQL is a throwaway server (scripts/pg-test.sh start --durable: fsync and
# synchronous_commit on, as in production).  Prints the figures docs/PERFORMANCE.md records.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
secs=${2:-10}
root=$PWD
work=$(mktemp -d /tmp/duban-httpbench-XXXXXX)
chmod 0755 "$work"
pgdir=$work/pg
pids=()

cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	scripts/pg-test.sh stop "$pgdir" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk curl jq psql; do
	command -v "$tool" >/dev/null || { echo "http_bench: $tool is needed (scripts/install-deps.sh)" >&2; exit 1; }
done
ninja -C "$build" duban >/dev/null
duban=$root/$build/duban
export DUBAN_PWHASH=fast	# new users' password hashes at the library minimum: we measure the store

echo "== machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
	"$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PostgreSQL: $(scripts/pg-test.sh start "$pgdir" --durable) (durable: fsync on)"
pgurl=$(cat "$pgdir/url")
"$(pg_config --bindir)/postgres" --version 2>/dev/null || true

# The wrk script for writes: each thread creates users PREFIX-THREAD-N.
cat >"$work/write.lua" <<'EOF'
local counter = 0
local prefix = "w"
local threads = 0
function setup(thread)
	threads = threads + 1
	thread:set("tid", threads)
end
function init(args)
	prefix = args[1] or "w"
end
function request()
	counter = counter + 1
	local body = string.format('{"login":"%s%d_%d","password":"bench-password","role":"leader"}',
		prefix, tid, counter)
	return wrk.format("POST", "/api/v1/users", nil, body)
end
EOF

# start N URL: N instances of duban serve on database URL; their base URLs in $bases.
start() {
	local n=$1 db=$2 i out
	bases=()
	for i in $(seq 1 "$n"); do
		out=$work/serve$i.out
		: >"$out"
		"$duban" --db "$db" serve --listen 127.0.0.1:0 --threads 4 --web "$root/web" \
			--access-log /dev/null >"$out" 2>>"$work/serve.err" &
		pids+=($!)
		for _ in $(seq 100); do
			[ -s "$out" ] && break
			sleep 0.05
		done
		bases+=("$(head -n 1 "$out" | sed 's:/$::')")
	done
}

stop_all() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	pids=()
}

# run_wrk NAME ARGS...: wrk on every instance at once (connections split), summed.
run_wrk() {
	local name=$1 path=$2 i
	shift 2
	local conns=$((32 / ${#bases[@]})) wp=()
	for i in "${!bases[@]}"; do
		wrk -t1 -c"$conns" -d"${secs}s" --latency -H "Cookie: duban_session=$token" \
			-H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' "$@" \
			"${bases[$i]}$path" ${lua:+-- "i$i"} >"$work/wrk-$name-$i.txt" 2>&1 &
		wp+=($!)
	done
	for p in "${wp[@]}"; do wait "$p"; done
	awk -v name="$name" '
		/Requests\/sec/ { rps += $2 }
		/^ +50%/ { p50 = p50 ? p50 "/" $2 : $2 }
		/^ +99%/ { p99 = p99 ? p99 "/" $2 : $2 }
		/Non-2xx/ { bad += $NF }
		END { printf "  %-6s %8.0f req/s   p50 %s   p99 %s   non-2xx %d\n", name, rps, p50, p99, bad }
	' "$work"/wrk-"$name"-*.txt
}

# bench LABEL N DB: set up DB, serve it with N instances, measure reads and writes.
bench() {
	local label=$1 n=$2 db=$3 body
	printf 'admin-password\nadmin-password\n' | "$duban" --db "$db" user add admin --role admin >/dev/null
	"$duban" --db "$db" import examples/ankang-2022/tasks.txt >/dev/null
	start "$n" "$db"
	body=$(curl -s -D "$work/h.txt" -H 'Content-Type: application/json' \
		--data '{"login":"admin","password":"admin-password"}' "${bases[0]}/api/v1/session")
	token=$(sed -n 's/^Set-Cookie: duban_session=\([^;]*\);.*/\1/p' "$work/h.txt" | tr -d '\r')
	csrf=$(jq -r .csrf_token <<<"$body")
	echo "== $label ($n instance$([ "$n" = 1 ] || echo s), ${secs} s each, 32 connections)"
	lua= run_wrk read "/api/v1/tasks?limit=20"
	lua=1 run_wrk write /api/v1/users -s "$work/write.lua"
	stop_all
	"$duban" --db "$db" audit verify | head -n 1 | sed 's/^/  /'
	echo "  users stored: $("$duban" --db "$db" db counts | awk '$1 == "users" {print $2}')"
}

echo "== import: 100,000 tasks (bench/gen_list.sh) into PostgreSQL, 3 runs (wall seconds)"
list=bench/out/list-100k.txt
mkdir -p bench/out
[ -s "$list" ] || bench/gen_list.sh 100000 >"$list"
for i in 1 2 3; do
	psql -XAtq -d "$pgurl/postgres" -c "CREATE DATABASE import$i"
	start_ns=$(date +%s%N)
	"$duban" --db "$pgurl/import$i" import "$list" >/dev/null
	end_ns=$(date +%s%N)
	awk -v s="$start_ns" -v e="$end_ns" -v i="$i" 'BEGIN {printf "run %d: %.2f s\n", i, (e - s) / 1e9}'
done
rm -f "$work/imp.db"*
start_ns=$(date +%s%N)
"$duban" --db "$work/imp.db" import "$list" >/dev/null
end_ns=$(date +%s%N)
awk -v s="$start_ns" -v e="$end_ns" 'BEGIN {printf "SQLite, for comparison: %.2f s\n", (e - s) / 1e9}'

bench "SQLite" 1 "$work/bench.db"
for n in 1 2; do
	psql -XAtq -d "$pgurl/postgres" -c "CREATE DATABASE bench$n"
	bench "PostgreSQL" "$n" "$pgurl/bench$n"
done
