#!/bin/bash
# HTTP sessions: login sets an HttpOnly SameSite=Strict cookie, 401 without one, CSRF on every
# state change, login throttling by name and by address (429 + Retry-After), logout, own password.
. "$(dirname "$0")/http_lib.sh"

add_user admin admin
add_user lead1 leader
start_server

# 1. Nothing without a session (but health and the API description).
api - GET /api/v1/health
expect_status 200 "health without a session"
api - GET /api/v1/openapi.yaml
expect_status 200 "openapi.yaml without a session"
expect_in body.json "openapi: 3.0" "the API description is served"
expect_in headers.txt "application/yaml" "openapi.yaml is YAML"
api - GET /api/v1/session
expect_error 401 unauthenticated "session without a cookie"
api - GET /api/v1/plans
expect_error 401 unauthenticated "plans without a cookie"
curl -s -o body.json -w '%{http_code}' -b 'duban_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' \
	"$BASE/api/v1/plans" >status.txt
status=$(cat status.txt)
expect_error 401 unauthenticated "plans with a forged cookie"

# 2. Login.
login_as admin wrong-password
expect_error 401 bad_credentials "login with a wrong password"
expect_not_in headers.txt "Set-Cookie" "no cookie for a failed login"
login_as nosuchuser whatever-pw
expect_error 401 bad_credentials "login of an unknown user: the same answer"
login_as admin admin-password
expect_status 201 "login"
expect_jq .user.login admin "login answers who"
expect_jq .user.role admin "login answers the role"
expect_eq "$(jq -r '.csrf_token | length' body.json)" 43 "login answers a CSRF token"
cookie=$(grep -i '^Set-Cookie:' headers.txt | tr -d '\r')
expect_in headers.txt "duban_session=" "login sets the session cookie"
for attr in HttpOnly SameSite=Strict Path=/ Max-Age=; do
	case "$cookie" in *"$attr"*) ;; *) fail "the session cookie lacks $attr: $cookie" ;; esac
	checks=$((checks + 1))
done
case "$cookie" in *Secure*) fail "Secure without --secure-cookies: $cookie" ;; esac
api admin GET /api/v1/session
expect_status 200 "session with the cookie"
expect_jq .user.login admin "session answers who"
expect_eq "$(jq -r .csrf_token body.json)" "$(cat "$WORK/admin.csrf")" "session answers the same CSRF token"
expect_in "$ACCESS_LOG" "GET /api/v1/session 200" "the access log has the request"
expect_eq "$(awk '$4 == "/api/v1/session" && $5 == 200 { print $8; exit }' "$ACCESS_LOG")" admin \
	"the access log names the user"
login_as lead1 lead1-password
expect_status 201 "leader login"

# 3. CSRF: every state change needs the session's token in X-CSRF-Token.
body='{"login":"u1","password":"u1-password","role":"leader"}'
status=$(curl -s -o body.json -w '%{http_code}' -b "$WORK/admin.jar" -H 'Content-Type: application/json' \
	--data-binary "$body" "$BASE/api/v1/users")
expect_error 403 csrf "create a user without the CSRF header"
status=$(curl -s -o body.json -w '%{http_code}' -b "$WORK/admin.jar" -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $(cat "$WORK/lead1.csrf")" --data-binary "$body" "$BASE/api/v1/users")
expect_error 403 csrf "create a user with another session's CSRF token"
status=$(curl -s -o body.json -w '%{http_code}' -b "$WORK/admin.jar" -X DELETE \
	-H 'X-CSRF-Token: x' "$BASE/api/v1/session")
expect_error 403 csrf "logout with a wrong CSRF token"
api admin GET /api/v1/users
expect_eq "$(jq '.users | length' body.json)" 2 "no user was created without CSRF"
api_json admin POST /api/v1/users "$body"
expect_status 201 "create a user with the CSRF token"

# 4. Password change: the old one is checked; other sessions end, this one stays.
login_as u1 u1-password
cp "$WORK/u1.jar" "$WORK/u1b.jar"
login_as u1 u1-password
api_json u1 POST /api/v1/session/password '{"old_password":"nope-nope","new_password":"u1-new-password"}'
expect_error 403 forbidden "password change with a wrong old password"
api_json u1 POST /api/v1/session/password '{"old_password":"u1-password","new_password":"short"}'
expect_error 422 bad_input "password change to a too short password"
api_json u1 POST /api/v1/session/password '{"old_password":"u1-password","new_password":"u1-new-password"}'
expect_status 204 "password change"
api u1 GET /api/v1/session
expect_status 200 "the session that changed the password stays"
status=$(curl -s -o body.json -w '%{http_code}' -b "$WORK/u1b.jar" "$BASE/api/v1/session")
expect_error 401 unauthenticated "the other session of that user ended"
login_as u1 u1-new-password
expect_status 201 "login with the new password"

# 5. Logout ends the session on the server, not only in the browser.
cp "$WORK/lead1.jar" "$WORK/lead1.copy"
api lead1 DELETE /api/v1/session
expect_status 204 "logout"
expect_in headers.txt "Max-Age=0" "logout clears the cookie"
status=$(curl -s -o body.json -w '%{http_code}' -b "$WORK/lead1.copy" "$BASE/api/v1/session")
expect_error 401 unauthenticated "the old cookie opens nothing after logout"

# 6. Throttling by name: 5 failures, then even the right password waits.
for i in 1 2 3 4 5; do
	login_as u1 "wrong-$i-password"
	expect_error 401 bad_credentials "failed login $i"
done
login_as u1 u1-new-password
expect_error 429 throttled "the 6th attempt is throttled"
retry=$(grep -i '^Retry-After:' headers.txt | tr -dc '0-9')
checks=$((checks + 1))
[ -n "$retry" ] && [ "$retry" -ge 1 ] && [ "$retry" -le 900 ] || fail "Retry-After is not 1..900: '$retry'"
login_as admin admin-password
expect_status 201 "another name from the same address still logs in"

# 7. Throttling by address: failures under many names lock the address (20 in the window,
#    counting those above that are still there).
refused=0
for i in $(seq 1 25); do
	login_as "ghost$i" whatever-pw
	if [ "$status" = 429 ]; then
		refused=$i
		break
	fi
	expect_error 401 bad_credentials "failure under the name ghost$i"
done
checks=$((checks + 1))
[ "$refused" -ge 2 ] && [ "$refused" -le 20 ] || fail "the address was throttled after $refused new names"
cp "$WORK/admin.jar" "$WORK/admin.keep"
cp "$WORK/admin.csrf" "$WORK/admin.csrf.keep"
login_as admin admin-password
expect_error 429 throttled "the address is throttled after 20 failures"
expect_in headers.txt "Retry-After" "Retry-After for the address"
mv "$WORK/admin.keep" "$WORK/admin.jar"
mv "$WORK/admin.csrf.keep" "$WORK/admin.csrf"

# 8. The sessions live in the database: a second server on the same file knows them.
first=$SERVER_PID
first_base=$BASE
start_server
api admin GET /api/v1/session
expect_status 200 "a second server instance shares the sessions"
login_as u1 u1-new-password
expect_error 429 throttled "a second server instance shares the throttling"
stop_server TERM
expect_eq "$server_rc" 0 "the second server stops cleanly"
SERVER_PID=$first
BASE=$first_base

expect_no_500
stop_server TERM
expect_eq "$server_rc" 0 "SIGTERM: exit status 0"
expect_in "$WORK/serve.err" "已停止" "the server says it stopped"
finish
