#!/bin/bash
# The role x endpoint matrix: who may call what (401 / 403 / 404 / 2xx), and what a liaison sees:
# only the tasks, targets, assignments and unit of its own unit, never unit B's.
. "$(dirname "$0")/http_lib.sh"

UNITS=${DUBAN_EXAMPLES:?}/ankang-2022/units.csv
GROUPS_CSV=${DUBAN_EXAMPLES:?}/ankang-2022/groups.csv
A=市发改委	# unit A: leads task 1, not on task 45
B=市财政局	# unit B: on task 45, not on task 1

run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example list"
run --db "$DB" units import "$UNITS" "$GROUPS_CSV"
expect_rc 0 "import the directory"
add_user admin admin
add_user lead1 leader
add_user liaa liaison --unit "$A"
add_user liab liaison --unit "$B"
run --db "$DB" user add nounit --role liaison </dev/null
expect_rc 2 "a liaison without --unit is a usage error"
start_server
for u in admin lead1 liaa liab; do
	login_as "$u" "$u-password"
	expect_status 201 "login $u"
done
api admin GET /api/v1/directory
ida=$(jq --arg n "$A" '.units[] | select(.name == $n) | .id' body.json)
idb=$(jq --arg n "$B" '.units[] | select(.name == $n) | .id' body.json)
checks=$((checks + 1))
[ -n "$ida" ] && [ -n "$idb" ] || fail "units $A and $B are not in the directory"
api liaa GET /api/v1/session
expect_jq .user.unit_id "$ida" "liaison A is bound to unit A"
expect_jq .user.unit_name "$A" "liaison A's unit by name"

# 1. The matrix of reads: METHOD PATH  nobody admin leader liaisonA
matrix() {
	local path=$1 want_none=$2 want_admin=$3 want_leader=$4 want_liaison=$5
	local who want

	for who in - admin lead1 liaa; do
		case $who in
		-) want=$want_none ;;
		admin) want=$want_admin ;;
		lead1) want=$want_leader ;;
		liaa) want=$want_liaison ;;
		esac
		api "$who" GET "$path"
		expect_status "$want" "GET $path as ${who/-/nobody}"
		case $want in
		401) expect_error 401 unauthenticated "GET $path as ${who/-/nobody}" ;;
		403) expect_error 403 forbidden "GET $path as ${who/-/nobody}" ;;
		404) expect_error 404 not_found "GET $path as ${who/-/nobody}" ;;
		esac
	done
}
matrix /api/v1/health 200 200 200 200
matrix /api/v1/openapi.yaml 200 200 200 200
matrix /api/v1/session 401 200 200 200
matrix /api/v1/plans 401 200 200 200
matrix /api/v1/plans/1 401 200 200 200
matrix "/api/v1/export?format=csv" 401 200 200 403
matrix /api/v1/tasks 401 200 200 200
matrix /api/v1/tasks/1 401 200 200 200
matrix /api/v1/tasks/45 401 200 200 404
matrix /api/v1/tasks/9999 401 404 404 404
matrix /api/v1/targets 401 200 200 200
matrix /api/v1/units 401 200 200 403
matrix /api/v1/directory 401 200 200 403
matrix "/api/v1/directory/units/$ida" 401 200 200 200
matrix "/api/v1/directory/units/$idb" 401 200 200 404
matrix /api/v1/unverified 401 200 200 403
matrix /api/v1/assignments 401 200 200 200
matrix /api/v1/users 401 200 403 403
matrix /api/v1/users/1 401 200 403 403
matrix /api/v1/audit 401 200 403 403
matrix /api/v1/audit/verify 401 200 403 403

# 2. The matrix of writes: nobody 401; leader and liaison 403 whatever they send (with their
#    own valid CSRF token, so the refusal is the role's); the administrator gets through.
write_matrix() {
	local method=$1 path=$2
	local who

	shift 2
	api - "$method" "$path" "$@"
	expect_error 401 unauthenticated "$method $path as nobody"
	for who in lead1 liaa; do
		api "$who" "$method" "$path" "$@"
		expect_error 403 forbidden "$method $path as $who"
	done
}
write_matrix POST /api/v1/users -H 'Content-Type: application/json' \
	--data-binary '{"login":"x1","password":"x1-password","role":"leader"}'
write_matrix PATCH /api/v1/users/2 -H 'Content-Type: application/json' -H 'If-Match: "v1"' \
	--data-binary '{"disabled":true}'
