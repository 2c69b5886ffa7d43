#!/bin/bash
# Run duban's benchmarks by hand: bench/run.sh [BUILD_DIR]   (make bench)
# Prints the figures docs/PERFORMANCE.md records, with the machine they came from.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=bench/out
mkdir -p "$out"

ninja -C "$build" duban bench/bench_parse bench/bench_status >/dev/null

echo "== machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
	"$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== import: 100,000 tasks built from the example's rows"
[ -s "$out/list-100k.txt" ] || bench/gen_list.sh 100000 > "$out/list-100k.txt"
ls -l "$out/list-100k.txt" | awk '{printf "%s: %.1f MB\n", $NF, $5/1e6}'

echo "-- parse alone (import_parse: read, interpret, understand), 5 runs"
"$build/bench/bench_parse" "$out/list-100k.txt" 5

echo "-- end to end: duban import into a new SQLite file, 5 runs (wall seconds)"
for i in 1 2 3 4 5; do
	rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm"
	start=$(date +%s.%N)
	"$build/duban" --db "$out/bench.db" import "$out/list-100k.txt" >/dev/null
	end=$(date +%s.%N)
	awk -v s="$start" -v e="$end" -v i="$i" 'BEGIN {printf "run %d: %.3f s\n", i, e - s}'
done
/usr/bin/time -f "peak RSS %M KiB, %e s wall, %U s user, %S s sys" \
	"$build/duban" --db "$out/bench2.db" import "$out/list-100k.txt" >/dev/null
rm -f "$out"/bench*.db*

echo "== status: 1,000,000 assignments x 12 reports"
"$build/bench/bench_status" 1000000
