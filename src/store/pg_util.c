/* Helpers shared by the PostgreSQL backend's files: prepared statements, parameters, columns, errors. */
#include "store/pg_internal.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/banned.h"

/* ---- parameters ---- */

void pg_p_init(struct pg_params *p)
{
	p->n = 0;
}

static int p_slot(struct pg_params *p)
{
	if (p->n >= PG_MAXPARAMS)
		abort();	/* a programming error: every statement is static */
	p->fmt[p->n] = 0;
	p->len[p->n] = 0;
	return p->n++;
}

void pg_p_null(struct pg_params *p)
{
	p->v[p_slot(p)] = NULL;
}

void pg_p_int(struct pg_params *p, int64_t v)
{
	int i = p_slot(p);

	snprintf(p->buf[i], sizeof(p->buf[i]), "%" PRId64, v);
	p->v[i] = p->buf[i];
}

void pg_p_id0(struct pg_params *p, int64_t v)
{
	if (v)
		pg_p_int(p, v);
	else
		pg_p_null(p);
}

void pg_p_real(struct pg_params *p, double v)
{
	int i = p_slot(p);

	snprintf(p->buf[i], sizeof(p->buf[i]), "%.17g", v);
	p->v[i] = p->buf[i];
}

void pg_p_text(struct pg_params *p, const char *v)
{
	p->v[p_slot(p)] = v;
}

void pg_p_text0(struct pg_params *p, const char *v)
{
	pg_p_text(p, v ? v : "");
}

void pg_p_date(struct pg_params *p, struct date d)
{
	int i = p_slot(p);

	if (!date_is_set(d)) {
		p->v[i] = NULL;
		return;
	}
	date_format_iso(d, p->buf[i]);
	p->v[i] = p->buf[i];
}

void pg_p_bytea(struct pg_params *p, const void *data, size_t len)
{
	int i = p_slot(p);

	p->v[i] = len ? data : "";
	p->len[i] = (int)len;
	p->fmt[i] = 1;
}

/* ---- errors ---- */

static const char *sqlstate(const PGresult *r)
{
	const char *s = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	return s ? s : "";
}

/* The server's message, one line, without libpq's "ERROR:  " prefix. */
static void server_message(struct pg_store *ps, const PGresult *r, char *buf, size_t n)
{
	const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	size_t len;

	if (!m || !*m)
		m = PQerrorMessage(ps->conn);
	snprintf(buf, n, "%s", m && *m ? m : "未知错误");
	len = strlen(buf);
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	for (char *c = buf; *c; c++)
		if (*c == '\n')
			*c = ' ';
}

int pg_fail(struct pg_store *ps, const PGresult *r, const char *what, struct err *e)
{
	char msg[600];
	const char *state = sqlstate(r);

	server_message(ps, r, msg, sizeof(msg));
	if (PQstatus(ps->conn) == CONNECTION_BAD || !strncmp(state, "08", 2))
		return err_set(e, ERR_STORE, "%s: %s失败：与 PostgreSQL 数据库的连接已断开（%s）",
			       ps->where, what, msg);
	if (!strcmp(state, "40001") || !strcmp(state, "40P01"))
		return err_set(e, ERR_CONFLICT, "%s: %s失败：与其他同时进行的修改冲突，请重试",
			       ps->where, what);
	if (!strcmp(state, "55P03") || !strcmp(state, "57014"))
		return err_set(e, ERR_STORE, "%s: %s失败：数据库繁忙，等待超时，请稍后重试（%s）",
			       ps->where, what, msg);
	return err_set(e, ERR_STORE, "%s: %s失败：%s", ps->where, what, msg);
}

int pg_bad_content(struct pg_store *ps, const char *what, const char *value, struct err *e)
{
	return err_set(e, ERR_STORE, "%s: 数据库内容有误：%s“%s”", ps->where, what,
		       value ? value : "(空)");
}

/* ---- statements ---- */

static size_t slot_of(const char *sql)
{
	uintptr_t h = (uintptr_t)sql;

	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15u;
	return (size_t)(h >> 7) % PG_STMT_CACHE;
}

void pg_cache_clear(struct pg_store *ps)
{
	memset(ps->cache, 0, sizeof(ps->cache));
	ps->ncached = 0;
}

/* The prepared statement's name for `sql`, preparing it on first use. */
static const char *stmt_name(struct pg_store *ps, const char *sql, int nparams, const char *what,
			     struct err *e)
{
	size_t i = slot_of(sql);

