#!/bin/bash
# Bad input is answered with {"error": {"code", "message"}} and the right status, never a 500 or a
# crash, and nothing is half-stored: body caps (413), nesting, invalid UTF-8, types, unknown fields,
# Content-Type, If-Match (428 / 409), unknown routes and methods, static files without traversal.
. "$(dirname "$0")/http_lib.sh"

add_user admin admin
start_server --max-body 2048 --max-upload 65536
login_as admin admin-password
expect_status 201 "login"

# What must not change while bad requests come in.
state() {
	"$DUBAN_BIN" --db "$DB" user list 2>/dev/null | wc -l
	db_sql "$DB" 'SELECT count(*) FROM audit'
	db_sql "$DB" 'SELECT count(*) FROM plans'
}
state >state.before

# 1. Body caps: a declared length over the cap is refused before the body is read ...
head -c 4000 /dev/zero | tr '\0' 'a' >big.txt
{ printf '{"login":"big","password":"big-password","role":"leader","name":"'; cat big.txt; printf '"}'; } >big.json
api_json admin POST /api/v1/users "@big.json"
expect_error 413 too_large "a JSON body over --max-body"
# ... and a chunked body is cut off at the cap and answered 413 when it ends.
api admin POST /api/v1/users -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' \
	--data-binary @big.json
expect_error 413 too_large "a chunked JSON body over --max-body"
head -c 70000 /dev/urandom >big.bin
api admin POST "/api/v1/plans?filename=big.txt" --data-binary @big.bin
expect_error 413 too_large "an upload over --max-upload"
api admin POST "/api/v1/plans" -F "file=@big.bin;filename=big.txt"
expect_error 413 too_large "a multipart upload over --max-upload"

# 2. JSON bodies that are not what the route takes: 400.
nested=$(printf '%.0s[' $(seq 40))$(printf '%.0s]' $(seq 40))
api_json admin POST /api/v1/users "{\"login\":\"n1\",\"password\":\"n1-password\",\"role\":\"leader\",\"name\":$nested}"
expect_error 400 bad_input "JSON nested 40 deep"
expect_jq '.error.message | test("嵌套")' true "the nesting message says so"
printf '{"login":"u\xff","password":"u1-password","role":"leader"}' >badutf8.json
api_json admin POST /api/v1/users @badutf8.json
expect_error 400 bad_input "invalid UTF-8"
expect_jq '.error.message | test("UTF-8")' true "the UTF-8 message says so"
api_json admin POST /api/v1/users '{"login":"u2","password":"u2-password","role":"leader","admin":true}'
expect_error 400 bad_input "an unknown field"
expect_jq '.error.message | test("admin")' true "the unknown field is named"
api_json admin POST /api/v1/users '{"login":"u3","password":"u3-password","role":"leader","disabled":"no"}'
expect_error 400 bad_input "a string where a boolean belongs"
api_json admin POST /api/v1/users '{"login":7,"password":"u4-password","role":"leader"}'
expect_error 400 bad_input "a number where a string belongs"
api_json admin POST /api/v1/users '{"login":"u5","password":"u5-password","role":"leader","unit_id":1.5}'
expect_error 400 bad_input "a real where an integer belongs"
api_json admin POST /api/v1/users '{"login":"u6","password":"u6-password","role":"boss"}'
expect_error 400 bad_input "a role that is not one"
api_json admin POST /api/v1/users '{"login":"u7","password":"u7-password"}'
expect_error 400 bad_input "a missing field"
api_json admin POST /api/v1/users '{"login":"u8","login":"u9","password":"u8-password","role":"leader"}'
expect_error 400 bad_input "a duplicate key"
api_json admin POST /api/v1/users '{"login":"u10","password":"u10-password","role":"leader"} x'
expect_error 400 bad_input "text after the JSON value"
api_json admin POST /api/v1/users '["login"]'
expect_error 400 bad_input "an array body"
api_json admin POST /api/v1/users ''
expect_error 400 bad_input "an empty body"
api admin POST /api/v1/users -H 'Content-Type: text/plain' \
	--data-binary '{"login":"u11","password":"u11-password","role":"leader"}'
