#!/bin/bash
# The reporting API end to end: sign-for, reports (JSON and multipart, carried-over fields, the
# draft), review with If-Match (two reviewers at once: one wins, the other 409), resubmission,
# dispute and the office's decision, extensions, 销号, the calendar, and GET /status following it
# all; every act is audited.
. "$(dirname "$0")/http_lib.sh"

run --db "$DB" import "$EXAMPLE"
expect_rc 0 "import the example list"
run --db "$DB" units import "$DUBAN_EXAMPLES/ankang-2022/units.csv" "$DUBAN_EXAMPLES/ankang-2022/groups.csv"
expect_rc 0 "import the directory"
add_user admin admin
add_user admin2 admin
add_user lead1 leader
add_user lia liaison --unit 汉滨区政府
start_server
for u in admin admin2 lead1 lia; do
	login_as "$u" "$u-password"
	expect_status 201 "login $u"
done
TODAY=$(date +%F)
api lia GET /api/v1/assignments
aid=$(jq '[.assignments[] | select(.state == "active" and .role == "lead")][0].id' body.json)
task=$(jq "[.assignments[] | select(.id == $aid)][0].task_no" body.json)
other=$(jq "[.assignments[] | select(.state == \"active\" and .id != $aid)][0].id" body.json)
audit_count() { db_sql "$DB" "SELECT count(*) FROM audit WHERE action = '$1'"; }

# 1. Sign-for, dated today for a liaison.
api_json lia POST "/api/v1/assignments/$aid/sign" '{"note":"已签收"}'
expect_status 200 "the liaison signs"
expect_jq .signoff.on "$TODAY" "signed today"
expect_jq .signoff.by user:lia "by the liaison"
api_json lia POST "/api/v1/assignments/$aid/sign" '{}'
expect_error 409 conflict "a second sign-for"
expect_eq "$(audit_count assignment.sign)" 1 "the sign-for is audited once"

# 2. A report (JSON), its draft, a revision carrying fields over.
api lia GET "/api/v1/assignments/$aid/report-draft"
expect_status 200 "the draft of a first report"
expect_jq .from_report null "nothing to start from yet"
period=$(jq -r .period body.json)
api_json lia POST "/api/v1/assignments/$aid/reports" \
	"{\"period\":\"$period\",\"percent\":40,\"progress\":\"前期手续办结。\",\"problems\":\"资金到位慢。\",\"likelihood\":\"likely\"}"
expect_status 201 "the first report"
r1=$(jq .id body.json)
expect_jq .version 1 "version 1"
expect_jq .review pending "pending review"
expect_in headers.txt "Location: /api/v1/reports/$r1" "its Location"
api lia GET "/api/v1/assignments/$aid/report-draft"
expect_jq .from_report "$r1" "the draft starts from the first report"
expect_jq .percent 40 "the draft's percent"
expect_jq .problems 资金到位慢。 "the draft's problems"
api_json lia POST "/api/v1/assignments/$aid/reports" "{\"period\":\"$period\",\"percent\":45}"
expect_status 201 "a revision giving only the percent"
r2=$(jq .id body.json)
expect_jq .version 2 "version 2 of the period"
expect_jq .progress 前期手续办结。 "完成情况 carried over"
expect_jq '.carried_over | index("progress") != null' true "the answer says what was carried over"

# 3. Review: only the latest version; two reviewers at once, one wins.
api_json admin POST "/api/v1/reports/$r1/review" '{"decision":"accepted"}' -H 'If-Match: "review-pending"'
expect_error 409 conflict "the superseded version cannot be reviewed"
api admin GET /api/v1/review-queue
expect_jq "[.reports[].id] | index($r2) != null" true "the queue has the latest version"
expect_jq "[.reports[].id] | index($r1)" null "and not the superseded one"
api admin GET "/api/v1/reports/$r2"
etag=$(grep -i '^ETag:' headers.txt | cut -d' ' -f2 | tr -d '\r')
expect_eq "$etag" '"review-pending"' "the report's ETag is its review state"
racers=()
for who in admin admin2; do
	curl -s -o "race-$who.json" -w '%{http_code}' -b "$WORK/$who.jar" \
		-H "X-CSRF-Token: $(cat "$WORK/$who.csrf")" -H 'Content-Type: application/json' \
		-H "If-Match: $etag" --data-binary '{"decision":"returned","reason":"请补充投资完成额。"}' \
		"$BASE/api/v1/reports/$r2/review" >"race-$who.code" &
	racers+=($!)
