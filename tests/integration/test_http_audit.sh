#!/bin/bash
# The audit trail: every change through the API and the CLI is chained; `duban audit verify` passes,
# then names the first broken entry after the database file is edited (an entry changed, one
# deleted, the newest deleted); an anchor catches a recomputed chain.  Backup while serving and
# writing, then a restore.
. "$(dirname "$0")/http_lib.sh"

add_user admin admin
start_server
login_as admin admin-password
api admin POST "/api/v1/plans?filename=tasks.txt" --data-binary "@$EXAMPLE"
expect_status 201 "upload the example list"
for i in 1 2 3; do
	api_json admin POST /api/v1/users "{\"login\":\"lead$i\",\"password\":\"lead$i-password\",\"role\":\"leader\"}"
	expect_status 201 "create lead$i"
done
api_json admin PATCH /api/v1/users/2 '{"disabled":true}' -H 'If-Match: "v1"'
expect_status 200 "disable lead1"

# 1. The log: who, what, before and after; no password or hash in it.
api admin GET /api/v1/audit
expect_status 200 "list the audit log"
expect_eq "$(jq -c '[.entries[] | [.seq, .actor, .action, .object]]' body.json)" \
	'[[1,"cli:'"$(id -un)"'","user.add","user:1"],[2,"user:admin","plan.import","plan:1"],[3,"user:admin","user.add","user:2"],[4,"user:admin","user.add","user:3"],[5,"user:admin","user.add","user:4"],[6,"user:admin","user.disable","user:2"]]' \
	"the entries in order"
expect_jq '.entries[5].before.disabled' false "before of the disable"
expect_jq '.entries[5].after.disabled' true "after of the disable"
expect_jq '.entries[1].after.source_sha256 | length' 64 "the import records the source's SHA-256"
expect_jq '.entries[1].before' null "an import has no before"
expect_not_in body.json "argon2" "no password hash in the log"
expect_not_in body.json "password\":\"" "no password in the log"
expect_jq '.entries[1].prev_hash == .entries[0].hash' true "entries are chained"
api admin GET "/api/v1/audit?after=4&limit=1"
expect_jq '[.entries[].seq] | join(",")' 5 "paging by seq"
api admin GET /api/v1/audit/verify
expect_status 200 "verify through the API"
expect_jq .intact true "the chain is intact"
expect_jq .entries 6 "6 entries"
head=$(jq -r '"\(.head.seq):\(.head.hash)"' body.json)
run --db "$DB" audit verify
expect_rc 0 "audit verify"
expect_in out.txt "审计链完好：共 6 条记录" "audit verify counts the entries"
expect_in out.txt "链头：$head" "audit verify prints the head"

# 2. Backup while the server serves and a client writes.
(
	for i in $(seq 1 40); do
		curl -s -o /dev/null -b "$WORK/admin.jar" -H "X-CSRF-Token: $(cat "$WORK/admin.csrf")" \
			-H 'Content-Type: application/json' \
			--data-binary "{\"login\":\"w$i\",\"password\":\"w$i-password\",\"role\":\"leader\"}" \
			"$BASE/api/v1/users"
	done
) &
writer=$!
run --db "$DB" backup "$WORK/backup.db"
expect_rc 0 "backup while serving"
expect_in out.txt "已备份到" "backup says where"
wait "$writer"
checks=$((checks + 1))
ls "$WORK"/backup.db.tmp.* >/dev/null 2>&1 && fail "backup left a temporary file"
run --db "$WORK/backup.db" audit verify
expect_rc 0 "the backup's audit chain is intact (a consistent copy)"
backup_users=$(sqlite3 "$WORK/backup.db" 'SELECT count(*) FROM users')
backup_audit=$(sqlite3 "$WORK/backup.db" 'SELECT count(*) FROM audit')
expect_eq "$backup_audit" "$((backup_users + 2))" "the backup's users and audit entries agree"
if [ -z "$IS_PG" ]; then
	run --db "$DB" backup "$DB"
	expect_rc 2 "a backup onto the database itself is refused"
fi

