/* The PostgreSQL backend of the store: connection, migrations, transactions, plans and tasks. */
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
#include "store/pg_schema.h"
#include "store/sqlite_schema.h"
#include "store/store_copy.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define PLAN_COLUMNS                                                              \
	"SELECT p.id, p.issuer, p.doc_no, p.title, p.recipients, p.year, p.issued_on," \
	" p.source_name, p.source_format, p.source_encoding, p.source_sha256,"       \
	" p.imported_at, (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id)"      \
	" FROM plans p"

static const char sql_plan_list[] = PLAN_COLUMNS " ORDER BY p.id";
static const char sql_plan_by_id[] = PLAN_COLUMNS " WHERE p.id = $1";
static const char sql_plan_by_sha[] = PLAN_COLUMNS " WHERE p.source_sha256 = $1";
static const char sql_plan_by_doc_no[] = PLAN_COLUMNS " WHERE p.issuer = $1 AND p.doc_no = $2";
static const char sql_plan_insert[] =
	"INSERT INTO plans (issuer, doc_no, title, year, issued_on, recipients,"
	" source_name, source_sha256, source_format, source_encoding, imported_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, " PG_NOW_S "))"
	" RETURNING id";
static const char sql_plan_update[] =
	"UPDATE plans SET issuer = $1, doc_no = $2, title = $3, year = $4,"
	" issued_on = $5, recipients = $6, source_name = $7, source_sha256 = $8,"
	" source_format = $9, source_encoding = $10,"
	" imported_at = coalesce($11, " PG_NOW_S ") WHERE id = $12";
static const char sql_tasks_delete[] = "DELETE FROM tasks WHERE plan_id = $1";
/*
 * A block of n ids from a table's identity sequence, in one call: the last
 * one.  Safe because every writer holds store_begin's write lock: nobody
 * draws from the sequence between the nextval and the setval.
 */
static const char sql_task_ids[] =
	"SELECT setval(s, nextval(s) + $1::bigint - 1)"
	" FROM (SELECT pg_get_serial_sequence('tasks', 'id')::regclass AS s) q";
static const char sql_unit_all[] = "SELECT id, name FROM units ORDER BY id";
static const char sql_unit_insert[] = "INSERT INTO units (name) VALUES ($1) RETURNING id";
static const char sql_load_tasks[] =
	"SELECT no, section, text, due_on, leader, line FROM tasks WHERE plan_id = $1 ORDER BY no";
static const char sql_load_task_units[] =
	"SELECT t.no, u.name FROM tasks t JOIN task_units tu ON tu.task_id = t.id"
	" JOIN units u ON u.id = tu.unit_id WHERE t.plan_id = $1 ORDER BY t.no, tu.position";
static const char sql_load_targets[] =
	"SELECT t.no, g.metric, g.value, g.max, g.unit, g.cmp, g.text, g.qualifier"
	" FROM tasks t JOIN targets g ON g.task_id = t.id"
	" WHERE t.plan_id = $1 ORDER BY t.no, g.seq";
static const char sql_load_milestones[] =
	"SELECT t.no, m.due_on, m.text FROM tasks t JOIN milestones m ON m.task_id = t.id"
	" WHERE t.plan_id = $1 ORDER BY t.no, m.seq";
static const char sql_unit_stats[] =
	"SELECT u.id, u.name, count(*) FILTER (WHERE tu.position = 1),"
	" count(*) FILTER (WHERE tu.position > 1)"
	" FROM tasks t JOIN task_units tu ON tu.task_id = t.id"
	" JOIN units u ON u.id = tu.unit_id"
	" WHERE t.plan_id = $1 GROUP BY u.id, u.name"
	" ORDER BY 3 DESC, 4 DESC, min(t.no), u.id";

/* ---- connecting ---- */

/* Notices ("there is no transaction in progress"...) are not for the user's terminal. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static const char *opt_or(const char *v, const char *dflt)
{
	return v && *v ? v : dflt;
}

/* "postgres://user@host:port/db": where the messages say we are; never the password. */
static char *describe(PGconn *conn)
{
	return xasprintf("postgres://%s@%s:%s/%s", opt_or(PQuser(conn), "?"),
			 opt_or(PQhost(conn), "localhost"), opt_or(PQport(conn), "5432"),
			 opt_or(PQdb(conn), "?"));
}

static void pg_close(struct store *st)
{
	struct pg_store *ps = pg_of(st);

	if (ps->conn)
		PQfinish(ps->conn);
	strmap_release(&ps->units);
	strbuf_release(&ps->copybuf);
	free(ps->where);
	free(ps);
}

static const struct store_ops pg_ops;

/* ---- migrations ---- */

