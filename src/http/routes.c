/* The route table of /api/v1 (rules in routes.h) and route matching. */
#include "http/routes.h"

#include <string.h>

#include "domain/account.h"
#include "http/handlers.h"
#include "util/banned.h"

#define ADMIN USER_ROLE_BIT(USER_ADMIN)
#define READERS (USER_ROLE_BIT(USER_ADMIN) | USER_ROLE_BIT(USER_LEADER))
#define ANYONE USER_ROLES_ALL
#define ACTORS (USER_ROLE_BIT(USER_ADMIN) | USER_ROLE_BIT(USER_LIAISON))
#define PUBLIC 0u

/*
 * Liaisons reach the routes marked ANYONE; their handlers narrow what they
 * see to their unit (tasks, targets, assignments, reports, status, their
 * own unit).  ACTORS: the unit's acts (sign, dispute, report, extension),
 * which a liaison does for its own unit and the office may do for any.
 */
const struct route http_routes[] = {
	/* method  pattern                         handler              roles    csrf   body         schema             query  cache */
	{ "GET",    "/api/v1/health",               h_health,            PUBLIC,  false, BODY_NONE,   NULL,              NULL, CACHE_NONE },
	{ "GET",    "/api/v1/openapi.yaml",         h_openapi,           PUBLIC,  false, BODY_NONE,   NULL,              NULL, CACHE_NONE },

	{ "POST",   "/api/v1/session",              h_session_login,     PUBLIC,  false, BODY_JSON,   &body_login,       NULL, CACHE_NONE },
	{ "GET",    "/api/v1/session",              h_session_get,       ANYONE,  false, BODY_NONE,   NULL,              NULL, CACHE_NONE },
	{ "DELETE", "/api/v1/session",              h_session_logout,    ANYONE,  true,  BODY_NONE,   NULL,              NULL, CACHE_NONE },
	{ "POST",   "/api/v1/session/password",     h_session_password,  ANYONE,  true,  BODY_JSON,   &body_password,    NULL, CACHE_NONE },

	{ "GET",    "/api/v1/plans",                h_plans_list,        ANYONE,  false, BODY_NONE,   NULL,              NULL, CACHE_SCOPE },
	{ "POST",   "/api/v1/plans",                h_plans_upload,      ADMIN,   true,  BODY_UPLOAD, NULL,              "filename,format,mode,dry_run", CACHE_NONE },
	{ "GET",    "/api/v1/plans/:plan",          h_plan_get,          ANYONE,  false, BODY_NONE,   NULL,              NULL, CACHE_SCOPE },
	{ "PUT",    "/api/v1/plans/:plan",          h_plan_replace,      ADMIN,   true,  BODY_UPLOAD, NULL,              "filename,format", CACHE_NONE },
	{ "GET",    "/api/v1/export",               h_export,            READERS, false, BODY_NONE,   NULL,              "plan,format", CACHE_NONE },

	{ "GET",    "/api/v1/tasks",                h_tasks_list,        ANYONE,  false, BODY_NONE,   NULL,              "plan,section,unit,q,limit,offset", CACHE_SCOPE },
	{ "GET",    "/api/v1/tasks/:no",            h_task_get,          ANYONE,  false, BODY_NONE,   NULL,              "plan", CACHE_SCOPE },
	{ "GET",    "/api/v1/targets",              h_targets_list,      ANYONE,  false, BODY_NONE,   NULL,              "plan,metric,unit,owner", CACHE_SCOPE },

	{ "GET",    "/api/v1/units",                h_units_list,        READERS, false, BODY_NONE,   NULL,              "plan", CACHE_SCOPE },
	{ "GET",    "/api/v1/directory",            h_directory_get,     READERS, false, BODY_NONE,   NULL,              NULL, CACHE_SCOPE },
	{ "GET",    "/api/v1/directory/units/:id",  h_directory_unit_get, ANYONE, false, BODY_NONE,   NULL,              "plan", CACHE_SCOPE },
	{ "GET",    "/api/v1/unverified",           h_unverified_list,   READERS, false, BODY_NONE,   NULL,              "plan", CACHE_SCOPE },
	{ "GET",    "/api/v1/assignments",          h_assignments_list,  ANYONE,  false, BODY_NONE,   NULL,              "plan,task,unit_id,unverified,retired", CACHE_SCOPE },

	{ "GET",    "/api/v1/status",               h_status,            ANYONE,  false, BODY_NONE,   NULL,              "plan,as_of,task,unit_id,unit,rag,flag", CACHE_SCOPE },
	{ "GET",    "/api/v1/calendar",             h_calendar_get,      ANYONE,  false, BODY_NONE,   NULL,              "plan", CACHE_SCOPE },
	{ "PUT",    "/api/v1/calendar",             h_calendar_put,      ADMIN,   true,  BODY_JSON,   &body_calendar,    "plan", CACHE_NONE },
	{ "GET",    "/api/v1/assignments/:id",      h_assignment_get,    ANYONE,  false, BODY_NONE,   NULL,              NULL, CACHE_SCOPE },
	{ "GET",    "/api/v1/assignments/:id/reports", h_assignment_reports, ANYONE, false, BODY_NONE, NULL,            NULL, CACHE_SCOPE },
	{ "POST",   "/api/v1/assignments/:id/reports", h_report_submit,  ACTORS,  true,  BODY_FORM,   &body_report,      NULL, CACHE_NONE },
	{ "GET",    "/api/v1/assignments/:id/report-draft", h_report_draft, ANYONE, false, BODY_NONE, NULL,             NULL, CACHE_SCOPE },
	{ "POST",   "/api/v1/assignments/:id/sign", h_assignment_sign,   ACTORS,  true,  BODY_JSON,   &body_act,         NULL, CACHE_NONE },
	{ "POST",   "/api/v1/assignments/:id/dispute", h_assignment_dispute, ACTORS, true, BODY_JSON, &body_dispute,    NULL, CACHE_NONE },
	{ "POST",   "/api/v1/assignments/:id/confirm", h_assignment_confirm, ADMIN, true, BODY_JSON,  &body_act,         NULL, CACHE_NONE },
	{ "POST",   "/api/v1/assignments/:id/reassign", h_assignment_reassign, ADMIN, true, BODY_JSON, &body_reassign,  NULL, CACHE_NONE },
	{ "POST",   "/api/v1/assignments/:id/extensions", h_extension_request, ACTORS, true, BODY_JSON, &body_extension, NULL, CACHE_NONE },
	{ "POST",   "/api/v1/assignments/:id/verify", h_assignment_verify, ADMIN, true,  BODY_JSON,   &body_act,         NULL, CACHE_NONE },
	{ "POST",   "/api/v1/extensions/:id/decision", h_extension_decide, ADMIN, true,  BODY_JSON,   &body_decision,    NULL, CACHE_NONE },
	{ "GET",    "/api/v1/reports",              h_reports_list,      ANYONE,  false, BODY_NONE,   NULL,              "plan,task,unit_id,review,latest", CACHE_SCOPE },
	{ "GET",    "/api/v1/reports/:id",          h_report_get,        ANYONE,  false, BODY_NONE,   NULL,              NULL, CACHE_SCOPE },
	{ "POST",   "/api/v1/reports/:id/review",   h_report_review,     ADMIN,   true,  BODY_JSON,   &body_review,      NULL, CACHE_NONE },
	{ "GET",    "/api/v1/review-queue",         h_review_queue,      ADMIN,   false, BODY_NONE,   NULL,              "plan", CACHE_SCOPE },
	{ "GET",    "/api/v1/attachments/:sha256",  h_attachment_get,    ANYONE,  false, BODY_NONE,   NULL,              NULL, CACHE_NONE },

	{ "GET",    "/api/v1/actions",              h_actions_list,      ANYONE,  false, BODY_NONE,   NULL,              "plan,task,assignment_id,as_of", CACHE_SCOPE },
	{ "POST",   "/api/v1/actions",              h_action_issue,      ADMIN,   true,  BODY_JSON,   &body_action,      "plan", CACHE_NONE },
	{ "GET",    "/api/v1/actions/:id",          h_action_get,        ANYONE,  false, BODY_NONE,   NULL,              NULL, CACHE_SCOPE },
	{ "POST",   "/api/v1/actions/:id/reply",    h_action_reply,      ACTORS,  true,  BODY_JSON,   &body_action_reply, NULL, CACHE_NONE },
	{ "POST",   "/api/v1/actions/:id/close",    h_action_close,      ADMIN,   true,  BODY_JSON,   &body_action_close, NULL, CACHE_NONE },
	{ "GET",    "/api/v1/actions/:id/form",     h_action_form,       READERS, false, BODY_NONE,   NULL,              NULL, CACHE_NONE },
	{ "GET",    "/api/v1/suggestions",          h_suggestions,       READERS, false, BODY_NONE,   NULL,              "plan,as_of,task,unit_id", CACHE_SCOPE },
	{ "POST",   "/api/v1/suggestions/accept",   h_suggestion_accept, ADMIN,   true,  BODY_JSON,   &body_suggestion,  "plan", CACHE_NONE },
	{ "POST",   "/api/v1/suggestions/dismiss",  h_suggestion_dismiss, ADMIN,  true,  BODY_JSON,   &body_suggestion,  "plan", CACHE_NONE },
	{ "GET",    "/api/v1/accountability",       h_accountability_list, READERS, false, BODY_NONE, NULL,              "plan,as_of", CACHE_SCOPE },
	{ "POST",   "/api/v1/accountability",       h_accountability_add, ADMIN,  true,  BODY_JSON,   &body_accountability, NULL, CACHE_NONE },
	{ "GET",    "/api/v1/assessment",           h_assessment,        ANYONE,  false, BODY_NONE,   NULL,              "plan,year,as_of,unit_id", CACHE_SCOPE },
	{ "POST",   "/api/v1/appeals",              h_appeal_file,       ACTORS,  true,  BODY_JSON,   &body_appeal,      "plan", CACHE_NONE },
	{ "POST",   "/api/v1/appeals/:id/decision", h_appeal_decide,     ADMIN,   true,  BODY_JSON,   &body_appeal_decision, NULL, CACHE_NONE },
	{ "GET",    "/api/v1/bulletin",             h_bulletin_get,      READERS, false, BODY_NONE,   NULL,              "plan,period,format", CACHE_SCOPE },
	{ "POST",   "/api/v1/bulletin",             h_bulletin_issue,    ADMIN,   true,  BODY_JSON,   &body_bulletin,    "plan,period", CACHE_NONE },
	{ "GET",    "/api/v1/ledger",               h_ledger,            READERS, false, BODY_NONE,   NULL,              "plan,as_of,year", CACHE_NONE },

	{ "GET",    "/api/v1/users",                h_users_list,        ADMIN,   false, BODY_NONE,   NULL,              NULL, CACHE_NONE },
	{ "POST",   "/api/v1/users",                h_user_create,       ADMIN,   true,  BODY_JSON,   &body_user_create, NULL, CACHE_NONE },
	{ "GET",    "/api/v1/users/:id",            h_user_get,          ADMIN,   false, BODY_NONE,   NULL,              NULL, CACHE_NONE },
	{ "PATCH",  "/api/v1/users/:id",            h_user_update,       ADMIN,   true,  BODY_JSON,   &body_user_update, NULL, CACHE_NONE },

	{ "GET",    "/api/v1/audit",                h_audit_list,        ADMIN,   false, BODY_NONE,   NULL,              "after,since,limit", CACHE_NONE },
	{ "GET",    "/api/v1/audit/verify",         h_audit_verify,      ADMIN,   false, BODY_NONE,   NULL,              "anchor_seq,anchor_hash", CACHE_NONE },

	{ NULL, NULL, NULL, 0, false, BODY_NONE, NULL, NULL, CACHE_NONE },
};