done
wait "${racers[@]}"
expect_eq "$(printf '%s\n%s\n' "$(cat race-admin.code)" "$(cat race-admin2.code)" | sort | tr '\n' ' ')" "200 409 " \
	"two reviewers at once: one 200, one 409"
expect_eq "$(audit_count report.return)" 1 "one return is audited"
api lia GET "/api/v1/reports?review=returned&latest=true"
expect_jq '[.reports[].id] | tostring' "[$r2]" "the liaison lists the returned report"
expect_jq '.reports[0].review_reason' 请补充投资完成额。 "with the reason"
api lia GET "/api/v1/assignments/$aid/report-draft"
expect_jq .returned true "the draft says the last report was returned"
expect_jq .period "$period" "and proposes its period again"

# 4. Resubmission (multipart with a file), acceptance; attachments by SHA-256, deduplicated.
printf '%%PDF-1.4 evidence\n' >evidence.pdf
api lia POST "/api/v1/assignments/$aid/reports" \
	-F "json={\"period\":\"$period\",\"percent\":100,\"progress\":\"全部完成：投资完成 1.2 亿元。\"};type=application/json" \
	-F "file=@evidence.pdf;filename=完成证明.pdf"
expect_status 201 "the resubmission with a file"
r3=$(jq .id body.json)
sha=$(jq -r '.attachments[0].sha256' body.json)
expect_eq "$sha" "$(sha256sum evidence.pdf | cut -d' ' -f1)" "the attachment is named by its SHA-256"
expect_jq '.attachments[0].name' 完成证明.pdf "with its name"
expect_jq '.attachments[0].mime' application/pdf "its type is sniffed"
api lia GET "/api/v1/attachments/$sha"
expect_status 200 "the liaison downloads its attachment"
expect_eq "$(cmp -s body.json evidence.pdf && echo same)" same "the same bytes"
expect_in headers.txt "filename*=UTF-8''%E5%AE%8C%E6%88%90%E8%AF%81%E6%98%8E.pdf" "its name, encoded"
api lia GET "/api/v1/reports?review=returned&latest=true"
expect_jq '.reports | length' 0 "the returned report is answered"
api admin GET "/api/v1/reports/$r3"
etag=$(grep -i '^ETag:' headers.txt | cut -d' ' -f2 | tr -d '\r')
api_json admin POST "/api/v1/reports/$r3/review" '{"decision":"accepted"}' -H "If-Match: $etag"
expect_status 200 "the office accepts"
expect_jq .review accepted "accepted"
expect_jq .reviewer user:admin "by the administrator"
# Keep the attachment in a later report: by hash, only the assignment's own.
api_json lia POST "/api/v1/assignments/$aid/reports" \
	"{\"period\":\"$period\",\"percent\":100,\"progress\":\"复核\",\"attachments\":[{\"sha256\":\"$sha\"}]}"
expect_status 201 "a report keeping an earlier attachment"
expect_jq '.attachments[0].sha256' "$sha" "the kept attachment"
expect_eq "$(db_sql "$DB" "SELECT count(*) FROM attachments")" 1 "its content is stored once"
api admin GET "/api/v1/reports/$(jq .id body.json)"
etag=$(grep -i '^ETag:' headers.txt | cut -d' ' -f2 | tr -d '\r')
api_json admin POST "/api/v1/reports/$(jq .id body.json)/review" '{"decision":"accepted"}' -H "If-Match: $etag"
expect_status 200 "the office accepts the last version"

# 5. The status follows: the assignment is complete.
api admin GET "/api/v1/status?task=$task&as_of=$TODAY"
expect_jq "[.tasks[0].assignments[] | select(.assignment_id == $aid)][0].lifecycle" done \
	"the lead's assignment is 已完成待核验"
expect_jq "[.tasks[0].assignments[] | select(.assignment_id == $aid)][0].reported" 100 "reported 100%"
expect_jq "[.tasks[0].assignments[] | select(.assignment_id == $aid)][0].rag" green "and green"
expect_jq ".tasks[0].summary | length > 0" true "the task's summary line"
api lia GET "/api/v1/status?as_of=$TODAY&rag=green"
expect_jq "[.tasks[].assignments[].assignment_id] | index($aid) != null" true "rag=green finds it"