static int too_new(struct pg_store *ps, int64_t version, struct err *e)
{
	return err_set(e, ERR_STORE,
		       "%s: 数据库结构版本为 %lld，而本程序（duban %s）只支持到第 %d 版："
		       "它由更新版本的 duban 写入，请升级 duban 后再使用",
		       ps->where, (long long)version, DUBAN_VERSION, STORE_SCHEMA_VERSION);
}

static const char sql_meta_exists[] =
	"SELECT to_regclass('duban_meta') IS NOT NULL,"
	" (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())";
static const char sql_meta_get[] = "SELECT application, version FROM duban_meta WHERE id = 1";

/* The stored schema level: 0 for an empty database; refuses a foreign one. */
static int stored_version(struct pg_store *ps, int64_t *version, struct err *e)
{
	PGresult *r = pg_exec_params(ps, sql_meta_exists, NULL, "读取数据库信息", e);
	bool meta;
	int64_t ntables;

	if (!r)
		return -1;
	meta = !strcmp(PQgetvalue(r, 0, 0), "t");
	ntables = pg_col_int(r, 0, 1);
	PQclear(r);
	*version = 0;
	if (!meta) {
		if (ntables)
			return err_set(e, ERR_STORE, "%s: 不是 duban 的数据库（其中已有别的数据表）",
				       ps->where);
		return 0;
	}
	if (!(r = pg_exec_params(ps, sql_meta_get, NULL, "读取数据库结构版本", e)))
		return -1;
	if (PQntuples(r) != 1 || strcmp(PQgetvalue(r, 0, 0), "duban")) {
		PQclear(r);
		return err_set(e, ERR_STORE, "%s: 不是 duban 的数据库（duban_meta 内容不符）",
			       ps->where);
	}
	*version = pg_col_int(r, 0, 1);
	PQclear(r);
	return 0;
}

/*
 * Bring the schema to STORE_SCHEMA_VERSION, one transaction per level, under
 * a session advisory lock: server instances starting together migrate once.
 */
static int migrate(struct pg_store *ps, struct err *e)
{
	int64_t version;
	int ret = -1;

	if (pg_exec(ps, "SELECT pg_advisory_lock(" PG_MIGRATE_LOCK ")", "锁定数据库结构", e))
		return -1;
	if (stored_version(ps, &version, e))
		goto out;
	if (version > STORE_SCHEMA_VERSION) {
		too_new(ps, version, e);
		goto out;
	}
	while (version < STORE_SCHEMA_VERSION) {
		struct strbuf sql = STRBUF_INIT;
		char *level = pg_migration((int)version + 1, e);
		PGresult *r;

		if (!level)
			goto out;
		strbuf_addstr(&sql, "BEGIN;\n");
		if (version == 0)
			strbuf_addstr(&sql,
				      "CREATE TABLE duban_meta (\n"
				      "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
				      "  application TEXT NOT NULL,\n"
				      "  version INTEGER NOT NULL\n"
				      ");\n"
				      "INSERT INTO duban_meta (id, application, version)"
				      " VALUES (1, 'duban', 0);\n");
		strbuf_addstr(&sql, level);
		strbuf_addf(&sql, ";\nUPDATE duban_meta SET version = %lld WHERE id = 1;\nCOMMIT;\n",
			    (long long)version + 1);
		free(level);
		r = PQexec(ps->conn, sql.buf);
		strbuf_release(&sql);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			char what[64];

			snprintf(what, sizeof(what), "升级数据库结构到第 %lld 版", (long long)version + 1);
			pg_fail(ps, r, what, e);
			PQclear(r);
			PQclear(PQexec(ps->conn, "ROLLBACK"));
			goto out;
		}
		PQclear(r);
		version++;
	}
	ret = 0;
out:
	PQclear(PQexec(ps->conn, "SELECT pg_advisory_unlock(" PG_MIGRATE_LOCK ")"));
	return ret;
}

