#!/bin/bash
# Fuzz duban's parsers with libFuzzer: scripts/fuzz.sh BUILD_DIR [SECONDS] [TARGET...]
# Configures (once) a clang build with -Dfuzz=true, ASan+UBSan and coverage
# instrumentation in BUILD_DIR, then fuzzes each TARGET (default: all of them:
# import understand directory_csv office http_input) for SECONDS each (default 600) on a copy of
# fuzz/corpus/TARGET. Fails on any crash, leak, undefined behaviour or slow
# input; the reproducer is kept and its path shown.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:?usage: scripts/fuzz.sh BUILD_DIR [SECONDS] [TARGET...]}
secs=${2:-600}
shift $(( $# >= 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(import understand directory_csv office http_input)

declare -A max_len=([import]=65536 [understand]=8192 [directory_csv]=4096 [office]=32768 [http_input]=8192)

if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" -Dfuzz=true -Dbuildtype=debugoptimized \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all"
fi

status=0
for t in "${targets[@]}"; do
	ninja -C "$build" "fuzz/fuzz_$t"
	work=$(mktemp -d "/tmp/duban-fuzz-$t.XXXXXX")
	mkdir "$work/corpus" "$work/artifacts"
	cp -r "fuzz/corpus/$t/." "$work/corpus/" 2>/dev/null || true
	echo "== fuzzing $t for ${secs}s in $work"
	set +e
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$build/fuzz/fuzz_$t" -max_total_time="$secs" -max_len="${max_len[$t]:-65536}" \
		-timeout=10 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
		"$work/corpus" >"$work/fuzz.log" 2>&1
	rc=$?
	set -e
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/fuzz.log" || true
	if [ "$rc" -ne 0 ] || [ -n "$(ls -A "$work/artifacts")" ]; then
		tail -60 "$work/fuzz.log"
		echo "== $t FAIL (exit $rc): reproducers in $work/artifacts; log $work/fuzz.log"
		status=1
		continue
	fi
	echo "== $t OK: no crash, leak or timeout (log $work/fuzz.log)"
	rm -rf "$work/corpus" "$work/artifacts"
done
exit $status
