#!/bin/bash
# Two `duban serve` instances on one database serve the same users (run on SQLite and, in the pg
# suite, on PostgreSQL): a session opened on one works on the other and its logout ends it on both;
# failed logins count across both; users created through both at once leave one intact audit
# chain, verified on either; two admins deciding the same report at once (one accepts, one
# returns): one wins, the other is told of the conflict, every time.
. "$(dirname "$0")/http_lib.sh"

OTHER_PID=
trap 'if [ -n "$OTHER_PID" ]; then kill -KILL "$OTHER_PID" 2>/dev/null; fi; http_cleanup' EXIT

add_user admin admin
add_user admin2 admin
add_user u1 leader

# Instance A, then instance B (start_server keeps the last one in SERVER_PID and BASE).
start_server --threads 4
OTHER_PID=$SERVER_PID
A=$BASE
start_server --threads 4
B=$BASE
checks=$((checks + 1))
[ "$A" != "$B" ] || fail "the two instances listen on one address"

# 1. A session opened on A is a session on B.
BASE=$A
login_as admin admin-password
expect_status 201 "login on instance A"
BASE=$B
api admin GET /api/v1/session
expect_status 200 "the session from A works on B"
expect_jq .user.login admin "B knows who it is"
api admin GET /api/v1/users
expect_status 200 "B serves A's session an admin route"

# 2. Users created through both instances at once: one chain, nothing lost.
PER=60
creator() {
	local base=$1 tag=$2 i
	for i in $(seq 1 "$PER"); do
		curl -s -o /dev/null -w "%{http_code}\n" -b "$WORK/admin.jar" \
			-H "X-CSRF-Token: $(cat "$WORK/admin.csrf")" -H 'Content-Type: application/json' \
			--data-binary "{\"login\":\"$tag$i\",\"password\":\"$tag$i-password\",\"role\":\"leader\"}" \
			"$base/api/v1/users"
	done >"$WORK/created-$tag.txt"
}
creator "$A" a &
pa=$!
creator "$B" b &
pb=$!
wait "$pa" "$pb"
expect_eq "$(grep -c '^201$' "$WORK/created-a.txt")" "$PER" "every user created through A was answered 201"
expect_eq "$(grep -c '^201$' "$WORK/created-b.txt")" "$PER" "every user created through B was answered 201"
for base in "$A" "$B"; do
	BASE=$base
	api admin GET /api/v1/audit/verify
	expect_status 200 "verify through $base"
	expect_jq .intact true "the chain is intact, seen from $base"
	expect_jq .entries $((3 + 2 * PER)) "every creation is in the chain, seen from $base"
done
run --db "$DB" audit verify
expect_rc 0 "audit verify from the command line"
expect_in out.txt "共 $((3 + 2 * PER)) 条记录" "the command line counts the same entries"
BASE=$A
api admin GET "/api/v1/audit?limit=1000"
expect_eq "$(jq '[.entries[] | select(.action == "user.add")] | length' body.json)" \
	$((3 + 2 * PER)) "one user.add entry per user"

# 3. Failed logins count across instances: 5 alternating between A and B, then both refuse.
for i in 1 2 3 4 5; do
	if [ $((i % 2)) = 1 ]; then BASE=$A; else BASE=$B; fi
	login_as u1 "wrong-$i-password"
	expect_error 401 bad_credentials "failed login $i (on $BASE)"
done
BASE=$A
login_as u1 u1-password
expect_error 429 throttled "the 6th attempt, on A, is throttled"
BASE=$B
login_as u1 u1-password
expect_error 429 throttled "and on B"

# 4. Logout on B ends the session on A too.
BASE=$B
api admin DELETE /api/v1/session
expect_status 204 "logout on B"
BASE=$A
api admin GET /api/v1/session
expect_error 401 unauthenticated "the session is gone on A"
BASE=$A
login_as admin admin-password
expect_status 201 "log in again"

# 5. Two admins decide the same report at once, NREP times: exactly one decision each time.
api admin POST "/api/v1/plans?filename=tasks.txt" --data-binary "@$EXAMPLE"
expect_status 201 "upload the example list"
api admin GET "/api/v1/assignments?plan=1"
NREP=8
jq -r '.assignments[].id' body.json | head -n "$NREP" >ids.txt
expect_eq "$(wc -l <ids.txt)" "$NREP" "$NREP assignments to report on"
: >reports.txt
while read -r id; do
	run --db "$DB" report submit --assignment "$id" --period 2022-06 --percent 40 \
		--progress 按计划推进 --on 2022-07-05
	expect_rc 0 "report on assignment $id"
	sed -n 's/^已报送：报告 \([0-9]*\)，.*/\1/p' out.txt >>reports.txt
done <ids.txt
expect_eq "$(grep -c '[0-9]' reports.txt)" "$NREP" "every report has an id"
wins=0
conflicts=0
while read -r rid; do
	[ -n "$rid" ] || continue
	"$DUBAN_BIN" --db "$DB" review accept "$rid" --on 2022-07-10 \
		>"$WORK/acc.out" 2>"$WORK/acc.err" &
	p1=$!
	"$DUBAN_BIN" --db "$DB" review return "$rid" --reason 数据不实 --on 2022-07-10 \
		>"$WORK/ret.out" 2>"$WORK/ret.err" &
	p2=$!
	wait "$p1"
	r1=$?
	wait "$p2"
	r2=$?
	sanitizer_check "$WORK/acc.err"
	sanitizer_check "$WORK/ret.err"
	for r in $r1 $r2; do
		case $r in
		0) wins=$((wins + 1)) ;;
		1) conflicts=$((conflicts + 1)) ;;
		*) fail "review of report $rid: exit status $r: $(cat "$WORK/acc.err" "$WORK/ret.err")" ;;
		esac
	done
	checks=$((checks + 1))
	[ $((r1 + r2)) = 1 ] || fail "report $rid: exit statuses $r1 and $r2, expected one 0 and one 1"
	if [ "$r1" = 1 ]; then loser=$WORK/acc.err; else loser=$WORK/ret.err; fi
	expect_in "$loser" "报告 $rid 已" "the loser of report $rid is told it was decided"
done <reports.txt
expect_eq "$wins" "$NREP" "one decision won for each report"
expect_eq "$conflicts" "$NREP" "one decision lost for each report"
run --db "$DB" audit verify
expect_rc 0 "the chain is intact after the races"
expect_eq "$(db_sql "$DB" "SELECT count(*) FROM reviews")" "$NREP" "one review row per report"

expect_no_500
stop_server TERM
expect_eq "$server_rc" 0 "instance B stops cleanly"
SERVER_PID=$OTHER_PID
OTHER_PID=
stop_server TERM
expect_eq "$server_rc" 0 "instance A stops cleanly"
finish