write_matrix POST "/api/v1/plans?filename=tasks.txt" --data-binary "@$EXAMPLE"
write_matrix PUT "/api/v1/plans/1?filename=tasks.txt" -H 'If-Match: *' --data-binary "@$EXAMPLE"
api_json admin POST /api/v1/users '{"login":"x1","password":"x1-password","role":"leader"}'
expect_status 201 "POST /api/v1/users as admin"
api - POST /api/v1/session/password -H 'Content-Type: application/json' \
	--data-binary '{"old_password":"a","new_password":"b"}'
expect_error 401 unauthenticated "password change as nobody"
api - DELETE /api/v1/session
expect_error 401 unauthenticated "logout as nobody"

# 3. What liaison A sees is unit A's share, and only that.
api admin GET "/api/v1/assignments?unit_id=$ida"
jq '[.assignments[].task_no] | unique' body.json >a_tasks.json
api liaa GET "/api/v1/tasks?limit=1000"
expect_status 200 "liaison A lists tasks"
jq '[.tasks[].no]' body.json >liaa_tasks.json
checks=$((checks + 1))
cmp -s <(jq -c . a_tasks.json) <(jq -c . liaa_tasks.json) ||
	fail "liaison A's tasks are not unit A's assignments: $(jq -c . liaa_tasks.json) vs $(jq -c . a_tasks.json)"
expect_eq "$(jq '.total' body.json)" "$(jq length a_tasks.json)" "liaison A's total counts its tasks only"
expect_eq "$(jq '[.tasks[].no] | index(45)' body.json)" null "task 45 (B's) is not in A's list"
expect_eq "$(jq '[.tasks[].no] | index(1)' body.json)" 0 "task 1 (A's) is in A's list"
api admin GET "/api/v1/tasks?limit=1000"
expect_eq "$(jq .total body.json)" 130 "the administrator lists all 130 tasks"
api liab GET "/api/v1/tasks/45"
expect_status 200 "liaison B reads task 45"
expect_jq '.assignments | map(.unit_name) | index("市财政局") != null' true "task 45 shows B's assignment"
api liab GET "/api/v1/tasks/1"
expect_error 404 not_found "liaison B cannot read task 1"
api liaa GET "/api/v1/assignments"
expect_status 200 "liaison A lists assignments"
expect_eq "$(jq "[.assignments[].unit_id] | unique | map(tostring) | join(\",\")" body.json | tr -d '"')" \
	"$ida" "liaison A's assignments are unit A's only"
api liaa GET "/api/v1/assignments?unit_id=$idb"
expect_eq "$(jq '.assignments | length' body.json)" 0 "liaison A asking for B's assignments gets none"
api liaa GET "/api/v1/assignments?unverified=true"
expect_eq "$(jq '.assignments | length' body.json)" 0 "liaison A asking for unverified names gets none"
api liaa GET "/api/v1/targets"
expect_status 200 "liaison A lists targets"
jq '[.targets[].task_no] | unique | .[]' body.json >liaa_targets.txt
checks=$((checks + 1))
while read -r no; do
	jq -e --argjson n "$no" 'index($n) != null' liaa_tasks.json >/dev/null ||
		fail "liaison A sees a target of task $no, which is not A's"
done <liaa_targets.txt
api liaa GET "/api/v1/directory/units/$ida"
expect_jq .name "$A" "liaison A reads its own unit"

# 4. Reporting: assignments, reports, drafts, attachments and status are unit A's only for
#    liaison A; B's answer 404 as if they did not exist, for reading and for writing alike.
api liaa GET "/api/v1/assignments?plan=1"
asg_a=$(jq '[.assignments[] | select(.state == "active")][0].id' body.json)
api liab GET "/api/v1/assignments?plan=1"
asg_b=$(jq '[.assignments[] | select(.state == "active")][0].id' body.json)
checks=$((checks + 1))
[ -n "$asg_a" ] && [ "$asg_a" != null ] && [ -n "$asg_b" ] && [ "$asg_b" != null ] ||
	fail "liaisons A and B have no assignments: '$asg_a' '$asg_b'"
printf '%%PDF-1.4 unit B evidence\n' >b.pdf
api liab POST "/api/v1/assignments/$asg_b/reports" \
	-F 'json={"period":"2022-06","percent":30,"progress":"B 单位的进展"};type=application/json' \
	-F "file=@b.pdf;filename=b.pdf"