/* The next segment of a path: [*p, end), advancing *p past it and its slash. */
static bool next_segment(const char **p, const char **seg, size_t *len)
{
	const char *s = *p, *slash;

	if (!*s)
		return false;
	slash = strchr(s, '/');
	*seg = s;
	*len = slash ? (size_t)(slash - s) : strlen(s);
	*p = slash ? slash + 1 : s + *len;
	return true;
}

/* Match `path` against `pattern`; captured values go to params (in `a`). */
static bool pattern_match(const char *pattern, const char *path, struct arena *a,
			  struct http_param *params, size_t *nparams)
{
	const char *pp, *sp, *pseg, *sseg;
	size_t plen, slen;

	if (pattern[0] != '/' || path[0] != '/')
		return false;
	pp = pattern + 1;
	sp = path + 1;
	*nparams = 0;
	for (;;) {
		bool more_p = next_segment(&pp, &pseg, &plen);
		bool more_s = next_segment(&sp, &sseg, &slen);

		if (!more_p || !more_s)
			return more_p == more_s;
		if (pseg[0] == ':') {
			if (!slen || *nparams >= HTTP_MAX_PARAMS)
				return false;
			params[*nparams].name = arena_strndup(a, pseg + 1, plen - 1);
			params[*nparams].value = arena_strndup(a, sseg, slen);
			(*nparams)++;
		} else if (plen != slen || memcmp(pseg, sseg, plen)) {
			return false;
		}
	}
}

