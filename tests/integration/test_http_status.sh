#!/bin/bash
# duban serve --status-config: the API judges with the office's thresholds (the CLI's status.conf
# format); a missing or bad file stops the start, naming the file and line.
. "$(dirname "$0")/http_lib.sh"

run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example list"
run --db "$DB" units import "$DUBAN_EXAMPLES/ankang-2022/units.csv" "$DUBAN_EXAMPLES/ankang-2022/groups.csv"
expect_rc 0 "import the directory"
run --db "$DB" demo-data --as-of 2022-09-30
expect_rc 0 "sample records"
add_user leader leader
reds() { jq '[.tasks[].assignments[] | select(.rag == "red")] | length' body.json; }
gap_reds() { jq '[.tasks[].assignments[] | select(.rag == "red" and (.flags | index("past_due") | not)
	and .milestone_unmet == null)] | length' body.json; }

start_server
login_as leader leader-password
api leader GET '/api/v1/status?as_of=2022-09-30'
expect_status 200 "status with the default thresholds"
default_reds=$(reds)
default_gap_reds=$(gap_reds)
checks=$((checks + 1))
[ "$default_gap_reds" -gt 0 ] || fail "the sample data has no assignment red by its gap alone"
stop_server

# Gaps of 90 and 95 points: almost nothing is amber or red by its gap any more.
printf '# lenient\namber_gap = 90\nred_gap = 95\n' >"$WORK/lenient.conf"
start_server --status-config "$WORK/lenient.conf"
login_as leader leader-password
api leader GET '/api/v1/status?as_of=2022-09-30'
expect_status 200 "status with the office's thresholds"
checks=$((checks + 1))
if [ "$(reds)" -ge "$default_reds" ]; then
	fail "red assignments with red_gap = 95: $(reds), not fewer than the default's $default_reds"
fi
checks=$((checks + 1))
if [ "$(gap_reds)" -ge "$default_gap_reds" ]; then
	fail "red by the gap alone with red_gap = 95: $(gap_reds), not fewer than $default_gap_reds"
fi
api leader GET '/api/v1/suggestions?as_of=2022-09-30'
expect_status 200 "suggestions with the office's thresholds"
stop_server

run --db "$DB" serve --listen 127.0.0.1:0 --status-config "$WORK/missing.conf"
expect_rc 1 "a missing thresholds file"
expect_in err.txt "missing.conf" "the message names the file"
printf 'amber_gap = 10\nred_gap = lots\n' >"$WORK/bad.conf"
run --db "$DB" serve --listen 127.0.0.1:0 --status-config "$WORK/bad.conf"
expect_rc 1 "a bad thresholds file"
expect_in err.txt "bad.conf:2" "the message names the file and line"
finish
