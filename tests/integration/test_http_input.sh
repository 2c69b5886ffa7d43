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
	sqlite3 "$DB" 'SELECT count(*) FROM audit; SELECT count(*) FROM plans'
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

expect_no_500
stop_server TERM
expect_eq "$server_rc" 0 "SIGTERM: exit status 0"
finish