int store_pg_open(const char *url, struct store **out, struct err *e)
{
	static const char *const keys[] = { "dbname", "fallback_application_name",
					    "client_encoding", NULL };
	const char *vals[] = { url, "duban", "UTF8", NULL };
	struct pg_store *ps = xcalloc(1, sizeof(*ps));

	*out = NULL;
	ps->base.ops = &pg_ops;
	strmap_init(&ps->units);
	strbuf_init(&ps->copybuf, 0);
	ps->conn = PQconnectdbParams(keys, vals, 1);
	if (!ps->conn) {
		err_set(e, ERR_STORE, "无法连接 PostgreSQL 数据库：内存不足");
		goto fail;
	}
	ps->where = describe(ps->conn);
	if (PQstatus(ps->conn) != CONNECTION_OK) {
		char msg[600];
		size_t n;

		snprintf(msg, sizeof(msg), "%s", PQerrorMessage(ps->conn));
		n = strlen(msg);
		while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		for (char *c = msg; *c; c++)
			if (*c == '\n')
				*c = ' ';
		err_set(e, ERR_STORE, "无法连接 PostgreSQL 数据库“%s”（主机 %s，端口 %s，用户 %s）：%s",
			opt_or(PQdb(ps->conn), "?"), opt_or(PQhost(ps->conn), "localhost"),
			opt_or(PQport(ps->conn), "5432"), opt_or(PQuser(ps->conn), "?"), msg);
		goto fail;
	}
	PQsetNoticeProcessor(ps->conn, quiet, NULL);
	if (PQserverVersion(ps->conn) < 110000) {
		err_set(e, ERR_STORE, "%s: PostgreSQL 版本过旧（%d），duban 需要 11 或更新的版本",
			ps->where, PQserverVersion(ps->conn));
		goto fail;
	}
	/* A writer waits for another at most this long (store_begin's lock). */
	if (pg_exec(ps, PG_SESSION_SETUP, "设置数据库参数", e) || migrate(ps, e))
		goto fail;
	*out = &ps->base;
	return 0;
fail:
	pg_close(&ps->base);
	return -1;
}

static int pg_schema_version(struct store *st, int *out, struct err *e)
{
	int64_t v;

	if (stored_version(pg_of(st), &v, e))
		return -1;
	*out = (int)v;
	return 0;
}

/* ---- transactions ---- */

static void units_forget(struct pg_store *ps)
{
	if (ps->units_loaded)
		strmap_release(&ps->units);
	ps->units_loaded = false;
}

static int pg_begin(struct store *st, struct err *e)
{
	struct pg_store *ps = pg_of(st);

	units_forget(ps);
	if (ps->in_read)
		return err_set(e, ERR_INTERNAL, "内部错误：读事务中不能开始写事务");
	if (pg_exec(ps,
		    "BEGIN ISOLATION LEVEL READ COMMITTED;"
		    " SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")",
		    "开始事务", e)) {
		PQclear(PQexec(ps->conn, "ROLLBACK"));
		return -1;
	}
	return 0;
}

static int pg_commit(struct store *st, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = PQexec(ps->conn, "COMMIT");

	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		pg_fail(ps, r, "提交事务", e);
		PQclear(r);
		return -1;
	}
	/* COMMIT of a transaction an error aborted answers ROLLBACK. */
	if (strcmp(PQcmdStatus(r), "COMMIT")) {
		PQclear(r);
		return err_set(e, ERR_STORE, "%s: 提交事务失败：事务已因先前的错误中止", ps->where);
	}
	PQclear(r);
	units_forget(ps);
	return 0;
}

static void pg_rollback(struct store *st)
{
	struct pg_store *ps = pg_of(st);

	PQclear(PQexec(ps->conn, "ROLLBACK"));
	ps->in_read = false;
	ps->snapshot = false;
	units_forget(ps);
}

/*
 * Group commit (store_batch_begin): the batch is one transaction (holding
 * the write lock), each use case a savepoint in it.  A use case that failed
 * left the transaction aborted; rolling back to its savepoint clears that.
 */
static int pg_savepoint(struct store *st, struct err *e)
{
	struct pg_store *ps = pg_of(st);

	if (PQtransactionStatus(ps->conn) != PQTRANS_INTRANS)
		return err_set(e, ERR_STORE, "%s: 批量事务已被数据库回滚", ps->where);
	return pg_exec(ps, "SAVEPOINT duban_use_case", "开始事务", e);
}

static int pg_release(struct store *st, struct err *e)
{
	return pg_exec(pg_of(st), "RELEASE duban_use_case", "提交事务", e);
}

static const char sql_generation[] = "SELECT n FROM generation WHERE id = 1";
static const char sql_generation_bump[] = "UPDATE generation SET n = n + 1 WHERE id = 1";

static int pg_generation(struct store *st, int64_t *out, struct err *e)
{
	return pg_query_int(pg_of(st), sql_generation, NULL, out, "读取数据版本", e);
}

static int pg_generation_bump(struct store *st, struct err *e)
{
	return pg_cmd(pg_of(st), sql_generation_bump, NULL, "更新数据版本", NULL, NULL, NULL, e);
}

static void pg_rollback_to(struct store *st)
{
	struct pg_store *ps = pg_of(st);

	PQclear(PQexec(ps->conn, "ROLLBACK TO duban_use_case; RELEASE duban_use_case"));
	units_forget(ps);
}

/* ---- plans ---- */