# 3. Restore: stop, put the backup in place, start, and the counts are the backup's.
# (On PostgreSQL the backup is an SQLite file; restoring is `duban db copy` into a new database.)
stop_server TERM
expect_eq "$server_rc" 0 "stop for the restore"
if [ -n "$IS_PG" ]; then
	LIVE=$DB
	DB=$(new_db restored)
	run db copy --from "$WORK/backup.db" --to "$DB"
	expect_rc 0 "restore: the backup copied into a new database"
else
	cp "$DB" "$WORK/live.db"
	LIVE=$WORK/live.db
	rm -f "$DB" "$DB-wal" "$DB-shm"
	cp "$WORK/backup.db" "$DB"
fi
start_server
login_as admin admin-password
api admin GET /api/v1/users
expect_eq "$(jq '.users | length' body.json)" "$backup_users" "restored: the backup's users"
api admin GET /api/v1/audit/verify
expect_jq .intact true "restored: the chain is intact"
expect_jq .entries "$backup_audit" "restored: the backup's entries"
api admin GET /api/v1/tasks
expect_jq .total 130 "restored: the plan's 130 tasks"
stop_server TERM

# 4. Tampering with the file.  The triggers refuse edits through SQL; someone with the file drops them.
# (On PostgreSQL: a copy of the live database, edited by its owner with psql.)
ntampered=0
live_copy() {
	ntampered=$((ntampered + 1))
	if [ -n "$IS_PG" ]; then
		T=$(new_db "t$ntampered")
		"$DUBAN_BIN" db copy --from "$LIVE" --to "$T" >/dev/null || fail "copy for tampering"
	else
		T=$WORK/t.db
		cp "$LIVE" "$T"
	fi
}
tampered() {
	local sql=$1

	live_copy
	if [ -n "$IS_PG" ]; then
		sql=${sql//DROP TRIGGER audit_no_update;/DROP TRIGGER audit_no_update ON audit;}
		sql=${sql//DROP TRIGGER audit_no_delete;/DROP TRIGGER audit_no_delete ON audit;}
	fi
	db_sql "$T" "$sql" >/dev/null || fail "tampering: $sql"
	run --db "$T" audit verify "${@:2}"
}
checks=$((checks + 1))
live_copy
db_sql "$T" "UPDATE audit SET actor = 'x' WHERE seq = 2" 2>/dev/null &&
	fail "an UPDATE of the audit log got past its trigger"
tampered "DROP TRIGGER audit_no_update; UPDATE audit SET after_json = replace(after_json, 'true', 'false') WHERE seq = 6"
expect_rc 1 "an edited entry fails verification"
expect_in err.txt "审计记录第 6 条被改动" "the edited entry is named"
tampered "DROP TRIGGER audit_no_update; UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 3"
expect_rc 1 "an edited time fails verification"
expect_in err.txt "第 3 条被改动" "the entry with the edited time is named"
tampered "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 4"
expect_rc 1 "a deleted entry fails verification"
expect_in err.txt "审计记录第 4 条缺失" "the deleted entry is named"
tampered "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)"
expect_rc 1 "deleting the newest entry fails verification"
expect_in err.txt "最新的记录被删除" "the newest entry's deletion is named"
tampered "DROP TRIGGER audit_no_update;
	UPDATE audit SET seq = -seq WHERE seq IN (2, 3);
	UPDATE audit SET seq = 3 WHERE seq = -2;
	UPDATE audit SET seq = 2 WHERE seq = -3"
expect_rc 1 "two entries swapped fail verification"
expect_in err.txt "第 2 条" "the first swapped entry is named"
# Rewriting the whole chain from entry 2 on defeats the chain alone, not the anchor kept elsewhere.
tampered "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= 2;
	UPDATE audit_head SET seq = 1, hash = (SELECT hash FROM audit WHERE seq = 1)"
expect_rc 0 "a consistently truncated chain passes the chain check alone"
run --db "$T" audit verify --anchor "$head"
expect_rc 1 "the anchor catches the rewritten chain"
expect_in err.txt "第 6 条已不存在" "the anchor's entry is named"
run --db "$LIVE" audit verify --anchor "$head"
expect_rc 0 "the untouched database passes with the anchor"

expect_no_500
finish
