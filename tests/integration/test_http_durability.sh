#!/bin/bash
# Durability: clients stream progress reports (POST .../reports, group-committed), the server is
# killed with SIGKILL in the middle and restarted, and every report that was answered 201 is there
# (a 201 is sent only after its commit is on disk: WAL with synchronous=FULL).  The audit chain
# survives the kill.  SIGTERM lets a request in flight finish, then exits 0.
. "$(dirname "$0")/http_lib.sh"

WRITERS=4
PER_WRITER=400

run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example list"
run --db "$DB" units import "$DUBAN_EXAMPLES/ankang-2022/units.csv" "$DUBAN_EXAMPLES/ankang-2022/groups.csv"
expect_rc 0 "import the directory"
add_user admin admin
add_user lia liaison --unit 汉滨区政府
start_server --threads 4
login_as admin admin-password
expect_status 201 "login"
login_as lia lia-password
expect_status 201 "login as the liaison"
api lia GET /api/v1/assignments
jq -r '.assignments[] | select(.state == "active") | .id' body.json >ids.txt
nids=$(wc -l <ids.txt)
checks=$((checks + 1))
[ "$nids" -gt 10 ] || fail "the liaison has only $nids assignments"
api admin GET /api/v1/audit/verify
audit_before=$(jq .entries body.json)

# writer N: the liaison reports again and again (report i of writer N says "wN-i" and goes to
# one of its assignments), one request each, logging "TEXT STATUS" per answer.  Concurrent
# writers share commits (group commit): each 201 still comes only after its commit.
writer() {
	local n=$1 i code id

	for i in $(seq 1 "$PER_WRITER"); do
		id=$(sed -n "$(((n * 131 + i) % nids + 1))p" ids.txt)
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/lia.jar" \
			-H "X-CSRF-Token: $(cat "$WORK/lia.csrf")" -H 'Content-Type: application/json' \
			--data-binary "{\"period\":\"2022-0$((4 + i % 6))\",\"percent\":$((i % 101)),\"progress\":\"w$n-$i\"}" \
			"$BASE/api/v1/assignments/$id/reports")
		echo "w$n-$i $code" >>"$WORK/writer$n.log"
		[ "$code" = 000 ] && break	# the server is gone
	done
}
pids=()
for n in $(seq 1 "$WRITERS"); do
	: >"$WORK/writer$n.log"
	writer "$n" &
	pids+=($!)
done
# Kill once every writer has had some answers: in the middle of the stream.
for _ in $(seq 600); do
	done_all=1
	for n in $(seq 1 "$WRITERS"); do
		[ "$(wc -l <"$WORK/writer$n.log")" -ge 25 ] || done_all=0
	done
	[ "$done_all" = 1 ] && break
	sleep 0.05
done
stop_server KILL
for p in "${pids[@]}"; do
	wait "$p"
done
cat "$WORK"/writer*.log >answers.txt
answered=$(awk '$2 == 201' answers.txt | wc -l)
checks=$((checks + 1))
[ "$answered" -ge $((WRITERS * 25)) ] || fail "only $answered reports were answered 201 before the kill"
checks=$((checks + 1))
[ "$answered" -lt $((WRITERS * PER_WRITER)) ] || fail "the kill came after the stream ended"
expect_eq "$(awk '$2 != 201 && $2 != "000"' answers.txt | wc -l)" 0 "every answer was 201 (or none)"

# Restart on the same file: every report answered 201 is there.
start_server
login_as admin admin-password
api admin GET "/api/v1/reports?plan=1"
expect_status 200 "list the reports after the restart"
jq -r '.reports[].progress' body.json | sort >stored.txt
awk '$2 == 201 { print $1 }' answers.txt | sort >acked.txt
missing=$(comm -23 acked.txt stored.txt | wc -l)
expect_eq "$missing" 0 "no report answered 201 is lost"
[ "$missing" = 0 ] || comm -23 acked.txt stored.txt | head -5
api admin GET /api/v1/audit/verify
expect_jq .intact true "the audit chain is intact after the kill"
expect_eq "$(jq .entries body.json)" "$((audit_before + $(wc -l <stored.txt)))" \
	"one audit entry per stored report"

# SIGTERM with a request in flight: it completes (through the writer's commit), then the server
# exits 0.  The report's attachment is slowed to about 5 s (160 KiB at 32 KiB/s; curl sends the
# first 64 KiB at once), so it is still being received when the signal comes.
login_as lia lia-password
for i in $(seq 6000); do printf 'progress evidence, line %04d\n' "$i"; done | head -c 163840 >evidence.txt
posts() { grep -c 'POST /api/v1/assignments/[0-9]*/reports' "$ACCESS_LOG"; }
posts_before=$(posts)
curl -s -o inflight.json -w '%{http_code}' --limit-rate 32k -b "$WORK/lia.jar" \
	-H "X-CSRF-Token: $(cat "$WORK/lia.csrf")" \
	-F 'json={"period":"2022-06","percent":50,"progress":"inflight"};type=application/json' \
	-F "file=@evidence.txt;filename=evidence.txt" \
	"$BASE/api/v1/assignments/$(head -1 ids.txt)/reports" >inflight.code &
upload=$!
sleep 1
expect_eq "$(posts)" "$posts_before" "the report is still being received when SIGTERM comes"
stop_server TERM
wait "$upload"
expect_eq "$server_rc" 0 "SIGTERM with a request in flight: exit status 0"
expect_eq "$(cat inflight.code)" 201 "the request in flight was answered"
expect_in "$WORK/serve.err" "已停止" "the server says it stopped"
expect_in "$ACCESS_LOG" "group commit:" "the writer says how many writes shared commits"
start_server
login_as admin admin-password
api admin GET "/api/v1/reports/$(jq .id inflight.json)"
expect_jq .progress inflight "the report sent during the stop is stored"
expect_jq '.attachments[0].size' 163840 "with its attachment"
api admin GET /api/v1/audit/verify
expect_jq .intact true "the audit chain is intact after the stop"

expect_no_500
stop_server TERM
expect_eq "$server_rc" 0 "SIGTERM: exit status 0"
finish
