#!/bin/bash
# Durability: clients stream writes, the server is killed with SIGKILL in the middle and restarted,
# and every write that was answered 201 is there (a 201 is sent only after the commit is on disk:
# WAL with synchronous=FULL).  The audit chain survives the kill.  SIGTERM lets a request in
# flight finish, then exits 0.
. "$(dirname "$0")/http_lib.sh"

WRITERS=4
PER_WRITER=400

add_user admin admin
start_server --threads 4
login_as admin admin-password
expect_status 201 "login"

# writer N: create users wN-1, wN-2... one request each, logging "LOGIN STATUS" per answer.
writer() {
	local n=$1 i code

	for i in $(seq 1 "$PER_WRITER"); do
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/admin.jar" \
			-H "X-CSRF-Token: $(cat "$WORK/admin.csrf")" -H 'Content-Type: application/json' \
			--data-binary "{\"login\":\"w$n-$i\",\"password\":\"w$n-$i-password\",\"role\":\"leader\"}" \
			"$BASE/api/v1/users")
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
[ "$answered" -ge $((WRITERS * 25)) ] || fail "only $answered writes were answered 201 before the kill"
checks=$((checks + 1))
[ "$answered" -lt $((WRITERS * PER_WRITER)) ] || fail "the kill came after the stream ended"
expect_eq "$(awk '$2 != 201 && $2 != "000"' answers.txt | wc -l)" 0 "every answer was 201 (or none)"

# Restart on the same file: every write answered 201 is there.
start_server
login_as admin admin-password
api admin GET /api/v1/users
expect_status 200 "list users after the restart"
jq -r '.users[].login' body.json | sort >stored.txt
awk '$2 == 201 { print $1 }' answers.txt | sort >acked.txt
missing=$(comm -23 acked.txt stored.txt | wc -l)
expect_eq "$missing" 0 "no write answered 201 is lost"
[ "$missing" = 0 ] || comm -23 acked.txt stored.txt | head -5
api admin GET /api/v1/audit/verify
expect_jq .intact true "the audit chain is intact after the kill"
expect_eq "$(jq .entries body.json)" "$(wc -l <stored.txt)" "one audit entry per stored user"

# SIGTERM with a request in flight: it completes, then the server exits 0.  The upload is slowed
# to about 4 s (36 KiB at 8 KiB/s), so it is still being received when the signal comes.
curl -s -o inflight.json -w '%{http_code}' --limit-rate 8k -b "$WORK/admin.jar" \
	-H "X-CSRF-Token: $(cat "$WORK/admin.csrf")" --data-binary "@$EXAMPLE" \
	"$BASE/api/v1/plans?filename=tasks.txt" >inflight.code &
upload=$!
sleep 1
checks=$((checks + 1))
grep -q 'POST /api/v1/plans' "$ACCESS_LOG" && fail "the upload ended before SIGTERM: nothing was in flight"
stop_server TERM
wait "$upload"
expect_eq "$server_rc" 0 "SIGTERM with a request in flight: exit status 0"
expect_eq "$(cat inflight.code)" 201 "the request in flight was answered"
expect_in "$WORK/serve.err" "已停止" "the server says it stopped"
start_server
login_as admin admin-password
api admin GET /api/v1/plans
expect_jq '.plans | length' 1 "the plan uploaded during the stop is stored"
api admin GET /api/v1/audit/verify
expect_jq .intact true "the audit chain is intact after the stop"

expect_no_500
stop_server TERM
expect_eq "$server_rc" 0 "SIGTERM: exit status 0"
finish
