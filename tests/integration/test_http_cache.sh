#!/bin/bash
# The answer cache (src/http/cache.h): repeated reads are served from it, yet every committed write
# (over HTTP, or by the CLI in another process) is seen by the next read; answers are per role and
# unit; sessions taken from it still end at logout and when the user is disabled; gzip coding for
# clients that accept it, the same JSON underneath; --answer-cache 0 turns it off.
. "$(dirname "$0")/http_lib.sh"

run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example list"
run --db "$DB" units import "$DUBAN_EXAMPLES/ankang-2022/units.csv" "$DUBAN_EXAMPLES/ankang-2022/groups.csv"
expect_rc 0 "import the directory"
add_user admin admin
add_user liaa liaison --unit 汉滨区政府
add_user liab liaison --unit 市发改委
start_server
for u in admin liaa liab; do
	login_as "$u" "$u-password"
	expect_status 201 "login $u"
done
unit_a=$(db_sql "$DB" "SELECT id FROM org_units WHERE name = '汉滨区政府'")
unit_b=$(db_sql "$DB" "SELECT id FROM org_units WHERE name = '市发改委'")

# 1. The same question twice: the same answer.
api liaa GET /api/v1/status
expect_status 200 "status for liaison A"
cp body.json status_a1.json
api liaa GET /api/v1/status
expect_status 200 "status for liaison A again"
expect_eq "$(cmp -s status_a1.json body.json && echo same)" same "the second answer equals the first"
expect_in headers.txt "Vary: Accept-Encoding" "cached answers vary by Accept-Encoding"

# 2. Per unit: liaison B asking the very same URL gets its own unit's answer, not A's.
api liab GET /api/v1/status
expect_status 200 "status for liaison B"
expect_jq "[.tasks[].assignments[].unit_id] | unique | map(tostring) | join(\",\")" "$unit_b" \
	"liaison B sees only its unit's assignments"
api liaa GET /api/v1/status
expect_jq "[.tasks[].assignments[].unit_id] | unique | map(tostring) | join(\",\")" "$unit_a" \
	"liaison A still sees only its own"
api admin GET /api/v1/status
expect_jq '[.tasks[].assignments[].unit_id] | unique | length > 2' true "the office sees every unit"

# 3. A write over HTTP is seen by the next read of the same URL.
api liaa GET /api/v1/assignments
aid=$(jq '[.assignments[] | select(.state == "active" and .role == "lead")][0].id' body.json)
api liaa GET "/api/v1/assignments/$aid"
expect_jq '.reports | length' 0 "no report yet (and now cached)"
api liaa GET "/api/v1/assignments/$aid/report-draft"
period=$(jq -r .period body.json)
api_json liaa POST "/api/v1/assignments/$aid/reports" \
	"{\"period\":\"$period\",\"percent\":35,\"progress\":\"完成选址。\"}"
expect_status 201 "a report over HTTP"
api liaa GET "/api/v1/assignments/$aid"
expect_jq '.reports | length' 1 "the next read has the report"
expect_jq '.reports[0].percent' 35 "with its percent"
api liaa GET /api/v1/status
expect_jq "[.tasks[].assignments[] | select(.assignment_id == $aid)][0].reported" 35 \
	"the status answer has the report too"

# 4. A write by the CLI (another process, the same database) is seen as well.
run --db "$DB" report submit --assignment "$aid" --period "$period" --percent 60 --progress 开工建设。
expect_rc 0 "a second version through the CLI"
api liaa GET "/api/v1/assignments/$aid"
expect_jq '.reports | length' 2 "the read after the CLI's write has both versions"
api liaa GET /api/v1/status
expect_jq "[.tasks[].assignments[] | select(.assignment_id == $aid)][0].reported" 60 \
	"the status answer follows the CLI's write"

# 5. Sessions: a reused session still ends at logout, and when the user is disabled by the CLI.
cp "$WORK/liab.jar" "$WORK/liab-copy.jar"
cp "$WORK/liab.csrf" "$WORK/liab-copy.csrf"
api liab GET /api/v1/tasks
expect_status 200 "liaison B reads (its session now cached)"
api liab DELETE /api/v1/session
expect_status 204 "liaison B logs out"
api liab-copy GET /api/v1/tasks
expect_error 401 unauthenticated "the session is gone after logout, cache or not"
login_as liab liab-password
api liab GET /api/v1/tasks
expect_status 200 "liaison B back in"
run --db "$DB" user disable liab
expect_rc 0 "disable liaison B through the CLI"
api liab GET /api/v1/tasks
expect_error 401 unauthenticated "a disabled user's session ends at once"

# 6. gzip for a client that accepts it; the same JSON underneath; q=0 refuses it.
api liaa GET /api/v1/status
cp body.json plain.json
expect_no_header() {
	checks=$((checks + 1))
	if grep -qi "^$1" headers.txt; then
		fail "$2: $(grep -i "^$1" headers.txt | tr -d '\r')"
	fi
}
expect_no_header "Content-Encoding" "no coding for a client that asks none"
api liaa GET /api/v1/status -H 'Accept-Encoding: gzip, deflate, br'
expect_status 200 "status, gzip accepted"
mv body.json body.gz	# as sent: curl decodes only with --compressed
expect_in headers.txt "Content-Encoding: gzip" "gzip-coded"
checks=$((checks + 1))
if ! gunzip -c body.gz | cmp -s - plain.json; then
	fail "the gzip-coded answer does not decode to the plain one"
fi
checks=$((checks + 1))
if [ "$(stat -c %s body.gz)" -ge "$(stat -c %s plain.json)" ]; then
	fail "the gzip-coded answer is not smaller"
fi
api liaa GET /api/v1/status -H 'Accept-Encoding: gzip;q=0, identity'
expect_no_header "Content-Encoding" "gzip;q=0 is a refusal"
expect_eq "$(cmp -s plain.json body.json && echo same)" same "the plain answer again"

# 7. Stopping reports what the cache did: answers and sessions came from it.
stop_server
expect_eq "$server_rc" 0 "the server stops cleanly"
line=$(grep 'answer cache:' "$ACCESS_LOG" | tail -n 1)
hits=$(sed -n 's/.*answer cache: \([0-9]*\) hits.*/\1/p' <<<"$line")
sessions=$(sed -n 's/.* \([0-9]*\) sessions reused.*/\1/p' <<<"$line")
checks=$((checks + 1))
if [ -z "$hits" ] || [ "$hits" -lt 1 ] || [ -z "$sessions" ] || [ "$sessions" -lt 1 ]; then
	fail "no answer or session came from the cache: '$line'"
fi
expect_no_500

# 8. --answer-cache 0: no cache, the same answers.
start_server --answer-cache 0
login_as liaa liaa-password
api liaa GET /api/v1/status
expect_status 200 "status without a cache"
api liaa GET /api/v1/status
expect_jq "[.tasks[].assignments[] | select(.assignment_id == $aid)][0].reported" 60 \
	"the same figures without a cache"
stop_server
checks=$((checks + 1))
if [ "$(grep -c 'answer cache:' "$ACCESS_LOG")" != 1 ]; then
	fail "a server without a cache reported cache figures"
fi
run --db "$DB" serve --answer-cache 5000
expect_rc 2 "an answer cache over 4096 MiB is refused"
finish