enum route_match route_find(const char *method, const char *path, struct arena *a,
			    const struct route **out, struct http_param *params, size_t *nparams,
			    struct strbuf *allow)
{
	const char *m = strcmp(method, "HEAD") ? method : "GET";
	bool path_known = false;

	*out = NULL;
	for (const struct route *r = http_routes; r->method; r++) {
		struct http_param scratch[HTTP_MAX_PARAMS];
		size_t n;

		if (!pattern_match(r->pattern, path, a, scratch, &n))
			continue;
		if (!strcmp(r->method, m)) {
			memcpy(params, scratch, n * sizeof(*scratch));
			*nparams = n;
			*out = r;
			return ROUTE_FOUND;
		}
		path_known = true;
		strbuf_addf(allow, "%s%s", allow->len ? ", " : "", r->method);
		if (!strcmp(r->method, "GET"))
			strbuf_addstr(allow, ", HEAD");
	}
	return path_known ? ROUTE_NO_METHOD : ROUTE_NO_PATH;
}

bool route_query_allowed(const struct route *r, const char *name)
{
	const char *p = r->query;
	size_t n = strlen(name);

	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == n && !memcmp(p, name, n))
			return true;
		p = comma ? comma + 1 : p + len;
	}
	return false;
}

int route_table_check(struct err *e)
{
	for (const struct route *r = http_routes; r->method; r++) {
		bool change = strcmp(r->method, "GET") != 0;

		if (change && !r->csrf && r->handler != h_session_login)
			return err_set(e, ERR_INTERNAL, "内部错误：路由 %s %s 修改数据却不检查 CSRF",
				       r->method, r->pattern);
		if (r->cache != CACHE_NONE && strcmp(r->method, "GET"))
			return err_set(e, ERR_INTERNAL, "内部错误：路由 %s %s 不是 GET，不能缓存",
				       r->method, r->pattern);
		if (r->csrf && !r->roles)
			return err_set(e, ERR_INTERNAL, "内部错误：路由 %s %s 检查 CSRF 却不要求登录",
				       r->method, r->pattern);
		if ((r->body == BODY_JSON || r->body == BODY_FORM) != (r->schema != NULL))
			return err_set(e, ERR_INTERNAL, "内部错误：路由 %s %s 的请求体与其模式不符",
				       r->method, r->pattern);
	}
	return 0;
}