expect_error 415 unsupported_media_type "a JSON body sent as text/plain"
# Content the service refuses: 422.
api_json admin POST /api/v1/users '{"login":"Bad Login","password":"u12-password","role":"leader"}'
expect_error 422 bad_input "a login name against the rules"
api_json admin POST /api/v1/users '{"login":"u13","password":"short","role":"leader"}'
expect_error 422 bad_input "a password too short"
api_json admin POST /api/v1/users '{"login":"u14","password":"u14-password","role":"liaison"}'
expect_error 422 bad_input "a liaison without a unit"
api_json admin POST /api/v1/users '{"login":"u15","password":"u15-password","role":"liaison","unit_id":424242}'
expect_error 422 bad_input "a liaison bound to a unit that does not exist"
printf 'PK\003\004 not really a zip' >junk.docx
api admin POST "/api/v1/plans?filename=junk.docx" --data-binary @junk.docx
expect_status 422 "an upload that is no task list"
head -c 3000 /dev/urandom >junk.txt
api admin POST "/api/v1/plans?filename=junk.txt" --data-binary @junk.txt
expect_status 422 "random bytes as a task list"
api admin POST "/api/v1/plans" -F "other=@junk.txt"
expect_error 400 bad_input "multipart without a file field"
state >state.after
checks=$((checks + 1))
cmp -s state.before state.after || fail "refused requests changed the database: $(cat state.before) -> $(cat state.after)"

# 3. Requests that do not fit the route table.
api admin GET /api/v1/nothing
expect_error 404 not_found "an unknown API path"
api admin DELETE /api/v1/plans
expect_error 405 method_not_allowed "a method the path does not have"
expect_in headers.txt "Allow: GET, HEAD, POST" "405 lists the allowed methods"
api admin GET "/api/v1/tasks?colour=red"
expect_error 400 bad_input "an unknown query argument"
api admin GET "/api/v1/tasks?limit=0"
expect_error 400 bad_input "a limit out of range"
api admin GET "/api/v1/tasks?limit=ten"
expect_error 400 bad_input "a limit that is no number"
api admin GET /api/v1/tasks/abc
expect_error 404 not_found "a task number that is no number"
api admin GET /api/v1/tasks/99999999999999999999
expect_error 404 not_found "a task number out of range"
api admin GET /api/v1/plans -H 'Content-Type: application/json' --data-binary '{}' -X GET
expect_error 400 bad_input "a body on a GET"
api admin GET "/api/v1/plans/$(printf '%%E5%%8F%%B7%.0s' $(seq 200))"
expect_error 404 not_found "an over-long plan spec"

# 4. Edits need If-Match (428); a stale one is a conflict (409); a malformed one 400.
api_json admin POST /api/v1/users '{"login":"v1","password":"v1-password","role":"leader"}'
expect_status 201 "create a user to edit"
id=$(jq .id body.json)
expect_eq "$(grep -i '^ETag:' headers.txt | tr -d '\r')" 'ETag: "v1"' "a new user's ETag"
api_json admin PATCH "/api/v1/users/$id" '{"name":"甲"}'
expect_error 428 precondition_required "PATCH without If-Match"
api_json admin PATCH "/api/v1/users/$id" '{"name":"甲"}' -H 'If-Match: v1'
expect_error 400 bad_input "an unquoted If-Match"
api_json admin PATCH "/api/v1/users/$id" '{"name":"甲"}' -H 'If-Match: "v1"'
expect_status 200 "PATCH with the current version"
expect_eq "$(grep -i '^ETag:' headers.txt | tr -d '\r')" 'ETag: "v2"' "the version moved on"
api_json admin PATCH "/api/v1/users/$id" '{"name":"乙"}' -H 'If-Match: "v1"'
expect_error 409 conflict "PATCH with a stale version"
api_json admin PATCH "/api/v1/users/$id" '{"name":"乙"}' -H 'If-Match: "not-a-version"'
expect_error 409 conflict "PATCH with a foreign ETag"
api admin GET "/api/v1/users/$id"
expect_jq .name 甲 "the stale edits changed nothing"
api_json admin PATCH "/api/v1/users/$id" '{}' -H 'If-Match: "v2"'
expect_error 422 bad_input "PATCH with nothing to change"
api admin PUT "/api/v1/plans/1?filename=tasks.txt" --data-binary "@$EXAMPLE"
expect_error 428 precondition_required "PUT of a plan without If-Match"