expect_status 201 "liaison B reports on B's assignment (multipart, with a file)"
rep_b=$(jq .id body.json)
sha_b=$(jq -r '.attachments[0].sha256' body.json)
api_json liaa POST "/api/v1/assignments/$asg_a/reports" '{"period":"2022-06","percent":20,"progress":"A 单位的进展"}'
expect_status 201 "liaison A reports on A's assignment"
rep_a=$(jq .id body.json)
matrix /api/v1/status 401 200 200 200
matrix /api/v1/calendar 401 200 200 200
matrix /api/v1/reports 401 200 200 200
matrix /api/v1/review-queue 401 200 403 403
matrix "/api/v1/assignments/$asg_a" 401 200 200 200
matrix "/api/v1/assignments/$asg_b" 401 200 200 404
matrix "/api/v1/assignments/$asg_b/reports" 401 200 200 404
matrix "/api/v1/assignments/$asg_a/report-draft" 401 200 200 200
matrix "/api/v1/assignments/$asg_b/report-draft" 401 200 200 404
matrix "/api/v1/reports/$rep_a" 401 200 200 200
matrix "/api/v1/reports/$rep_b" 401 200 200 404
matrix "/api/v1/attachments/$sha_b" 401 200 200 404
matrix "/api/v1/assignments/999999" 401 404 404 404
# What liaison A lists is A's: reports, status.
api liaa GET "/api/v1/reports"
expect_eq "$(jq '[.reports[].unit_id] | unique | map(tostring) | join(",")' body.json | tr -d '"')" \
	"$ida" "liaison A lists unit A's reports only"
api liaa GET "/api/v1/reports?unit_id=$idb"
expect_jq '.reports | length' 0 "liaison A asking for B's reports gets none"
api liaa GET "/api/v1/status?as_of=2022-06-30"
expect_eq "$(jq '[.tasks[].assignments[].unit_id] | unique | map(tostring) | join(",")' body.json | tr -d '"')" \
	"$ida" "liaison A's status lists unit A's assignments only"
expect_eq "$(jq '[.units[].unit_id] | map(tostring) | join(",")' body.json | tr -d '"')" "$ida" \
	"liaison A's status sums unit A only"
api liaa GET "/api/v1/status?as_of=2022-06-30&unit_id=$idb"
expect_jq '.tasks | length' 0 "liaison A asking for B's status gets none"
api admin GET "/api/v1/status?as_of=2022-06-30"
expect_jq '.tasks | length' 130 "the administrator's status lists all 130 tasks"

# The unit's acts (sign, dispute, report, extension): nobody 401, the leader 403, liaison A on
# B's assignment 404, and nothing is written.
reports_b() { db_sql "$DB" "SELECT count(*) FROM reports WHERE assignment_id = $asg_b"; }
before_b=$(reports_b)
unit_act() {
	local path=$1 body=$2

	api - POST "$path" -H 'Content-Type: application/json' --data-binary "$body"
	expect_error 401 unauthenticated "POST $path as nobody"
	api_json lead1 POST "$path" "$body"
	expect_error 403 forbidden "POST $path as the leader"
	api_json liaa POST "$path" "$body"
	expect_error 404 not_found "POST $path as liaison A (B's assignment)"
}
unit_act "/api/v1/assignments/$asg_b/reports" '{"period":"2022-06","percent":90,"progress":"冒充 B 单位"}'
unit_act "/api/v1/assignments/$asg_b/sign" '{}'
unit_act "/api/v1/assignments/$asg_b/dispute" '{"reason":"冒充 B 单位退回"}'
unit_act "/api/v1/assignments/$asg_b/extensions" '{"due":"2023-06-30","reason":"冒充"}'
api liaa POST "/api/v1/assignments/$asg_b/reports" \
	-F 'json={"period":"2022-06","percent":90,"progress":"冒充"};type=application/json' -F "file=@b.pdf"
expect_error 404 not_found "a multipart report on B's assignment as liaison A"
api_json liaa POST "/api/v1/assignments/$asg_a/reports" \
	"{\"period\":\"2022-07\",\"percent\":25,\"progress\":\"带上 B 的附件\",\"attachments\":[{\"sha256\":\"$sha_b\"}]}"
expect_error 422 bad_input "liaison A cannot attach B's attachment by its hash"
expect_eq "$(reports_b)" "$before_b" "none of these wrote a report of B's"
# The office's acts: nobody 401, leader and liaison 403.
write_matrix POST "/api/v1/reports/$rep_b/review" -H 'Content-Type: application/json' -H 'If-Match: *' \
	--data-binary '{"decision":"accepted"}'
