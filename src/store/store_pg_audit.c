/* The PostgreSQL backend's audit log: append under the head's row lock, read in pages; the database clock. */
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

#include "store/pg_internal.h"
#include "util/banned.h"

static const char sql_head[] = "SELECT seq, hash FROM audit_head WHERE id = 1";
/*
 * Inside a transaction the head is read FOR UPDATE: a second appender (in
 * another connection or server instance) waits here until the first
 * commits, then reads the new head, so the chain never forks.  store_begin's
 * write lock already orders writers; this lock keeps the chain whole even
 * for a writer that did not take it.
 */
static const char sql_head_lock[] = "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
static const char sql_append[] =
	"INSERT INTO audit (seq, at, actor, action, object, before_json, after_json,"
	" prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char sql_set_head[] = "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1";
static const char sql_page[] =
	"SELECT seq, at, actor, action, object, before_json, after_json, prev_hash, hash"
	" FROM audit WHERE seq > $1 AND ($2::text IS NULL OR at >= $2::text COLLATE \"C\")"
	" ORDER BY seq"
	" LIMIT $3";
/* The clock at the call (not the transaction's start): entries appended later read later. */
static const char sql_now[] =
	"SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

/* A hex digest column; a value longer than a digest becomes "?" (matches no digest). */
static void col_hex(const PGresult *r, int row, int col, char out[65])
{
	const char *t = pg_col_text(r, row, col);

	if (t && PQgetlength(r, row, col) > 64)
		t = "?";
	snprintf(out, 65, "%s", t ? t : "");
}

int pg_audit_head(struct store *st, int64_t *seq, char hash[65], struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run(ps, st->in_tx ? sql_head_lock : sql_head, NULL, "读取审计链头", e);

	if (!r)
		return -1;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return err_set(e, ERR_STORE, "%s: 数据库内容有误：缺少审计链头（audit_head）",
			       ps->where);
	}
	*seq = pg_col_int(r, 0, 0);
	col_hex(r, 0, 1, hash);
	PQclear(r);
	return 0;
}

int pg_audit_append(struct store *st, const struct store_audit_entry *a, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	int64_t head;
	char head_hash[65];

	if (pg_audit_head(st, &head, head_hash, e))
		return -1;
	if (a->seq != head + 1 || strcmp(a->prev_hash, head_hash))
		return err_set(e, ERR_CONFLICT, "%s: 审计记录应接在第 %lld 条之后，而不是第 %lld 条",
			       ps->where, (long long)head, (long long)a->seq - 1);
	pg_p_init(&p);
	pg_p_int(&p, a->seq);
	pg_p_text0(&p, a->at);
	pg_p_text0(&p, a->actor);
	pg_p_text0(&p, a->action);
	pg_p_text0(&p, a->object);
	pg_p_text(&p, a->before_json);
	pg_p_text(&p, a->after_json);
	pg_p_text0(&p, a->prev_hash);
	pg_p_text0(&p, a->hash);
	if (pg_cmd(ps, sql_append, &p, "写入审计记录", NULL, NULL, NULL, e))
		return -1;
	pg_p_init(&p);
	pg_p_int(&p, a->seq);
	pg_p_text0(&p, a->hash);
	return pg_cmd(ps, sql_set_head, &p, "更新审计链头", NULL, NULL, NULL, e);
}

int pg_audit_page(struct store *st, int64_t after_seq, const char *since, size_t limit,
		  struct store_audit_list *out, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	PGresult *r;
	int n;

	pg_p_init(&p);
	pg_p_int(&p, after_seq);
	pg_p_text(&p, since);
	pg_p_int(&p, (int64_t)limit);
	if (!(r = pg_run(ps, sql_page, &p, "读取审计记录", e)))
		return -1;
	n = PQntuples(r);
	if (n) {
		struct store_audit_entry *nv = arena_alloc(&out->arena,
							   (out->n + (size_t)n) * sizeof(*nv));

		if (out->n)
			memcpy(nv, out->v, out->n * sizeof(*nv));
		out->v = nv;
	}
	for (int i = 0; i < n; i++) {
		struct store_audit_entry *a = &out->v[out->n++];

		memset(a, 0, sizeof(*a));
		a->seq = pg_col_int(r, i, 0);
		a->at = pg_col_dup0(r, i, 1, &out->arena);
		a->actor = pg_col_dup0(r, i, 2, &out->arena);
		a->action = pg_col_dup0(r, i, 3, &out->arena);
		a->object = pg_col_dup0(r, i, 4, &out->arena);
		a->before_json = pg_col_dup(r, i, 5, &out->arena);
		a->after_json = pg_col_dup(r, i, 6, &out->arena);
		col_hex(r, i, 7, a->prev_hash);
		col_hex(r, i, 8, a->hash);
		/* TEXT columns hold no NUL byte in PostgreSQL; NOT NULL ones no NULL. */
		for (int c = 1; c <= 8; c++)
			if (c != 5 && c != 6 && pg_col_null(r, i, c))
				a->malformed = true;
	}
	PQclear(r);
	return 0;
}

int pg_now(struct store *st, char buf[STORE_TIME_LEN], struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run(ps, sql_now, NULL, "读取数据库时钟", e);

	if (!r)
		return -1;
	snprintf(buf, STORE_TIME_LEN, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}