# 5. Uploads: raw and multipart; the same file twice is a conflict; PUT with If-Match.
api admin POST "/api/v1/plans?filename=tasks.txt" --data-binary "@$EXAMPLE"
expect_status 201 "upload the example list (raw body)"
expect_jq .outcome added "the upload was added"
expect_jq .plan.ntasks 130 "130 tasks"
expect_in headers.txt "Location: /api/v1/plans/1" "Location of the new plan"
etag=$(grep -i '^ETag:' headers.txt | cut -d' ' -f2 | tr -d '\r')
api admin POST /api/v1/plans -F "file=@$EXAMPLE;filename=tasks.txt"
expect_error 409 conflict "the same file again (multipart)"
api admin POST "/api/v1/plans?mode=skip_existing" -F "file=@$EXAMPLE;filename=tasks.txt"
expect_status 200 "the same file with mode=skip_existing"
expect_jq .outcome unchanged "unchanged"
api admin PUT "/api/v1/plans/1?filename=tasks.txt" -H 'If-Match: "0000"' --data-binary "@$EXAMPLE"
expect_error 409 conflict "PUT with a stale plan ETag"
api admin PUT "/api/v1/plans/1?filename=tasks.txt" -H "If-Match: $etag" --data-binary "@$EXAMPLE"
expect_status 200 "PUT with the plan's ETag"
expect_jq .outcome replaced "replaced"
api admin GET "/api/v1/export?format=csv"
expect_status 200 "export as CSV"
expect_in headers.txt 'attachment; filename="duban-plan-1.csv"' "a CSV download"
expect_in headers.txt "text/csv" "CSV content type"
api admin GET "/api/v1/export?format=xml"
expect_error 400 bad_input "an unknown export format"

# 6. Static files: MIME types, index.html, no way out of the web directory.
api - GET /
expect_status 200 "the placeholder page"
expect_in body.json "duban 督办" "the page names duban 督办"
expect_in headers.txt "text/html" "index.html is HTML"
api - GET /style.css
expect_status 200 "the style sheet"
expect_in headers.txt "text/css" "CSS content type"
for p in /../../../etc/passwd /%2e%2e/%2e%2e/etc/passwd /..%2f..%2fetc%2fpasswd /.git/config \
	/nothing.html //etc/passwd; do
	api - GET "$p" --path-as-is
	expect_status 404 "static $p"
	expect_not_in body.json "root:" "static $p leaks nothing"
done
api - POST /index.html --data-binary x
expect_error 405 method_not_allowed "POST to a static file"

