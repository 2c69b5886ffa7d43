/* PostgreSQL schema levels: the SQLite migrations rewritten to PostgreSQL, and what each level adds. */
#include "store/pg_schema.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/pg_internal.h"
#include "store/sqlite_schema.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* A refusing trigger function: every append-only table's triggers call it. */
#define REFUSE_FN                                                                        \
	"CREATE FUNCTION duban_refuse() RETURNS trigger LANGUAGE plpgsql AS $$\n"         \
	"BEGIN\n"                                                                         \
	"  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';\n"       \
	"END $$;\n"

/* BEFORE UPDATE, DELETE and TRUNCATE on `t` refused with message `m`. */
#define NO_CHANGE(t, m)                                                                   \
	"CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t                              \
	" FOR EACH ROW EXECUTE FUNCTION duban_refuse('" m "');\n"                          \
	"CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t                              \
	" FOR EACH ROW EXECUTE FUNCTION duban_refuse('" m "');\n"                          \
	"CREATE TRIGGER " t "_no_truncate BEFORE TRUNCATE ON " t                          \
	" FOR EACH STATEMENT EXECUTE FUNCTION duban_refuse('" m "');\n"

#define NO_DELETE(t, m)                                                                   \
	"CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t                              \
	" FOR EACH ROW EXECUTE FUNCTION duban_refuse('" m "');\n"                          \
	"CREATE TRIGGER " t "_no_truncate BEFORE TRUNCATE ON " t                          \
	" FOR EACH STATEMENT EXECUTE FUNCTION duban_refuse('" m "');\n"

const struct pg_level pg_levels[] = {
	/* 3: the audit log is append-only (and TRUNCATE, which row triggers miss). */
	{ 3, true, { REFUSE_FN NO_CHANGE("audit", "the audit log is append-only"), NULL } },
	/* 5: level 4's rows are never overwritten or deleted; decisions are added once. */
	{ 5, true, {
	  NO_CHANGE("signoffs", "sign-offs are never rewritten or deleted")
	  NO_CHANGE("reports", "reports are never rewritten: submit a new version")
	  NO_CHANGE("report_values", "reports are never rewritten")
	  NO_CHANGE("report_attachments", "reports are never rewritten")
	  NO_CHANGE("attachments", "attachments are never rewritten")
	  NO_CHANGE("reviews", "reviews are never rewritten")
	  NO_CHANGE("verifications", "verifications are never rewritten"),
	  "CREATE TRIGGER disputes_decide_once BEFORE UPDATE ON disputes FOR EACH ROW\n"
	  "  WHEN (OLD.decision IS NOT NULL\n"
	  "    OR NEW.assignment_id IS DISTINCT FROM OLD.assignment_id\n"
	  "    OR NEW.reason IS DISTINCT FROM OLD.reason\n"
	  "    OR NEW.raised_by IS DISTINCT FROM OLD.raised_by\n"
	  "    OR NEW.raised_on IS DISTINCT FROM OLD.raised_on\n"
	  "    OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at\n"
	  "    OR NEW.sample IS DISTINCT FROM OLD.sample)\n"
	  "  EXECUTE FUNCTION duban_refuse('a dispute gets its decision once; nothing else changes');\n"
	  NO_DELETE("disputes", "disputes are never deleted")
	  "CREATE TRIGGER extensions_decide_once BEFORE UPDATE ON extensions FOR EACH ROW\n"
	  "  WHEN (OLD.state <> 'pending'\n"
	  "    OR NEW.assignment_id IS DISTINCT FROM OLD.assignment_id\n"
	  "    OR NEW.old_due IS DISTINCT FROM OLD.old_due\n"
	  "    OR NEW.new_due IS DISTINCT FROM OLD.new_due\n"
	  "    OR NEW.reason IS DISTINCT FROM OLD.reason\n"
	  "    OR NEW.requested_by IS DISTINCT FROM OLD.requested_by\n"
	  "    OR NEW.requested_on IS DISTINCT FROM OLD.requested_on\n"
	  "    OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at\n"
	  "    OR NEW.sample IS DISTINCT FROM OLD.sample)\n"
	  "  EXECUTE FUNCTION duban_refuse('an extension gets its decision once; nothing else"
	  " changes');\n"
	  NO_DELETE("extensions", "extensions are never deleted"), NULL } },
	/* 8: supervision records are only added; counters only grow; an appeal is decided once. */
	{ 8, true, {
	  NO_CHANGE("actions", "supervision actions are never rewritten or deleted")
	  NO_CHANGE("action_replies", "replies are never rewritten or deleted")
	  NO_CHANGE("action_closings", "closings are never rewritten or deleted")
	  NO_CHANGE("handover_forms", "form numbers are never rewritten or deleted")
	  NO_CHANGE("accountability", "accountability records are never rewritten or deleted")
	  NO_CHANGE("suggestion_dismissals", "dismissals are never rewritten or deleted")
	  NO_CHANGE("bulletins", "bulletins issued are never rewritten or deleted"),
	  "CREATE TRIGGER form_counters_grow BEFORE UPDATE ON form_counters FOR EACH ROW\n"
	  "  WHEN (NEW.last_seq < OLD.last_seq OR NEW.kind IS DISTINCT FROM OLD.kind\n"
	  "    OR NEW.year IS DISTINCT FROM OLD.year)\n"
	  "  EXECUTE FUNCTION duban_refuse('form numbers are never reused');\n"
	  NO_DELETE("form_counters", "form numbers are never reused")
	  "CREATE TRIGGER appeals_decide_once BEFORE UPDATE ON appeals FOR EACH ROW\n"
	  "  WHEN (OLD.state <> 'pending'\n"
	  "    OR NEW.year IS DISTINCT FROM OLD.year\n"
	  "    OR NEW.unit_id IS DISTINCT FROM OLD.unit_id\n"
	  "    OR NEW.line_key IS DISTINCT FROM OLD.line_key\n"
	  "    OR NEW.reason IS DISTINCT FROM OLD.reason\n"
	  "    OR NEW.orig_cp IS DISTINCT FROM OLD.orig_cp\n"
	  "    OR NEW.filed_by IS DISTINCT FROM OLD.filed_by\n"
	  "    OR NEW.filed_on IS DISTINCT FROM OLD.filed_on\n"
	  "    OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at)\n"
	  "  EXECUTE FUNCTION duban_refuse('an appeal gets its decision once; nothing else changes');\n"
	  NO_DELETE("appeals", "appeals are never deleted"), NULL } },
	/* 10: the rebuilt targets keep the constraint names the table had. */
	{ 10, false, {
	  "ALTER TABLE targets RENAME CONSTRAINT targets_new_pkey TO targets_pkey;\n"
	  "ALTER TABLE targets RENAME CONSTRAINT targets_new_task_id_fkey"
	  " TO targets_task_id_fkey;\n"
	  "ALTER TABLE targets RENAME CONSTRAINT targets_new_cmp_check TO targets_cmp_check;\n",
	  NULL } },
	{ 0, false, { NULL } },
};