# 6. 销号: the office only; then no more acts.
api_json lia POST "/api/v1/assignments/$aid/verify" '{}'
expect_error 403 forbidden "a liaison cannot verify"
api_json admin POST "/api/v1/assignments/$aid/verify" '{"note":"核验无误"}'
expect_status 200 "the office verifies"
expect_jq .verification.note 核验无误 "the verification's note"
api_json lia POST "/api/v1/assignments/$aid/reports" "{\"period\":\"$period\",\"percent\":100,\"progress\":\"又报\"}"
expect_error 409 conflict "no report after 销号"
api admin GET "/api/v1/status?task=$task&as_of=$TODAY"
expect_jq "[.tasks[0].assignments[] | select(.assignment_id == $aid)][0].lifecycle" verified "已销号"

# 7. Dispute, the office's decision; an extension and its decision (dated by the office).
api_json lia POST "/api/v1/assignments/$other/dispute" '{"reason":"该项工作不属于本单位职责。"}'
expect_status 200 "the liaison disputes another assignment"
expect_jq .dispute.decision open "the dispute is open"
api_json lia POST "/api/v1/assignments/$other/sign" '{}'
expect_error 409 conflict "no sign-for while the dispute is open"
api_json admin POST "/api/v1/assignments/$other/reassign" '{"unit":"没有这个单位"}'
expect_error 404 not_found "a reassignment to a unit not in the directory"
api_json admin POST "/api/v1/assignments/$other/confirm" '{"note":"经研究，仍由你单位承办。"}'
expect_status 200 "the office confirms the unit"
expect_jq .dispute.decision confirmed "confirmed"
api_json lia POST "/api/v1/assignments/$other/sign" '{}'
expect_status 200 "now the liaison signs"
api_json admin POST "/api/v1/assignments/$other/extensions" \
	'{"due":"2023-03-31","reason":"受汛期影响。","on":"2022-07-01"}'
expect_status 201 "an extension request (entered by the office for its day)"
xid=$(jq .id body.json)
expect_jq .state pending "pending"
api_json admin POST "/api/v1/extensions/$xid/decision" '{"decision":"approve","on":"2022-07-05"}'
expect_status 200 "approved"
expect_jq .state approved "the answer is the decided request"
expect_jq .approved_due 2023-03-31 "the date granted"
expect_jq .decided_on 2022-07-05 "the office's day"
expect_jq .decided_by user:admin "by the office"
api_json admin POST "/api/v1/extensions/$xid/decision" '{"decision":"refuse","note":"x"}'
expect_error 409 conflict "decided twice"
api lia GET "/api/v1/assignments/$other"
expect_jq '.extensions[0].state' approved "the liaison sees the approval"
expect_jq .due_in_force 2023-03-31 "the due date in force moved"
api admin GET "/api/v1/status?as_of=2022-12-31&task=$(jq .assignment.task_no body.json)"
expect_jq "[.tasks[0].assignments[] | select(.assignment_id == $other)][0].due" 2023-03-31 \
	"the status uses the extended due date"
api_json lia POST "/api/v1/assignments/$other/extensions" '{"due":"2023-06-30","reason":"再延","on":"2022-08-01"}'
expect_error 403 forbidden "a liaison cannot date its act another day"

# 8. Supervision on another assignment of the unit: a step, the unit's reply, 办结; the ladder's
#    refusal; suggestions accepted and declined; 问责; the bulletin, the ledger, an appeal.
sup=$(jq -r "[.assignments[] | select(.state == \"active\" and .id != $aid and .id != $other)][0].id" \
	<(curl -s -b "$WORK/lia.jar" "$BASE/api/v1/assignments"))