write_matrix POST "/api/v1/assignments/$asg_b/confirm" -H 'Content-Type: application/json' --data-binary '{}'
write_matrix POST "/api/v1/assignments/$asg_b/reassign" -H 'Content-Type: application/json' \
	--data-binary "{\"unit\":\"$A\"}"
write_matrix POST "/api/v1/assignments/$asg_b/verify" -H 'Content-Type: application/json' --data-binary '{}'
write_matrix POST /api/v1/extensions/1/decision -H 'Content-Type: application/json' \
	--data-binary '{"decision":"approve"}'
write_matrix PUT /api/v1/calendar -H 'Content-Type: application/json' -H 'If-Match: *' \
	--data-binary '{"due_day":20}'
api admin GET "/api/v1/reports/$rep_b"
expect_jq .review pending "the refused reviews changed nothing"

# Supervision: the office acts; leaders read; liaisons see their unit's actions and assessment.
api_json admin POST /api/v1/actions "{\"assignment_id\":$asg_b,\"step\":\"remind\"}"
expect_status 201 "the office reminds unit B"
act_b=$(jq .id body.json)
matrix /api/v1/actions 401 200 200 200
matrix "/api/v1/actions/$act_b" 401 200 200 404
matrix "/api/v1/actions/$act_b/form" 401 422 422 403
matrix "/api/v1/suggestions?as_of=2022-06-30" 401 200 200 403
matrix /api/v1/accountability 401 200 200 403
matrix "/api/v1/assessment?as_of=2022-06-30" 401 200 200 200
matrix "/api/v1/bulletin?period=2022-06" 401 200 200 403
matrix "/api/v1/ledger?as_of=2022-06-30" 401 200 200 403
api liaa GET /api/v1/actions
expect_jq '.actions | length' 0 "liaison A lists none of B's actions"
api liaa GET "/api/v1/assessment?as_of=2022-06-30"
expect_eq "$(jq '[.units[].unit_id] | map(tostring) | join(",")' body.json | tr -d '"')" "$ida" \
	"liaison A's assessment is unit A's only"
api_json liaa POST "/api/v1/actions/$act_b/reply" '{"text":"冒充 B 单位回复"}'
expect_error 404 not_found "liaison A cannot reply to B's action"
api_json lead1 POST "/api/v1/actions/$act_b/reply" '{"text":"领导代复"}'
expect_error 403 forbidden "the leader cannot reply"
write_matrix POST /api/v1/actions -H 'Content-Type: application/json' \
	--data-binary "{\"assignment_id\":$asg_b,\"step\":\"urge\",\"ground\":\"behind\"}"
write_matrix POST "/api/v1/actions/$act_b/close" -H 'Content-Type: application/json' --data-binary '{}'
write_matrix POST /api/v1/suggestions/accept -H 'Content-Type: application/json' \
	--data-binary "{\"handle\":\"$asg_b/sign\"}"
write_matrix POST /api/v1/suggestions/dismiss -H 'Content-Type: application/json' \
	--data-binary "{\"handle\":\"$asg_b/sign\"}"
write_matrix POST /api/v1/accountability -H 'Content-Type: application/json' \
	--data-binary "{\"action_id\":$act_b,\"measure\":\"criticism\",\"doc_no\":\"安督〔2022〕1号\"}"
write_matrix POST /api/v1/appeals/1/decision -H 'Content-Type: application/json' \
	--data-binary '{"decision":"upheld"}'
write_matrix POST "/api/v1/bulletin?period=2022-06" -H 'Content-Type: application/json' --data-binary '{}'
api admin GET "/api/v1/actions/$act_b"
expect_jq .closed_on null "the refused closings changed nothing"
expect_jq .reply null "the refused replies changed nothing"

# 5. A disabled liaison's session ends at once.
api admin GET /api/v1/users
idb_user=$(jq '.users[] | select(.login == "liab") | .id' body.json)
api admin GET "/api/v1/users/$idb_user"
etag=$(grep -i '^ETag:' headers.txt | cut -d' ' -f2 | tr -d '\r')
api_json admin PATCH "/api/v1/users/$idb_user" '{"disabled":true}' -H "If-Match: $etag"
expect_status 200 "disable liaison B"
expect_jq .disabled true "liaison B is disabled"
api liab GET /api/v1/tasks/45
expect_error 401 unauthenticated "a disabled user's session opens nothing"

expect_no_500
stop_server TERM
expect_eq "$server_rc" 0 "SIGTERM: exit status 0"
finish