static void plan_row_fill(const PGresult *r, int i, struct arena *a, struct store_plan_row *row)
{
	const char *issued = pg_col_text(r, i, 6);
	const char *sha = pg_col_text(r, i, 10);

	memset(row, 0, sizeof(*row));
	row->id = pg_col_int(r, i, 0);
	row->issuer = pg_col_dup0(r, i, 1, a);
	row->doc_no = pg_col_dup0(r, i, 2, a);
	row->title = pg_col_dup0(r, i, 3, a);
	row->recipients = pg_col_dup0(r, i, 4, a);
	row->year = (int)pg_col_int(r, i, 5);
	row->issued = DATE_NONE;
	if (issued) {
		struct date d;
		/* A malformed date stays unset rather than failing a listing. */
		if (!date_parse_iso(issued, &d, "issued_on", NULL))
			row->issued = d;
	}
	row->source_name = pg_col_dup0(r, i, 7, a);
	row->source_format = pg_col_dup0(r, i, 8, a);
	row->source_encoding = pg_col_dup0(r, i, 9, a);
	if (sha)
		snprintf(row->sha256, sizeof(row->sha256), "%s", sha);
	row->imported_at = pg_col_dup0(r, i, 11, a);
	row->ntasks = (size_t)pg_col_int(r, i, 12);
}

static int pg_plan_list(struct store *st, struct store_plan_list *out, struct err *e)
{
	PGresult *r = pg_run(pg_of(st), sql_plan_list, NULL, "读取清单列表", e);
	int n;

	if (!r)
		return -1;
	n = PQntuples(r);
	if (n) {
		out->v = arena_alloc(&out->arena, (size_t)n * sizeof(*out->v));
		for (int i = 0; i < n; i++)
			plan_row_fill(r, i, &out->arena, &out->v[out->n++]);
	}
	PQclear(r);
	return 0;
}

static int plan_find(struct pg_store *ps, const char *sql, const struct pg_params *p,
		     struct arena *a, struct store_plan_row *row, bool *found, struct err *e)
{
	PGresult *r = pg_run(ps, sql, p, "查找清单", e);

	*found = false;
	if (!r)
		return -1;
	if (PQntuples(r)) {
		plan_row_fill(r, 0, a, row);
		*found = true;
	}
	PQclear(r);
	return 0;
}

static int pg_plan_find_sha(struct store *st, const char *sha256, struct arena *a,
			    struct store_plan_row *row, bool *found, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_text0(&p, sha256);
	return plan_find(pg_of(st), sql_plan_by_sha, &p, a, row, found, e);
}

static int pg_plan_find_doc_no(struct store *st, const char *issuer, const char *doc_no,
			       struct arena *a, struct store_plan_row *row, bool *found,
			       struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_text0(&p, issuer);
	pg_p_text0(&p, doc_no);
	return plan_find(pg_of(st), sql_plan_by_doc_no, &p, a, row, found, e);
}

/* $1..$11 of sql_plan_insert / sql_plan_update. */
static void params_plan(struct pg_params *p, const struct plan *pl,
			const struct store_plan_source *src)
{
	pg_p_init(p);
	pg_p_text0(p, pl->issuer);
	pg_p_text0(p, pl->doc_no);
	pg_p_text0(p, pl->title);
	pg_p_id0(p, pl->year);
	pg_p_date(p, pl->issued);
	pg_p_text0(p, pl->recipients);
	pg_p_text0(p, pl->source_name);
	pg_p_text0(p, pl->sha256);
	pg_p_text0(p, src ? src->format : NULL);
	pg_p_text0(p, src ? src->encoding : NULL);
	pg_p_text(p, src ? src->imported_at : NULL);
}

static const char *plan_conflict(struct pg_store *ps, const struct plan *p, char *buf, size_t n)
{
	snprintf(buf, n, "%s: 已有同一文件或同一文号（%s）的清单", ps->where,
		 p->doc_no && *p->doc_no ? p->doc_no : "无文号");
	return buf;
}