api_json admin POST /api/v1/actions "{\"assignment_id\":$sup,\"step\":\"red\",\"ground\":\"behind\"}"
expect_error 409 conflict "a red notice out of order, without a reason, is refused by the ladder"
api_json admin POST /api/v1/actions "{\"assignment_id\":$sup,\"step\":\"urge\",\"ground\":\"behind\",\"requirement\":\"请报送进度。\"}"
expect_status 201 "the office urges"
act=$(jq .id body.json)
expect_jq .form_no "催办〔$(date +%Y)〕1号" "the 催办单 is numbered"
expect_jq .reply_state waiting "waiting for the reply"
expect_in headers.txt "Location: /api/v1/actions/$act" "its Location"
api admin GET "/api/v1/actions/$act/form"
expect_jq .requirement 请报送进度。 "the form carries the requirement"
api_json lia POST "/api/v1/actions/$act/reply" '{"text":"已报送。"}'
expect_status 200 "the unit replies"
expect_jq .reply_state in_time "replied in time"
api_json lia POST "/api/v1/actions/$act/reply" '{"text":"再复"}'
expect_error 409 conflict "a second reply"
api_json admin POST "/api/v1/actions/$act/close" '{"note":"已办结"}'
expect_status 200 "办结"
expect_jq .closed_on "$TODAY" "closed today"
api_json admin POST /api/v1/accountability "{\"action_id\":$act,\"measure\":\"criticism\",\"doc_no\":\"安督〔2022〕9号\"}"
expect_status 201 "a 问责 record on the action"
api lead1 GET /api/v1/accountability
expect_jq '.records[0].measure' criticism "the leader reads the register"
api lia GET "/api/v1/actions?assignment_id=$sup"
expect_jq '.actions | length' 1 "the liaison sees its unit's action"
api admin GET "/api/v1/suggestions?as_of=2022-06-30&task=$task"
expect_status 200 "suggestions of one task"
expect_jq "[.suggestions[].task_no] | unique | map(tostring) | join(\",\")" "$task" "narrowed to the task"
api_json admin POST /api/v1/suggestions/dismiss '{"handle":"1/no-such-cause"}'
expect_error 404 not_found "a handle that names no current suggestion"
api admin GET "/api/v1/suggestions?task=$task"
handle=$(jq -r '.suggestions[0].handle // empty' body.json)
if [ -n "$handle" ]; then
	api_json admin POST /api/v1/suggestions/dismiss "{\"handle\":\"$handle\",\"reason\":\"已另行部署\"}"
	expect_status 204 "a suggestion declined"
	api admin GET "/api/v1/suggestions?task=$task"
	expect_jq "[.suggestions[].handle] | index(\"$handle\")" null "it is not proposed again"
fi
api admin GET "/api/v1/bulletin?period=2022-06&format=md"
expect_status 200 "the bulletin as Markdown"
expect_in body.json "进展通报" "it is the bulletin"
api admin GET "/api/v1/ledger?as_of=2022-06-30"
expect_status 200 "the Excel ledger"
expect_eq "$(head -c 2 body.json)" PK "an xlsx (zip) file"
api lia GET "/api/v1/assessment?year=2022&as_of=2022-12-31"
key=$(jq -r '[.units[0].lines[] | select(.fixed | not)][0].key // empty' body.json)
checks=$((checks + 1))
[ -n "$key" ] || fail "the liaison's assessment has no appealable line"
api_json lia POST /api/v1/appeals "{\"year\":2022,\"line_key\":\"$key\",\"reason\":\"该项已按时报送。\"}"
expect_status 201 "the liaison appeals a line"
appeal=$(jq .id body.json)
api_json admin POST "/api/v1/appeals/$appeal/decision" '{"decision":"corrected","points":0,"note":"核实后更正"}'
expect_status 204 "the office corrects it"
api lia GET "/api/v1/assessment?year=2022&as_of=2022-12-31"
expect_jq "[.units[0].lines[] | select(.key == \"$key\")][0].appeal" corrected "the line shows the correction"

# 9. Every act above is in the audit chain, which is intact.
for action in assignment.sign report.submit report.accept report.return assignment.verify \
	assignment.dispute dispute.confirm extension.request; do
	checks=$((checks + 1))
	[ "$(audit_count "$action")" -ge 1 ] || fail "no audit entry for $action"
done
expect_eq "$(audit_count report.submit)" 4 "four reports stored, four entries"
api admin GET /api/v1/audit/verify
expect_jq .intact true "the audit chain is intact"
api lead1 GET "/api/v1/assignments/$aid"
expect_jq '.reports | length' 4 "the leader reads the whole history"
expect_jq '.reports[0].id > .reports[3].id' true "newest first"

expect_no_500
stop_server TERM
expect_eq "$server_rc" 0 "SIGTERM: exit status 0"
finish