	for (size_t probes = 0; probes < PG_STMT_CACHE; probes++) {
		struct pg_cached *c = &ps->cache[i];

		if (c->sql == sql)
			return c->name;
		if (!c->sql) {
			PGresult *r;

			if (ps->ncached + 1 >= PG_STMT_CACHE) {
				err_set(e, ERR_INTERNAL, "%s: 预编译语句过多（上限 %d）", ps->where,
					PG_STMT_CACHE);
				return NULL;
			}
			snprintf(c->name, sizeof(c->name), "d%u", ++ps->next_name);
			r = PQprepare(ps->conn, c->name, sql, nparams, NULL);
			if (PQresultStatus(r) != PGRES_COMMAND_OK) {
				pg_fail(ps, r, what, e);
				PQclear(r);
				c->name[0] = '\0';
				return NULL;
			}
			PQclear(r);
			c->sql = sql;
			ps->ncached++;
			return c->name;
		}
		i = (i + 1) % PG_STMT_CACHE;
	}
	err_set(e, ERR_INTERNAL, "%s: 预编译语句缓存已满", ps->where);
	return NULL;
}

/*
 * A connection lost outside a transaction (the server restarted, an idle
 * connection was closed) is made again, once, transparently: the
 * statement is then run on the new one.  Inside a transaction the loss is
 * the caller's error (the transaction is gone).
 */
static bool reconnect(struct pg_store *ps)
{
	PGresult *r;

	if (ps->base.in_tx || ps->base.in_batch || ps->in_read ||
	    PQstatus(ps->conn) != CONNECTION_BAD)
		return false;
	PQreset(ps->conn);
	if (PQstatus(ps->conn) != CONNECTION_OK)
		return false;
	pg_cache_clear(ps);
	r = PQexec(ps->conn, PG_SESSION_SETUP);
	PQclear(r);
	return PQstatus(ps->conn) == CONNECTION_OK;
}