static int pg_plan_insert(struct store *st, const struct plan *pl,
			  const struct store_plan_source *src, int64_t *id, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	char conflict[512];
	PGresult *r;

	if (!pl->sha256[0])
		return err_set(e, ERR_INTERNAL, "内部错误：清单缺少源文件摘要");
	params_plan(&p, pl, src);
	r = pg_run_map(ps, sql_plan_insert, &p, "写入清单",
		       plan_conflict(ps, pl, conflict, sizeof(conflict)), NULL, e);
	if (!r)
		return -1;
	*id = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static int pg_plan_update(struct store *st, int64_t id, const struct plan *pl,
			  const struct store_plan_source *src, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	char conflict[512];
	int64_t changed;

	if (!pl->sha256[0])
		return err_set(e, ERR_INTERNAL, "内部错误：清单缺少源文件摘要");
	params_plan(&p, pl, src);
	pg_p_int(&p, id);
	if (pg_cmd(ps, sql_plan_update, &p, "写入清单",
		   plan_conflict(ps, pl, conflict, sizeof(conflict)), NULL, &changed, e))
		return -1;
	if (changed != 1)
		return err_set(e, ERR_NOT_FOUND, "%s: 没有 ID 为 %lld 的清单", ps->where,
			       (long long)id);
	return 0;
}

/* The dependents registry is the SQLite backend's (sqlite_schema.c), its ?1 read as $1. */
static int pg_plan_dependents(struct store *st, int64_t id, size_t *count, struct strbuf *what,
			      struct err *e)
{
	struct pg_store *ps = pg_of(st);

	*count = 0;
	for (const struct sqlite_dependent *d = sqlite_dependents; d->what; d++) {
		char *sql = pg_params_from_sqlite(d->count_sql);
		struct pg_params p;
		PGresult *r;
		int64_t n;

		pg_p_init(&p);
		pg_p_int(&p, id);
		r = pg_exec_params(ps, sql, &p, "检查关联数据", e);
		free(sql);
		if (!r)
			return -1;
		n = pg_col_int(r, 0, 0);
		PQclear(r);
		if (n > 0) {
			if (what)
				strbuf_addf(what, "%s%s %lld 条", *count ? "、" : "", d->what,
					    (long long)n);
			*count += (size_t)n;
		}
	}
	return 0;
}

static int pg_tasks_delete(struct store *st, int64_t plan_id, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, plan_id);
	return pg_cmd(pg_of(st), sql_tasks_delete, &p, "删除旧任务", NULL, NULL, NULL, e);
}

/* ---- inserting tasks ---- */

static int units_load(struct pg_store *ps, struct err *e)
{
	PGresult *r;

	if (ps->units_loaded)
		return 0;
	if (!(r = pg_run(ps, sql_unit_all, NULL, "读取单位", e)))
		return -1;
	strmap_release(&ps->units);
	for (int i = 0; i < PQntuples(r); i++)
		strmap_put(&ps->units, PQgetvalue(r, i, 1), pg_col_int(r, i, 0));
	PQclear(r);
	ps->units_loaded = true;
	return 0;
}

/* The id of unit `name`, created if new. */
static int unit_id(struct pg_store *ps, const char *name, int64_t *id, struct err *e)
{
	struct pg_params p;
	PGresult *r;

	if (strmap_get(&ps->units, name, id))
		return 0;
	pg_p_init(&p);
	pg_p_text0(&p, name);
	if (!(r = pg_run(ps, sql_unit_insert, &p, "写入单位", e)))
		return -1;
	*id = pg_col_int(r, 0, 0);
	PQclear(r);
	strmap_put(&ps->units, name, *id);
	return 0;
}

struct task_order {
	int no;
	size_t index;
};