/* ---- the rewrite ---- */

static bool word_char(int c)
{
	return isalnum(c) || c == '_';
}

/*
 * If the words of `pattern` (separated by single spaces) follow at `p`,
 * separated by any white space and ending at a word boundary, return the
 * position after them; else NULL.  Case-insensitive.
 */
static const char *match_words(const char *p, const char *pattern)
{
	while (*pattern) {
		size_t n = strcspn(pattern, " ");

		if (strncasecmp(p, pattern, n) || word_char((unsigned char)p[n]))
			return NULL;
		p += n;
		pattern += n;
		if (*pattern == ' ') {
			pattern++;
			if (!isspace((unsigned char)*p))
				return NULL;
			while (isspace((unsigned char)*p))
				p++;
		}
	}
	return p;
}

/* Skip white space at p. */
static const char *skip_space(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/* The end of a quoted string or name starting at p (quote char *p; doubled quotes escape). */
static const char *quoted_end(const char *p)
{
	char q = *p++;

	for (; *p; p++) {
		if (*p == q) {
			if (p[1] == q) {
				p++;
				continue;
			}
			return p + 1;
		}
	}
	return p;
}

/*
 * Skip a CREATE TRIGGER statement: up to the END that closes its BEGIN (a
 * CASE ... END inside the body does not) and the ';' after it.
 */
static const char *skip_trigger(const char *p)
{
	int depth = 0;	/* CASE expressions open inside the body */

	while (*p) {
		const char *after;

		if (*p == '\'' || *p == '"') {
			p = quoted_end(p);
			continue;
		}
		if (word_char((unsigned char)*p)) {
			if (match_words(p, "CASE")) {
				depth++;
			} else if ((after = match_words(p, "END"))) {
				if (!depth) {
					after = skip_space(after);
					return *after == ';' ? after + 1 : after;
				}
				depth--;
			}
			while (word_char((unsigned char)*p))
				p++;
			continue;
		}
		p++;
	}
	return p;
}

static int untranslatable(const char *what, struct err *e)
{
	return err_set(e, ERR_INTERNAL,
		       "内部错误：数据库结构中的“%s”无法转换为 PostgreSQL 写法"
		       "（请在 src/store/pg_schema.c 的 pg_levels 中为该版本补上 PostgreSQL 语句）",
		       what);
}

char *pg_rewrite(const char *sql, bool drop_triggers, struct err *e)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = sql;
	char last[32] = "";	/* the previous word, lower case */

	while (*p) {
		const char *q;

		if (*p == '\'' || *p == '"') {
			q = quoted_end(p);
			strbuf_add(&out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (p[0] == '-' && p[1] == '-') {
			q = p + strcspn(p, "\n");
			strbuf_add(&out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (*p == '?' && isdigit((unsigned char)p[1])) {
			strbuf_addch(&out, '$');
			p++;
			continue;
		}
		if (!word_char((unsigned char)*p) ||
		    (p > sql && word_char((unsigned char)p[-1]))) {
			strbuf_addch(&out, *p++);
			continue;
		}
		/* A word starts here. */
		if ((q = match_words(p, "CREATE TRIGGER"))) {
			if (!drop_triggers) {
				untranslatable("CREATE TRIGGER", e);
				goto fail;
			}
			p = skip_trigger(q);
			continue;
		}
		if ((q = match_words(p, "INTEGER PRIMARY KEY AUTOINCREMENT")) ||
		    (!strcmp(last, "id") && (q = match_words(p, "INTEGER PRIMARY KEY")))) {
			strbuf_addstr(&out, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
			p = q;
			last[0] = '\0';
			continue;
		}
		if ((q = match_words(p, "WITHOUT ROWID"))) {
			/* Drop the white space before it too: ") WITHOUT ROWID;" -> ");". */
			while (out.len && isspace((unsigned char)out.buf[out.len - 1]))
				strbuf_setlen(&out, out.len - 1);
			p = q;
			continue;
		}
		if ((q = match_words(p, "strftime"))) {
			const char *args = skip_space(q);

			if (!strncmp(args, "('%Y-%m-%dT%H:%M:%SZ', 'now')", 29)) {
				strbuf_addstr(&out, PG_NOW_S);
				p = args + 29;
			} else if (!strncmp(args, "('%Y-%m-%dT%H:%M:%fZ', 'now')", 29)) {
				strbuf_addstr(&out, PG_NOW_MS);
				p = args + 29;
			} else {
				untranslatable("strftime", e);
				goto fail;
			}
			continue;
		}
		if ((q = match_words(p, "IS NOT"))) {
			const char *next = skip_space(q);

			if (!match_words(next, "NULL") && !match_words(next, "DISTINCT") &&
			    !match_words(next, "TRUE") && !match_words(next, "FALSE")) {
				strbuf_addstr(&out, "IS DISTINCT FROM ");
				p = next;
				continue;
			}
		}
		{
			size_t n = 0;

			while (word_char((unsigned char)p[n]))
				n++;
			if (match_words(p, "INTEGER"))
				strbuf_addstr(&out, "BIGINT");
			else if (match_words(p, "REAL"))
				strbuf_addstr(&out, "DOUBLE PRECISION");
			else if (match_words(p, "BLOB"))
				strbuf_addstr(&out, "BYTEA");
			else if (match_words(p, "AUTOINCREMENT") || match_words(p, "PRAGMA") ||
				 match_words(p, "GLOB") || match_words(p, "ROWID") ||
				 match_words(p, "WITHOUT") || match_words(p, "sqlite_sequence") ||
				 match_words(p, "sqlite_schema") || match_words(p, "sqlite_master")) {
				char w[32];

				snprintf(w, sizeof(w), "%.*s", (int)(n < 31 ? n : 31), p);
				untranslatable(w, e);
				goto fail;
			} else
				strbuf_add(&out, p, n);
			snprintf(last, sizeof(last), "%.*s", (int)(n < 31 ? n : 31), p);
			for (char *c = last; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			p += n;
		}
	}
	return strbuf_detach(&out, NULL);
fail:
	strbuf_release(&out);
	return NULL;
}

char *pg_migration(int level, struct err *e)
{
	const struct pg_level *l = NULL;
	struct strbuf sb = STRBUF_INIT;
	char *body;

	if (level < 1 || level > STORE_SCHEMA_VERSION) {
		err_set(e, ERR_INTERNAL, "内部错误：没有第 %d 版数据库结构", level);
		return NULL;
	}
	for (const struct pg_level *x = pg_levels; x->level; x++)
		if (x->level == level)
			l = x;
	body = pg_rewrite(sqlite_migrations[level - 1], l && l->triggers, e);
	if (!body) {
		err_prefix(e, "第 %d 版：", level);
		return NULL;
	}
	strbuf_addstr(&sb, body);
	free(body);
	for (size_t i = 0; l && i < sizeof(l->extra) / sizeof(l->extra[0]) && l->extra[i]; i++) {
		strbuf_addch(&sb, '\n');
		strbuf_addstr(&sb, l->extra[i]);
	}
	return strbuf_detach(&sb, NULL);
}