# 7. Reporting routes: the same rules for their bodies, queries and versions.
run --db "$DB" units import "$DUBAN_EXAMPLES/ankang-2022/units.csv" "$DUBAN_EXAMPLES/ankang-2022/groups.csv"
expect_rc 0 "import the directory"
add_user lia liaison --unit 汉滨区政府
login_as lia lia-password
expect_status 201 "login as a liaison"
api lia GET "/api/v1/assignments"
aid=$(jq '[.assignments[] | select(.state == "active" and .role == "lead")][0].id' body.json)
rstate() {
	db_sql "$DB" 'SELECT count(*) FROM reports'
	db_sql "$DB" 'SELECT count(*) FROM attachments'
	db_sql "$DB" 'SELECT count(*) FROM audit'
}
rstate >rstate.before
R="/api/v1/assignments/$aid/reports"
api_json lia POST "$R" '{"period":"2022-06","percent":"40","progress":"x"}'
expect_error 400 bad_input "percent as a string"
api_json lia POST "$R" '{"period":"2022-06","percent":100.5,"progress":"x"}'
expect_error 400 bad_input "percent over 100"
api_json lia POST "$R" '{"period":"2022-06","progress":"x"}'
expect_error 400 bad_input "a report without percent"
expect_jq '.error.message | test("percent")' true "the missing field is named"
api_json lia POST "$R" '{"period":"2022-6","percent":40,"progress":"x"}'
expect_error 400 bad_input "a period of the wrong length"
api_json lia POST "$R" '{"period":"2022-06","percent":40,"progress":"x","values":{"seq":1}}'
expect_error 400 bad_input "values not an array"
api_json lia POST "$R" '{"period":"2022-06","percent":40,"progress":"x","values":[{"seq":1,"actual":2},{"actual":3}]}'
expect_error 400 bad_input "a value without seq"
expect_jq '.error.message | test("values\\[2\\]\\.seq")' true "the element and field are named"
api_json lia POST "$R" '{"period":"2022-06","percent":40,"progress":"x","values":[{"seq":1,"actual":2,"unit":"亿元"}]}'
expect_error 400 bad_input "an unknown field in a value"
api_json lia POST "$R" '{"period":"2022-06","percent":40,"progress":"x","values":[7]}'
expect_error 400 bad_input "a value that is no object"
api_json lia POST "$R" '{"period":"2022-06","percent":40,"progress":"x","on":"2022-02-30"}'
expect_error 400 bad_input "an impossible date"
api lia POST "$R" -H 'Content-Type: text/plain' --data-binary '{"period":"2022-06","percent":40,"progress":"x"}'
expect_error 415 unsupported_media_type "a report sent as text/plain"
api_json lia POST "$R" '{"period":"2022-13","percent":40,"progress":"x"}'
expect_error 422 bad_input "a month that does not exist (the service refuses)"
api_json lia POST "$R" '{"period":"2022-06","percent":40,"progress":"   "}'
expect_error 422 bad_input "a blank 完成情况"
api_json lia POST "$R" '{"period":"2022-06","percent":40,"progress":"x","likelihood":"maybe"}'
expect_error 422 bad_input "a likelihood that is none"
api_json lia POST "$R" '{"period":"2022-06","percent":40,"progress":"x","on":"2022-06-20"}'
expect_error 403 forbidden "a liaison backdating its report"
api_json lia POST "$R" "{\"period\":\"2022-06\",\"percent\":40,\"progress\":\"$(head -c 3000 /dev/zero | tr '\0' 'a')\"}"
expect_error 413 too_large "a JSON report over --max-body"
api lia POST "$R" -F 'json={"period":"2022-06","percent":40,"progress":"x"}' -F "file=@big.bin;filename=big.pdf"
expect_error 413 too_large "a multipart report over --max-upload"
printf '\177ELF\002\001\001 not really a program' >prog.pdf
api lia POST "$R" -F 'json={"period":"2022-06","percent":40,"progress":"x"}' -F "file=@prog.pdf"
expect_error 422 bad_input "an executable as an attachment, whatever its name"
api lia POST "$R" -F "file=@prog.pdf"
expect_error 400 bad_input "multipart without the json field"
api lia POST "$R" -F 'json={"period":"2022-06","percent":40,"progress":"x"}' -F 'note=hello'
expect_error 400 bad_input "multipart with a field of another name"
api lia POST "$R" -F 'json={"period":"2022-06","percent":40' 
expect_error 400 bad_input "multipart whose json is cut short"
rstate >rstate.after
checks=$((checks + 1))
cmp -s rstate.before rstate.after || fail "refused reports changed the database: $(cat rstate.before) -> $(cat rstate.after)"
api_json lia POST "$R" '{"period":"2022-06","percent":40,"progress":"首次报送"}'
expect_status 201 "a good report after all the bad ones"
rid=$(jq .id body.json)
expect_in headers.txt "Location: /api/v1/reports/$rid" "the report's Location"
expect_in headers.txt 'ETag: "review-pending"' "the report's review-state ETag"
# Review: If-Match on the review state.
api_json admin POST "/api/v1/reports/$rid/review" '{"decision":"accepted"}'
expect_error 428 precondition_required "a review without If-Match"
api_json admin POST "/api/v1/reports/$rid/review" '{"decision":"maybe"}' -H 'If-Match: "review-pending"'
expect_error 400 bad_input "a decision that is none"
api_json admin POST "/api/v1/reports/$rid/review" '{"decision":"returned"}' -H 'If-Match: "review-pending"'
expect_error 422 bad_input "a return without a reason"
api_json admin POST "/api/v1/reports/$rid/review" '{"decision":"accepted"}' -H 'If-Match: "review-accepted"'
expect_error 409 conflict "a review based on a state the report is not in"
api_json admin POST "/api/v1/reports/$rid/review" '{"decision":"accepted"}' -H 'If-Match: "review-pending"'
expect_status 200 "the review with the current state"
expect_in headers.txt 'ETag: "review-accepted"' "the new state's ETag"
api_json admin POST "/api/v1/reports/$rid/review" '{"decision":"returned","reason":"再看看"}' -H 'If-Match: "review-pending"'
expect_error 409 conflict "a second review with the old state"
api_json admin POST "/api/v1/reports/$rid/review" '{"decision":"returned","reason":"再看看"}' -H 'If-Match: *'
expect_error 409 conflict "a second review of one report, whatever the If-Match"
# Queries of the status and report lists.
api admin GET "/api/v1/status?as_of=2022-02-30"
expect_error 400 bad_input "status as of an impossible date"
api admin GET "/api/v1/status?as_of=2999-01-01"
expect_error 400 bad_input "status as of a future date"
api admin GET "/api/v1/status?rag=purple"
expect_error 400 bad_input "a colour that is none"
api admin GET "/api/v1/status?flag=late"
expect_error 400 bad_input "a flag that is none"
api admin GET "/api/v1/status?colour=red"
expect_error 400 bad_input "an unknown status argument"
api admin GET "/api/v1/status?task=9999"
expect_error 404 not_found "status of a task that is not there"
api admin GET "/api/v1/reports?review=maybe"
expect_error 400 bad_input "a review state that is none"
api admin GET "/api/v1/reports?latest=yes"
expect_error 400 bad_input "latest that is no boolean"
api admin GET /api/v1/attachments/not-a-hash
expect_error 404 not_found "an attachment name that is no SHA-256"
api admin GET "/api/v1/attachments/$(printf '0%.0s' $(seq 64))"
expect_error 404 not_found "an attachment that is not there"
api admin GET /api/v1/assignments/0
expect_error 404 not_found "assignment 0"
api admin GET /api/v1/reports/abc
expect_error 404 not_found "a report id that is no number"
# The calendar: an edit with If-Match.
api admin GET /api/v1/calendar
expect_status 200 "read the calendar"
cal_etag=$(grep -i '^ETag:' headers.txt | cut -d' ' -f2 | tr -d '\r')
api_json admin PUT /api/v1/calendar '{"due_day":20}'
expect_error 428 precondition_required "a calendar edit without If-Match"
api_json admin PUT /api/v1/calendar '{"due_day":40}' -H "If-Match: $cal_etag"
expect_error 400 bad_input "a due day of 40"
api_json admin PUT /api/v1/calendar '{}' -H "If-Match: $cal_etag"
expect_error 422 bad_input "a calendar edit with nothing in it"
api_json admin PUT /api/v1/calendar '{"due_day":20}' -H "If-Match: $cal_etag"
expect_status 200 "a calendar edit with the current ETag"
api_json admin PUT /api/v1/calendar '{"due_day":21}' -H "If-Match: $cal_etag"
expect_error 409 conflict "a calendar edit with a stale ETag"
api_json admin PUT /api/v1/calendar '{"cadence":"quarterly"}' -H 'If-Match: *'
expect_error 409 conflict "the cadence cannot change once reports exist"

expect_no_500
stop_server TERM
expect_eq "$server_rc" 0 "SIGTERM: exit status 0"
finish