static int cmp_task_order(const void *a, const void *b)
{
	const struct task_order *x = a, *y = b;

	if (x->no != y->no)
		return x->no < y->no ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Everything the schema would refuse, found before writing (as store_sqlite.c does). */
static int check_tasks(const struct task *tasks, size_t n, struct err *e)
{
	struct task_order *order = xreallocarray(NULL, n ? n : 1, sizeof(*order));
	int rc = -1;

	for (size_t i = 0; i < n; i++) {
		const struct task *t = &tasks[i];

		order[i].no = t->no;
		order[i].index = i;
		for (size_t j = 0; j < t->nunits; j++) {
			if (!t->units[j] || !*t->units[j]) {
				err_set(e, ERR_INPUT, "第 %d 项任务：第 %zu 个责任单位为空", t->no, j + 1);
				goto out;
			}
			for (size_t k = 0; k < j; k++) {
				if (!strcmp(t->units[k], t->units[j])) {
					err_set(e, ERR_CONFLICT, "第 %d 项任务：责任单位“%s”重复",
						t->no, t->units[j]);
					goto out;
				}
			}
		}
		for (size_t j = 0; j < t->ntargets; j++) {
			const struct target *g = &t->targets[j];

			if (!isfinite(g->value) || (g->cmp == TARGET_RANGE && !isfinite(g->max))) {
				err_set(e, ERR_INPUT, "第 %d 项任务：目标“%s”的数值无效", t->no,
					g->text ? g->text : "");
				goto out;
			}
		}
	}
	qsort(order, n, sizeof(*order), cmp_task_order);
	for (size_t i = 1; i < n; i++) {
		if (order[i].no == order[i - 1].no) {
			err_set(e, ERR_CONFLICT, "第 %d 项任务：序号重复（第 %d 行与第 %d 行）",
				order[i].no, tasks[order[i - 1].index].line,
				tasks[order[i].index].line);
			goto out;
		}
	}
	rc = 0;
out:
	free(order);
	return rc;
}

/* COPY text-format field helpers: each appends a value and its separator. */
static void c_int(struct strbuf *sb, int64_t v, char sep)
{
	strbuf_addf(sb, "%lld%c", (long long)v, sep);
}

static void c_real(struct strbuf *sb, double v, char sep)
{
	strbuf_addf(sb, "%.17g%c", v, sep);
}

static void c_text(struct strbuf *sb, const char *v, char sep)
{
	pg_copy_text(sb, v);
	strbuf_addch(sb, sep);
}

static void c_date(struct strbuf *sb, struct date d, char sep)
{
	char buf[DATE_ISO_LEN];

	if (!date_is_set(d)) {
		c_text(sb, NULL, sep);
		return;
	}
	date_format_iso(d, buf);
	c_text(sb, buf, sep);
}

/* n new task ids, ascending, from the tasks' identity sequence. */
static int task_ids(struct pg_store *ps, size_t n, int64_t **out, struct err *e)
{
	struct pg_params p;
	int64_t last;

	*out = NULL;
	if (!n)
		return 0;
	pg_p_init(&p);
	pg_p_int(&p, (int64_t)n);
	if (pg_query_int(ps, sql_task_ids, &p, &last, "分配任务编号", e))
		return -1;
	*out = xreallocarray(NULL, n, sizeof(**out));
	for (size_t i = 0; i < n; i++)
		(*out)[i] = last - (int64_t)(n - 1 - i);
	return 0;
}

/*
 * Tasks and what hangs on them go in with COPY, one per table: four round
 * trips whatever the list's size.  Values are formatted into one buffer per
 * table (text format).
 */
static int pg_tasks_insert(struct store *st, int64_t plan_id, const struct task *tasks,
			   size_t n, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct strbuf sb = STRBUF_INIT;
	int64_t *ids = NULL, uid;
	int rc = -1;

	if (check_tasks(tasks, n, e) || units_load(ps, e) || task_ids(ps, n, &ids, e))
		return -1;
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const struct task *t = &tasks[i];

		c_int(&sb, ids[i], '\t');
		c_int(&sb, plan_id, '\t');
		c_int(&sb, t->no, '\t');
		c_text(&sb, t->section ? t->section : "", '\t');
		c_text(&sb, t->text ? t->text : "", '\t');
		c_date(&sb, t->due, '\t');
		c_text(&sb, t->leader, '\t');
		c_int(&sb, t->line, '\n');
	}
	if (pg_copy_in(ps, "COPY tasks (id, plan_id, no, section, text, due_on, leader, line)"
		       " FROM STDIN", &sb, "写入任务", e))
		goto out;
	strbuf_reset(&sb);
	for (size_t i = 0; i < n; i++) {
		const struct task *t = &tasks[i];

		for (size_t j = 0; j < t->nunits; j++) {
			if (unit_id(ps, t->units[j], &uid, e))
				goto out;
			c_int(&sb, ids[i], '\t');
			c_int(&sb, (int64_t)j + 1, '\t');
			c_int(&sb, uid, '\n');
		}
	}
	if (sb.len && pg_copy_in(ps, "COPY task_units (task_id, position, unit_id) FROM STDIN",
				 &sb, "写入责任单位", e))
		goto out;
	strbuf_reset(&sb);
	for (size_t i = 0; i < n; i++) {
		const struct task *t = &tasks[i];

		for (size_t j = 0; j < t->ntargets; j++) {
			const struct target *g = &t->targets[j];

			c_int(&sb, ids[i], '\t');
			c_int(&sb, (int64_t)j + 1, '\t');
			c_text(&sb, g->metric ? g->metric : "", '\t');
			c_real(&sb, g->value, '\t');
			if (g->cmp == TARGET_RANGE)
				c_real(&sb, g->max, '\t');
			else
				c_text(&sb, NULL, '\t');
			c_text(&sb, g->unit ? g->unit : "", '\t');
			c_text(&sb, target_cmp_name(g->cmp), '\t');
			c_text(&sb, g->text ? g->text : "", '\t');
			c_text(&sb, g->qualifier, '\n');
		}
	}
	if (sb.len && pg_copy_in(ps, "COPY targets (task_id, seq, metric, value, max, unit, cmp,"
				 " text, qualifier) FROM STDIN", &sb, "写入量化目标", e))
		goto out;
	strbuf_reset(&sb);
	for (size_t i = 0; i < n; i++) {
		const struct task *t = &tasks[i];

		for (size_t j = 0; j < t->nmilestones; j++) {
			const struct milestone *m = &t->milestones[j];

			c_int(&sb, ids[i], '\t');
			c_int(&sb, (int64_t)j + 1, '\t');
			c_date(&sb, m->due, '\t');
			c_text(&sb, m->text ? m->text : "", '\n');
		}
	}
	if (sb.len && pg_copy_in(ps, "COPY milestones (task_id, seq, due_on, text) FROM STDIN",
				 &sb, "写入时间节点", e))
		goto out;
	rc = 0;
out:
	strbuf_release(&sb);
	free(ids);
	return rc;
}