static bool result_ok(const PGresult *r)
{
	ExecStatusType s = PQresultStatus(r);
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

static PGresult *map_error(struct pg_store *ps, PGresult *r, const char *what,
			   const char *conflict, const char *missing, struct err *e)
{
	const char *state = sqlstate(r);

	snprintf(ps->state, sizeof(ps->state), "%s", state);
	if (conflict && !strcmp(state, "23505"))
		err_set(e, ERR_CONFLICT, "%s", conflict);
	else if (missing && !strcmp(state, "23503"))
		err_set(e, ERR_NOT_FOUND, "%s", missing);
	else
		pg_fail(ps, r, what, e);
	PQclear(r);
	return NULL;
}

PGresult *pg_run_map(struct pg_store *ps, const char *sql, const struct pg_params *p,
		     const char *what, const char *conflict, const char *missing, struct err *e)
{
	int n = p ? p->n : 0;
	PGresult *r = NULL;

	reconnect(ps);
	for (int attempt = 0; attempt < 2; attempt++) {
		const char *name = stmt_name(ps, sql, n, what, e);

		if (!name) {
			if (!attempt && reconnect(ps))
				continue;
			return NULL;
		}
		r = PQexecPrepared(ps->conn, name, n, p ? p->v : NULL, p ? p->len : NULL,
				   p ? p->fmt : NULL, 0);
		if (result_ok(r) || attempt || !reconnect(ps))
			break;
		PQclear(r);
		r = NULL;
	}
	if (!result_ok(r))
		return map_error(ps, r, what, conflict, missing, e);
	ps->state[0] = '\0';
	return r;
}

PGresult *pg_run(struct pg_store *ps, const char *sql, const struct pg_params *p,
		 const char *what, struct err *e)
{
	return pg_run_map(ps, sql, p, what, NULL, NULL, e);
}

int pg_cmd(struct pg_store *ps, const char *sql, const struct pg_params *p, const char *what,
	   const char *conflict, const char *missing, int64_t *changed, struct err *e)
{
	PGresult *r = pg_run_map(ps, sql, p, what, conflict, missing, e);

	if (!r)
		return -1;
	if (changed)
		*changed = strtoll(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	return 0;
}

int pg_exec(struct pg_store *ps, const char *sql, const char *what, struct err *e)
{
	PGresult *r;

	reconnect(ps);
	r = PQexec(ps->conn, sql);
	if (!result_ok(r) && reconnect(ps)) {
		PQclear(r);
		r = PQexec(ps->conn, sql);
	}

	if (!result_ok(r)) {
		pg_fail(ps, r, what, e);
		PQclear(r);
		return -1;
	}
	PQclear(r);
	return 0;
}

PGresult *pg_exec_params(struct pg_store *ps, const char *sql, const struct pg_params *p,
			 const char *what, struct err *e)
{
	PGresult *r;

	reconnect(ps);
	r = PQexecParams(ps->conn, sql, p ? p->n : 0, NULL, p ? p->v : NULL, p ? p->len : NULL,
			 p ? p->fmt : NULL, 0);

	if (!result_ok(r))
		return map_error(ps, r, what, NULL, NULL, e);
	return r;
}

int pg_query_int(struct pg_store *ps, const char *sql, const struct pg_params *p,
		 int64_t *out, const char *what, struct err *e)
{
	PGresult *r = pg_run(ps, sql, p, what, e);

	if (!r)
		return -1;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return err_set(e, ERR_STORE, "%s: %s失败：查询没有返回一行", ps->where, what);
	}
	*out = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

/* ---- several statements in one round trip ---- */

static const char sql_read_begin[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
static const char sql_read_commit[] = "COMMIT";

static int run_batch(struct pg_store *ps, size_t n, const char *const sqls[],
		     const struct pg_params *const params[], PGresult *out[], const char *what,
		     struct err *e)
{
	const char *names[PG_BATCH_MAX];
	bool own = !ps->base.in_tx && !ps->base.in_batch && !ps->in_read, failed = false;
	bool sent = true;
	size_t cmd = 0, total = n + (own ? 2 : 0);

	if (n > PG_BATCH_MAX)
		return err_set(e, ERR_INTERNAL, "内部错误：批量查询过多");
	reconnect(ps);
	for (size_t i = 0; i < n; i++) {
		out[i] = NULL;
		/* Prepared before the pipeline: PQprepare waits for its answer. */
		if (!(names[i] = stmt_name(ps, sqls[i], params[i] ? params[i]->n : 0, what, e)))
			return -1;
	}
	if (!PQenterPipelineMode(ps->conn))
		return pg_fail(ps, NULL, what, e);
	if (own)
		sent = PQsendQueryParams(ps->conn, sql_read_begin, 0, NULL, NULL, NULL, NULL, 0);
	for (size_t i = 0; sent && i < n; i++) {
		const struct pg_params *p = params[i];

		sent = PQsendQueryPrepared(ps->conn, names[i], p ? p->n : 0, p ? p->v : NULL,
					   p ? p->len : NULL, p ? p->fmt : NULL, 0);
	}
	if (sent && own)
		sent = PQsendQueryParams(ps->conn, sql_read_commit, 0, NULL, NULL, NULL, NULL, 0);
	if (!sent || !PQpipelineSync(ps->conn)) {
		pg_fail(ps, NULL, what, e);
		failed = true;
	}
	/* Each command's results end with NULL; the sync point ends the batch. */
	while (!failed || PQstatus(ps->conn) == CONNECTION_OK) {
		PGresult *r = PQgetResult(ps->conn);
		ExecStatusType s;
		size_t i;

		if (!r) {
			if (++cmd > total)
				break;
			continue;
		}
		s = PQresultStatus(r);
		if (s == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (s == PGRES_FATAL_ERROR || s == PGRES_PIPELINE_ABORTED || s == PGRES_BAD_RESPONSE) {
			if (!failed && s != PGRES_PIPELINE_ABORTED)
				pg_fail(ps, r, what, e);
			else if (!failed)
				err_set(e, ERR_STORE, "%s: %s失败", ps->where, what);
			failed = true;
			PQclear(r);
			continue;
		}
		i = own ? cmd - 1 : cmd;
		if ((own && (cmd == 0 || cmd == total - 1)) || i >= n || out[i])
			PQclear(r);
		else
			out[i] = r;
	}
	PQexitPipelineMode(ps->conn);
	if (failed || PQstatus(ps->conn) != CONNECTION_OK) {
		if (!failed)
			pg_fail(ps, NULL, what, e);
		for (size_t i = 0; i < n; i++) {
			PQclear(out[i]);
			out[i] = NULL;
		}
		/* A failed explicit transaction stays open, aborted: end it. */
		if (own)
			PQclear(PQexec(ps->conn, "ROLLBACK"));
		return -1;
	}
	return 0;
}

int pg_run_batch(struct pg_store *ps, size_t n, const char *const sqls[],
		 const struct pg_params *const params[], PGresult *out[], const char *what,
		 struct err *e)
{
	if (!run_batch(ps, n, sqls, params, out, what, e))
		return 0;
	/* Once more on a new connection if the old one was lost. */
	return reconnect(ps) ? run_batch(ps, n, sqls, params, out, what, e) : -1;
}

/* ---- read transactions ---- */

int pg_read_begin(struct pg_store *ps, bool *own, struct err *e)
{
	*own = false;
	/* Inside a transaction (or a group commit's, between its use cases) reads see it. */
	if (ps->base.in_tx || ps->base.in_batch || ps->in_read)
		return 0;
	if (pg_exec(ps, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "开始读取", e))
		return -1;
	ps->in_read = true;
	*own = true;
	return 0;
}

void pg_read_end(struct pg_store *ps, bool own)
{
	if (!own)
		return;
	PQclear(PQexec(ps->conn, "COMMIT"));
	ps->in_read = false;
}

/* ---- columns ---- */

bool pg_col_null(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col);
}

int64_t pg_col_int(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

double pg_col_real(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : strtod(PQgetvalue(r, row, col), NULL);
}

const char *pg_col_text(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

const char *pg_col_dup(const PGresult *r, int row, int col, struct arena *a)
{
	if (PQgetisnull(r, row, col))
		return NULL;
	return arena_strndup(a, PQgetvalue(r, row, col), (size_t)PQgetlength(r, row, col));
}

const char *pg_col_dup0(const PGresult *r, int row, int col, struct arena *a)
{
	const char *t = pg_col_dup(r, row, col, a);
	return t ? t : "";
}

int pg_col_date(struct pg_store *ps, const PGresult *r, int row, int col, struct date *out,
		const char *what, struct err *e)
{
	const char *t = pg_col_text(r, row, col);

	*out = DATE_NONE;
	if (!t)
		return 0;
	if (date_parse_iso(t, out, what, NULL))
		return err_set(e, ERR_STORE, "%s: 数据库内容有误：%s 不是日期：%s", ps->where, what, t);
	return 0;
}

/* ---- SQL shared with the SQLite backend ---- */

char *pg_params_from_sqlite(const char *sql)
{
	struct strbuf sb = STRBUF_INIT;
	bool quoted = false;

	for (const char *c = sql; *c; c++) {
		if (*c == '\'')
			quoted = !quoted;
		if (!quoted && *c == '?' && isdigit((unsigned char)c[1]))
			strbuf_addch(&sb, '$');
		else
			strbuf_addch(&sb, *c);
	}
	return strbuf_detach(&sb, NULL);
}

/* ---- COPY ---- */

void pg_copy_text(struct strbuf *sb, const char *s)
{
	if (!s) {
		strbuf_addstr(sb, "\\N");
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			strbuf_addstr(sb, "\\\\");
			break;
		case '\n':
			strbuf_addstr(sb, "\\n");
			break;
		case '\r':
			strbuf_addstr(sb, "\\r");
			break;
		case '\t':
			strbuf_addstr(sb, "\\t");
			break;
		default:
			strbuf_addch(sb, *s);
		}
	}
}

int pg_copy_in(struct pg_store *ps, const char *copy_sql, const struct strbuf *data,
	       const char *what, struct err *e)
{
	PGresult *r = PQexec(ps->conn, copy_sql);
	size_t off = 0;
	int ok;

	if (PQresultStatus(r) != PGRES_COPY_IN) {
		pg_fail(ps, r, what, e);
		PQclear(r);
		return -1;
	}
	PQclear(r);
	/* In slices: PQputCopyData takes an int length. */
	ok = 1;
	while (ok == 1 && off < data->len) {
		size_t n = data->len - off > (1u << 20) ? (1u << 20) : data->len - off;

		ok = PQputCopyData(ps->conn, data->buf + off, (int)n);
		off += n;
	}
	if (ok != 1) {
		PQputCopyEnd(ps->conn, "duban: 发送失败");
	} else if (PQputCopyEnd(ps->conn, NULL) != 1) {
		ok = 0;
	}
	r = PQgetResult(ps->conn);
	if (ok != 1 || PQresultStatus(r) != PGRES_COMMAND_OK) {
		pg_fail(ps, r, what, e);
		PQclear(r);
		while ((r = PQgetResult(ps->conn)))
			PQclear(r);
		return -1;
	}
	PQclear(r);
	while ((r = PQgetResult(ps->conn)))
		PQclear(r);
	return 0;
}

int pg_col_period(struct pg_store *ps, const PGresult *r, int row, int col, struct period *out,
		  struct err *e)
{
	const char *t = pg_col_text(r, row, col);

	if (!t || period_parse(t, out, "报告期", NULL))
		return pg_bad_content(ps, "报告期", t, e);
	return 0;
}

PGresult *pg_run_id(struct pg_store *ps, const char *sql, int64_t id, const char *what,
		    struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, id);
	return pg_run(ps, sql, &p, what, e);
}
