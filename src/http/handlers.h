/* Every API handler and JSON body schema, by group (one handlers_*.c file per group). */
#ifndef DUBAN_HTTP_HANDLERS_H
#define DUBAN_HTTP_HANDLERS_H

/*
 * Handlers follow request.h's contract and call src/service/ only.  The
 * JSON shapes they answer with are described in docs/openapi.yaml.
 */

#include "http/request.h"
#include "http/routes.h"

/* handlers_auth.c: health, the API description, sessions */
int h_health(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_openapi(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_session_login(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_session_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_session_logout(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_session_password(struct http_req *rq, struct http_resp *rs, struct err *e);
extern const struct http_body_spec body_login, body_password;

/* handlers_plans.c: plans, upload, export */
int h_plans_list(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_plan_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_plans_upload(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_plan_replace(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_export(struct http_req *rq, struct http_resp *rs, struct err *e);

/* handlers_tasks.c: tasks and targets */
int h_tasks_list(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_task_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_targets_list(struct http_req *rq, struct http_resp *rs, struct err *e);

/* handlers_units.c: units as written, the directory, unverified names, assignments */
int h_units_list(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_directory_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_directory_unit_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_unverified_list(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_assignments_list(struct http_req *rq, struct http_resp *rs, struct err *e);

/* handlers_status.c: every assignment, task and unit judged on a day */
int h_status(struct http_req *rq, struct http_resp *rs, struct err *e);

/* handlers_reports.c: assignments and their acts, reports, review, attachments, extensions, calendar */
int h_assignment_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_assignment_reports(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_assignment_sign(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_assignment_dispute(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_assignment_confirm(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_assignment_reassign(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_assignment_verify(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_extension_request(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_extension_decide(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_calendar_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_calendar_put(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_report_submit(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_report_draft(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_report_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_report_review(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_reports_list(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_review_queue(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_attachment_get(struct http_req *rq, struct http_resp *rs, struct err *e);
extern const struct http_body_spec body_act, body_dispute, body_reassign, body_extension,
	body_decision, body_calendar, body_report, body_review;

/* handlers_supervision.c: actions, forms, suggestions, 问责, assessment, appeals, bulletin, ledger */
int h_actions_list(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_action_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_action_issue(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_action_reply(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_action_close(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_action_form(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_suggestions(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_suggestion_accept(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_suggestion_dismiss(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_accountability_list(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_accountability_add(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_assessment(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_appeal_file(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_appeal_decide(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_bulletin_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_bulletin_issue(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_ledger(struct http_req *rq, struct http_resp *rs, struct err *e);
extern const struct http_body_spec body_action, body_action_reply, body_action_close,
	body_suggestion, body_accountability, body_appeal, body_appeal_decision, body_bulletin;

/* handlers_admin.c: users and the audit log */
int h_users_list(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_user_get(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_user_create(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_user_update(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_audit_list(struct http_req *rq, struct http_resp *rs, struct err *e);
int h_audit_verify(struct http_req *rq, struct http_resp *rs, struct err *e);
extern const struct http_body_spec body_user_create, body_user_update;

/* The API description (docs/openapi.yaml), embedded at build time (openapi_yaml.c). */
extern const unsigned char http_openapi_yaml[];
extern const unsigned long http_openapi_yaml_len;

#endif