/* ---- loading a plan ---- */

/* The index of the task numbered `no` in doc (tasks sorted by number), from *cur on. */
static struct task *task_at(struct pg_store *ps, struct plan_doc *doc, size_t *cur, int no,
			    struct err *e)
{
	while (*cur < doc->ntasks && doc->tasks[*cur].no < no)
		(*cur)++;
	if (*cur >= doc->ntasks || doc->tasks[*cur].no != no) {
		err_set(e, ERR_STORE, "%s: 数据库内容不一致（任务 %d）", ps->where, no);
		return NULL;
	}
	return &doc->tasks[*cur];
}

/* Rows [from, to) of `r` all belong to one task: how many. */
static int group_end(const PGresult *r, int from)
{
	int n = PQntuples(r), to = from + 1;
	const char *no = PQgetvalue(r, from, 0);

	while (to < n && !strcmp(PQgetvalue(r, to, 0), no))
		to++;
	return to;
}

static int load_tasks(struct pg_store *ps, struct plan_doc *doc, const PGresult *r,
		      struct err *e)
{
	int n = PQntuples(r);

	doc->tasks = n ? arena_zalloc(&doc->arena, (size_t)n * sizeof(*doc->tasks)) : NULL;
	doc->ntasks = 0;
	for (int i = 0; i < n; i++) {
		struct task *t = &doc->tasks[doc->ntasks++];

		t->no = (int)pg_col_int(r, i, 0);
		t->section = pg_col_dup0(r, i, 1, &doc->arena);
		t->text = pg_col_dup0(r, i, 2, &doc->arena);
		if (pg_col_date(ps, r, i, 3, &t->due, "tasks.due_on", e))
			goto out;
		t->leader = pg_col_dup(r, i, 4, &doc->arena);
		t->line = (int)pg_col_int(r, i, 5);
	}
	return 0;
out:
	return -1;
}

static int load_units(struct pg_store *ps, struct plan_doc *doc, const PGresult *r,
		      struct err *e)
{
	size_t cur = 0;

	for (int i = 0; i < PQntuples(r);) {
		int end = group_end(r, i);
		struct task *t = task_at(ps, doc, &cur, (int)pg_col_int(r, i, 0), e);

		if (!t)
			return -1;
		t->units = arena_alloc(&doc->arena, (size_t)(end - i) * sizeof(*t->units));
		t->nunits = 0;
		for (; i < end; i++)
			t->units[t->nunits++] = pg_col_dup0(r, i, 1, &doc->arena);
	}
	return 0;
}

static int load_targets(struct pg_store *ps, struct plan_doc *doc, const PGresult *r,
			struct err *e)
{
	size_t cur = 0;

	for (int i = 0; i < PQntuples(r);) {
		int end = group_end(r, i);
		struct task *t = task_at(ps, doc, &cur, (int)pg_col_int(r, i, 0), e);
		struct target *v;

		if (!t)
			return -1;
		v = arena_zalloc(&doc->arena, (size_t)(end - i) * sizeof(*v));
		t->targets = v;
		t->ntargets = 0;
		for (; i < end; i++) {
			struct target *g = &v[t->ntargets++];
			const char *cmp = pg_col_text(r, i, 5);

			g->metric = pg_col_dup0(r, i, 1, &doc->arena);
			g->value = pg_col_real(r, i, 2);
			g->max = pg_col_real(r, i, 3);
			g->unit = pg_col_dup0(r, i, 4, &doc->arena);
			if (!cmp || target_cmp_parse(cmp, &g->cmp))
				return err_set(e, ERR_STORE,
					       "%s: 数据库内容有误：任务 %d 的目标比较方式“%s”",
					       ps->where, t->no, cmp ? cmp : "");
			g->text = pg_col_dup0(r, i, 6, &doc->arena);
			g->qualifier = pg_col_dup(r, i, 7, &doc->arena);
		}
	}
	return 0;
}

static int load_milestones(struct pg_store *ps, struct plan_doc *doc, const PGresult *r,
			   struct err *e)
{
	size_t cur = 0;

	for (int i = 0; i < PQntuples(r);) {
		int end = group_end(r, i);
		struct task *t = task_at(ps, doc, &cur, (int)pg_col_int(r, i, 0), e);
		struct milestone *v;

		if (!t)
			return -1;
		v = arena_zalloc(&doc->arena, (size_t)(end - i) * sizeof(*v));
		t->milestones = v;
		t->nmilestones = 0;
		for (; i < end; i++) {
			struct milestone *m = &v[t->nmilestones++];

			if (pg_col_date(ps, r, i, 1, &m->due, "milestones.due_on", e))
				return -1;
			m->text = pg_col_dup0(r, i, 2, &doc->arena);
		}
	}
	return 0;
}

