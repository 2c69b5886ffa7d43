# Shared by the HTTP tests: start the real `duban serve` on a free loopback port, call it with curl.
# Each test script sources this (it sources lib.sh), runs its cases and ends with `finish`.
. "$(dirname "$0")/lib.sh"

IS_PG=
[ "${DUBAN_TEST_STORE:-}" = pg ] && IS_PG=1
for tool in curl jq sqlite3 ${IS_PG:+psql}; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "$tool is needed by the HTTP tests (scripts/install-deps.sh)" >&2
		exit 1
	fi
done

# Password hashing at the library minimum: these tests log in hundreds of times.
export DUBAN_PWHASH=fast

# The store under test: SQLite files, or with DUBAN_TEST_STORE=pg databases on the PostgreSQL
# server at $DUBAN_TEST_PG (scripts/pg-test.sh exec), dropped at the end.
# new_db NAME: the URL of a new, empty database.
new_db() {
	if [ -z "$IS_PG" ]; then
		echo "$WORK/$1.db"
		return
	fi
	local name="it_$$_$1"
	psql -XAtq -v ON_ERROR_STOP=1 -d "${DUBAN_TEST_PG:?}/postgres" \
		-c "CREATE DATABASE \"$name\"" >/dev/null || return 1
	echo "$name" >>"$WORK/pg_dbs"
	echo "$DUBAN_TEST_PG/$name"
}
# db_sql URL SQL: run SQL on a database outside duban (rows on stdout, one value per line).
db_sql() {
	case "$1" in
	postgres://* | postgresql://*) psql -XAtq -v ON_ERROR_STOP=1 -d "$1" -c "$2" ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}
DB=$(new_db http)
SERVER_PID=
BASE=
ACCESS_LOG=$WORK/access.log

http_cleanup() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -KILL "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
	fi
	if [ -s "$WORK/pg_dbs" ]; then
		while read -r name; do
			psql -XAtq -d "$DUBAN_TEST_PG/postgres" \
				-c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null 2>&1
		done <"$WORK/pg_dbs"
	fi
	rm -rf "$WORK"
}
trap http_cleanup EXIT

# start_server [ARGS...]: serve $DB on 127.0.0.1, port chosen by the system; $BASE is its URL.
start_server() {
	: >"$WORK/serve.out"
	"$DUBAN_BIN" --db "$DB" serve --listen 127.0.0.1:0 --web "$DUBAN_SRCDIR/web" \
		--access-log "$ACCESS_LOG" "$@" >"$WORK/serve.out" 2>>"$WORK/serve.err" &
	SERVER_PID=$!
	BASE=
	# The first line on stdout is the address, printed once the socket is bound.
	for _ in $(seq 300); do
		BASE=$(head -n 1 "$WORK/serve.out")
		[ -n "$BASE" ] && break
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
	BASE=${BASE%/}
	checks=$((checks + 1))
	if [ -z "$BASE" ] || ! curl -sf "$BASE/api/v1/health" >/dev/null; then
		fail "the server did not come up"
		cat "$WORK/serve.err"
		finish
	fi
}

# stop_server [SIGNAL]: signal the server (TERM by default) and wait; its status in $server_rc.
stop_server() {
	kill "-${1:-TERM}" "$SERVER_PID"
	wait "$SERVER_PID"
	server_rc=$?
	SERVER_PID=
	sanitizer_check "$WORK/serve.err"
}

# login_as LOGIN PASSWORD: a session in $WORK/LOGIN.jar, its CSRF token in $WORK/LOGIN.csrf.
login_as() {
	status=$(curl -s -o body.json -D headers.txt -c "$WORK/$1.jar" -w '%{http_code}' \
		-H 'Content-Type: application/json' \
		--data-binary "{\"login\":\"$1\",\"password\":\"$2\"}" "$BASE/api/v1/session")
	jq -r '.csrf_token // empty' body.json >"$WORK/$1.csrf" 2>/dev/null
}

# api WHO METHOD PATH [CURL ARGS...]: call as WHO (a login_as name, or - for nobody),
# sending WHO's CSRF token; the status goes to $status, the body to body.json,
# the headers to headers.txt.
api() {
	local who=$1 method=$2 path=$3
	local -a auth=()

	shift 3
	if [ "$who" != - ]; then
		auth=(-b "$WORK/$who.jar" -H "X-CSRF-Token: $(cat "$WORK/$who.csrf")")
	fi
	status=$(curl -s -o body.json -D headers.txt -w '%{http_code}' -X "$method" \
		"${auth[@]}" "$@" "$BASE$path")
}

# api_json WHO METHOD PATH JSON [CURL ARGS...]: the same with a JSON body.
api_json() {
	local who=$1 method=$2 path=$3 body=$4

	shift 4
	api "$who" "$method" "$path" -H 'Content-Type: application/json' --data-binary "$body" "$@"
}

# expect_status WANT DESCRIPTION: the last call's status.
expect_status() {
	checks=$((checks + 1))
	if [ "$status" != "$1" ]; then
		fail "$2: HTTP $status, expected $1"
		echo "  body: $(head -c 400 body.json)"
	fi
}

# expect_error WANT_STATUS WANT_CODE DESCRIPTION: an error answer of the one shape.
expect_error() {
	expect_status "$1" "$3"
	checks=$((checks + 1))
	if ! jq -e --arg c "$2" '(.error.code == $c) and (.error.message | type == "string" and length > 0)' \
		body.json >/dev/null 2>&1; then
		fail "$3: body is not {\"error\":{\"code\":\"$2\",\"message\":...}}: $(head -c 300 body.json)"
	fi
}

# expect_jq FILTER WANT DESCRIPTION: jq -r FILTER on body.json gives WANT.
expect_jq() {
	expect_eq "$(jq -r "$1" body.json 2>/dev/null)" "$2" "$3"
}

# expect_no_500: no request in the access log was answered 500.
expect_no_500() {
	checks=$((checks + 1))
	if awk '$5 == 500 { found = 1 } END { exit !found }' "$ACCESS_LOG"; then
		fail "the access log has 500 answers:"
		awk '$5 == 500' "$ACCESS_LOG" | head -5
	fi
}

# add_user LOGIN ROLE [--unit NAME]: create a user through the CLI, password LOGIN-password.
add_user() {
	local login=$1 role=$2

	shift 2
	printf '%s-password\n' "$login" | "$DUBAN_BIN" --db "$DB" user add "$login" --role "$role" "$@" \
		>/dev/null 2>"$WORK/add_user.err" || {
		fail "user add $login: $(cat "$WORK/add_user.err")"
	}
}