/* The plan and its tasks' four tables: five queries in one round trip, one snapshot. */
static int pg_plan_load(struct store *st, int64_t id, struct plan_doc *doc, struct err *e)
{
	static const char *const sqls[] = { sql_plan_by_id, sql_load_tasks, sql_load_task_units,
					    sql_load_targets, sql_load_milestones };
	struct pg_store *ps = pg_of(st);
	struct store_plan_row row;
	struct pg_params p;
	const struct pg_params *params[] = { &p, &p, &p, &p, &p };
	PGresult *r[5];
	int ret = -1;

	pg_p_init(&p);
	pg_p_int(&p, id);
	if (pg_run_batch(ps, 5, sqls, params, r, "读取清单", e))
		return -1;
	if (!PQntuples(r[0])) {
		err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的清单", (long long)id);
		goto out;
	}
	plan_row_fill(r[0], 0, &doc->arena, &row);
	doc->plan.issuer = row.issuer;
	doc->plan.doc_no = row.doc_no;
	doc->plan.title = row.title;
	doc->plan.recipients = row.recipients;
	doc->plan.year = row.year;
	doc->plan.issued = row.issued;
	doc->plan.source_name = row.source_name;
	memcpy(doc->plan.sha256, row.sha256, sizeof(doc->plan.sha256));
	if (load_tasks(ps, doc, r[1], e) || load_units(ps, doc, r[2], e) ||
	    load_targets(ps, doc, r[3], e) || load_milestones(ps, doc, r[4], e))
		goto out;
	ret = 0;
out:
	for (size_t i = 0; i < 5; i++)
		PQclear(r[i]);
	return ret;
}

/* ---- units ---- */

static int pg_unit_stats(struct store *st, int64_t plan_id, struct store_unit_stats *out,
			 struct err *e)
{
	struct pg_params p;
	PGresult *r;
	int n;

	pg_p_init(&p);
	pg_p_int(&p, plan_id);
	if (!(r = pg_run(pg_of(st), sql_unit_stats, &p, "统计责任单位", e)))
		return -1;
	n = PQntuples(r);
	if (n)
		out->v = arena_alloc(&out->arena, (size_t)n * sizeof(*out->v));
	for (int i = 0; i < n; i++) {
		struct store_unit_stat *u = &out->v[out->n++];

		u->unit_id = pg_col_int(r, i, 0);
		u->name = pg_col_dup0(r, i, 1, &out->arena);
		u->nlead = (size_t)pg_col_int(r, i, 2);
		u->nco = (size_t)pg_col_int(r, i, 3);
	}
	PQclear(r);
	return 0;
}

static const struct store_ops pg_ops = {
	.name = "postgres",
	.close = pg_close,
	.schema_version = pg_schema_version,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.savepoint = pg_savepoint,
	.release = pg_release,
	.rollback_to = pg_rollback_to,
	.generation = pg_generation,
	.generation_bump = pg_generation_bump,
	.plan_list = pg_plan_list,
	.plan_find_sha = pg_plan_find_sha,
	.plan_find_doc_no = pg_plan_find_doc_no,
	.plan_insert = pg_plan_insert,
	.plan_update = pg_plan_update,
	.plan_dependents = pg_plan_dependents,
	.tasks_delete = pg_tasks_delete,
	.tasks_insert = pg_tasks_insert,
	.plan_load = pg_plan_load,
	.unit_stats = pg_unit_stats,
	.directory_load = pg_directory_load,
	.org_refs = pg_org_refs,
	.directory_save = pg_directory_save,
	.task_refs = pg_task_refs,
	.assignments_list = pg_assignments_list,
	.assignments_insert = pg_assignments_insert,
	.assignment_update = pg_assignment_update,
	.assignment_retire = pg_assignment_retire,
	.reports = &pg_report_ops,
	.supervision = &pg_supervision_ops,
	.user_list = pg_user_list,
	.user_get = pg_user_get,
	.user_insert = pg_user_insert,
	.user_update = pg_user_update,
	.session_insert = pg_session_insert,
	.session_get = pg_session_get,
	.session_extend = pg_session_extend,
	.session_delete = pg_session_delete,
	.sessions_delete_user = pg_sessions_delete_user,
	.login_failures_count = pg_login_failures_count,
	.login_failure_add = pg_login_failure_add,
	.login_failures_clear = pg_login_failures_clear,
	.audit_head = pg_audit_head,
	.audit_append = pg_audit_append,
	.audit_page = pg_audit_page,
	.now = pg_now,
	.backup = pg_backup,
	.copy = &pg_copy_ops,
};
