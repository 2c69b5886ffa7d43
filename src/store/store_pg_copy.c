/* The PostgreSQL backend's side of whole-database copies (COPY in, streamed reads), and backup into SQLite. */
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/pg_internal.h"
#include "store/store_copy.h"
#include "store/store_copy_impl.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Type OIDs (pg_type.h) the copy tells apart. */
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

#define COPY_FLUSH (1u << 20)	/* send COPY data in pieces of about this size */

static void add_ident(struct pg_store *ps, struct strbuf *sb, const char *name)
{
	char *q = PQescapeIdentifier(ps->conn, name, strlen(name));

	strbuf_addstr(sb, q ? q : "\"?\"");
	PQfreemem(q);
}

static int snapshot_begin(struct store *st, struct err *e)
{
	struct pg_store *ps = pg_of(st);

	if (ps->in_read)
		return err_set(e, ERR_INTERNAL, "内部错误：读事务已经开始");
	if (pg_exec(ps, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "开始读取", e))
		return -1;
	ps->in_read = true;
	ps->snapshot = true;
	return 0;
}

static void snapshot_end(struct store *st)
{
	struct pg_store *ps = pg_of(st);

	PQclear(PQexec(ps->conn, "COMMIT"));
	ps->in_read = false;
	ps->snapshot = false;
}

static int names_of(PGresult *r, struct arena *a, const char ***out, size_t *n)
{
	int rows = PQntuples(r);
	const char **v = rows ? arena_alloc(a, (size_t)rows * sizeof(*v)) : NULL;

	for (int i = 0; i < rows; i++)
		v[i] = pg_col_dup0(r, i, 0, a);
	*out = v;
	*n = (size_t)rows;
	PQclear(r);
	return 0;
}

static const char sql_tables[] =
	"SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
	" AND tablename <> 'duban_meta' ORDER BY tablename";
static const char sql_columns[] =
	"SELECT column_name FROM information_schema.columns"
	" WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position";

static int tables(struct store *st, struct arena *a, const char ***names, size_t *n,
		  struct err *e)
{
	PGresult *r = pg_run(pg_of(st), sql_tables, NULL, "读取数据库结构", e);

	return r ? names_of(r, a, names, n) : -1;
}

static int columns(struct store *st, const char *table, struct arena *a, const char ***cols,
		   size_t *n, struct err *e)
{
	struct pg_params p;
	PGresult *r;

	pg_p_init(&p);
	pg_p_text(&p, table);
	r = pg_run(pg_of(st), sql_columns, &p, "读取数据库结构", e);
	return r ? names_of(r, a, cols, n) : -1;
}

static int count(struct store *st, const char *table, int64_t *n, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct strbuf sql = STRBUF_INIT;
	PGresult *r;

	strbuf_addstr(&sql, "SELECT count(*) FROM ");
	add_ident(ps, &sql, table);
	r = pg_exec_params(ps, sql.buf, NULL, "统计行数", e);
	strbuf_release(&sql);
	if (!r)
		return -1;
	*n = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

/* Drain what a failed or abandoned query left on the connection. */
static void drain(struct pg_store *ps)
{
	PGresult *r;

	while ((r = PQgetResult(ps->conn)))
		PQclear(r);
}

/* Rows stream one at a time (single-row mode): a large table never sits in memory whole. */
static int read_rows(struct store *st, const char *table, const char *const *cols,
		     size_t ncols, const char *order, store_row_fn row, void *ctx, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct strbuf sql = STRBUF_INIT;
	struct store_cell *cells = xcalloc(ncols ? ncols : 1, sizeof(*cells));
	PGresult *r;
	int ret = -1;

	strbuf_addstr(&sql, "SELECT ");
	for (size_t i = 0; i < ncols; i++) {
		if (i)
			strbuf_addstr(&sql, ", ");
		add_ident(ps, &sql, cols[i]);
	}
	strbuf_addstr(&sql, " FROM ");
	add_ident(ps, &sql, table);
	strbuf_addf(&sql, " ORDER BY %s", order);
	if (!PQsendQuery(ps->conn, sql.buf) || !PQsetSingleRowMode(ps->conn)) {
		pg_fail(ps, NULL, "读取数据", e);
		drain(ps);
		goto out;
	}
	while ((r = PQgetResult(ps->conn))) {
		ExecStatusType s = PQresultStatus(r);

		if (s == PGRES_TUPLES_OK) {
			PQclear(r);
			continue;
		}
		if (s != PGRES_SINGLE_TUPLE) {
			pg_fail(ps, r, "读取数据", e);
			PQclear(r);
			drain(ps);
			goto out;
		}
		for (size_t i = 0; i < ncols; i++) {
			struct store_cell *c = &cells[i];
			int col = (int)i;
			const char *v = PQgetvalue(r, 0, col);

			memset(c, 0, sizeof(*c));
			if (PQgetisnull(r, 0, col)) {
				c->kind = STORE_CELL_NULL;
				continue;
			}
			switch (PQftype(r, col)) {
			case OID_INT2:
			case OID_INT4:
			case OID_INT8:
				c->kind = STORE_CELL_INT;
				c->i = strtoll(v, NULL, 10);
				break;
			case OID_FLOAT4:
			case OID_FLOAT8:
			case OID_NUMERIC:
				c->kind = STORE_CELL_REAL;
				c->d = strtod(v, NULL);
				break;
			case OID_BYTEA:
				c->kind = STORE_CELL_BLOB;
				c->p = PQunescapeBytea((const unsigned char *)v, &c->len);
				if (!c->p) {
					err_set(e, ERR_STORE, "%s: 读取数据失败：内存不足", ps->where);
					PQclear(r);
					drain(ps);
					goto out;
				}
				break;
			default:
				c->kind = STORE_CELL_TEXT;
				c->p = v;
				c->len = (size_t)PQgetlength(r, 0, col);
			}
		}
		ret = row(ctx, cells, ncols, e);
		for (size_t i = 0; i < ncols; i++)
			if (cells[i].kind == STORE_CELL_BLOB)
				PQfreemem((void *)cells[i].p);
		PQclear(r);
		if (ret) {
			/* Abandon the rest of the rows. */
			PGcancel *cancel = PQgetCancel(ps->conn);
			char buf[64];

			if (cancel) {
				PQcancel(cancel, buf, sizeof(buf));
				PQfreeCancel(cancel);
			}
			drain(ps);
			ret = -1;
			goto out;
		}
		ret = -1;
	}
	ret = 0;
out:
	free(cells);
	strbuf_release(&sql);
	return ret;
}

static int write_prepare(struct store *st, struct err *e)
{
	/* PostgreSQL checks references at the end of each COPY: rows of one table may
	 * point at each other in any order; tables come in dependency order. */
	(void)st;
	(void)e;
	return 0;
}

static int clear(struct store *st, const char *table, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct strbuf sql = STRBUF_INIT;
	int ret;

	strbuf_addstr(&sql, "DELETE FROM ");
	add_ident(ps, &sql, table);
	ret = pg_exec(ps, sql.buf, "清空表", e);
	strbuf_release(&sql);
	return ret;
}

static int write_begin(struct store *st, const char *table, const char *const *cols,
		       size_t ncols, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct strbuf sql = STRBUF_INIT;
	PGresult *r;

	strbuf_addstr(&sql, "COPY ");
	add_ident(ps, &sql, table);
	strbuf_addstr(&sql, " (");
	for (size_t i = 0; i < ncols; i++) {
		if (i)
			strbuf_addstr(&sql, ", ");
		add_ident(ps, &sql, cols[i]);
	}
	strbuf_addstr(&sql, ") FROM STDIN");
	r = PQexec(ps->conn, sql.buf);
	strbuf_release(&sql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		pg_fail(ps, r, "写入数据", e);
		PQclear(r);
		return -1;
	}
	PQclear(r);
	strbuf_reset(&ps->copybuf);
	return 0;
}

static int flush(struct pg_store *ps, struct err *e)
{
	if (ps->copybuf.len &&
	    PQputCopyData(ps->conn, ps->copybuf.buf, (int)ps->copybuf.len) != 1)
		return pg_fail(ps, NULL, "写入数据", e);
	strbuf_reset(&ps->copybuf);
	return 0;
}

static const char hex[] = "0123456789abcdef";

static int write_row(struct store *st, const struct store_cell *cells, size_t n, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct strbuf *sb = &ps->copybuf;

	for (size_t i = 0; i < n; i++) {
		const struct store_cell *c = &cells[i];

		if (i)
			strbuf_addch(sb, '\t');
		switch (c->kind) {
		case STORE_CELL_NULL:
			strbuf_addstr(sb, "\\N");
			break;
		case STORE_CELL_INT:
			strbuf_addf(sb, "%lld", (long long)c->i);
			break;
		case STORE_CELL_REAL:
			strbuf_addf(sb, "%.17g", c->d);
			break;
		case STORE_CELL_TEXT: {
			const char *p = c->p;

			/* Text as stored; a NUL byte cannot go into PostgreSQL text. */
			if (memchr(p, '\0', c->len))
				return err_set(e, ERR_STORE, "%s: 文本中含有 NUL 字节，PostgreSQL 无法保存",
					       ps->where);
			for (size_t k = 0; k < c->len; k++) {
				char ch = p[k];

				if (ch == '\\')
					strbuf_addstr(sb, "\\\\");
				else if (ch == '\n')
					strbuf_addstr(sb, "\\n");
				else if (ch == '\r')
					strbuf_addstr(sb, "\\r");
				else if (ch == '\t')
					strbuf_addstr(sb, "\\t");
				else
					strbuf_addch(sb, ch);
			}
			break;
		}
		case STORE_CELL_BLOB: {
			const unsigned char *p = c->p;

			strbuf_addstr(sb, "\\\\x");
			for (size_t k = 0; k < c->len; k++) {
				strbuf_addch(sb, hex[p[k] >> 4]);
				strbuf_addch(sb, hex[p[k] & 15]);
			}
			break;
		}
		}
	}
	strbuf_addch(sb, '\n');
	return sb->len >= COPY_FLUSH ? flush(ps, e) : 0;
}

static int write_end(struct store *st, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r;
	int ret = 0;

	if (!e) {
		PQputCopyEnd(ps->conn, "duban: 复制中止");
		strbuf_reset(&ps->copybuf);
		drain(ps);
		return 0;
	}
	if (flush(ps, e)) {
		PQputCopyEnd(ps->conn, "duban: 发送失败");
		drain(ps);
		return -1;
	}
	if (PQputCopyEnd(ps->conn, NULL) != 1) {
		drain(ps);
		return pg_fail(ps, NULL, "写入数据", e);
	}
	r = PQgetResult(ps->conn);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		ret = pg_fail(ps, r, "写入数据", e);
	PQclear(r);
	drain(ps);
	return ret;
}

static const char sql_sequence[] = "SELECT pg_get_serial_sequence($1, 'id')";

/* The identity sequence of table.id, or NULL (malloc'd). */
static int sequence_of(struct pg_store *ps, const char *table, char **seq, struct err *e)
{
	struct pg_params p;
	PGresult *r;
	char *quoted = PQescapeIdentifier(ps->conn, table, strlen(table));

	*seq = NULL;
	pg_p_init(&p);
	pg_p_text(&p, quoted ? quoted : table);
	r = pg_run(ps, sql_sequence, &p, "读取编号序列", e);
	PQfreemem(quoted);
	if (!r)
		return -1;
	if (!pg_col_null(r, 0, 0))
		*seq = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}

static int id_high(struct store *st, const char *table, int64_t *high, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct strbuf sql = STRBUF_INIT;
	char *seq;
	PGresult *r;

	if (sequence_of(ps, table, &seq, e))
		return -1;
	strbuf_addstr(&sql, "SELECT greatest(coalesce((SELECT max(id) FROM ");
	add_ident(ps, &sql, table);
	strbuf_addstr(&sql, "), 0)");
	if (seq)
		/* seq is a regclass text PostgreSQL quoted already. */
		strbuf_addf(&sql, ", (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM %s)",
			    seq);
	strbuf_addch(&sql, ')');
	free(seq);
	r = pg_exec_params(ps, sql.buf, NULL, "读取编号序列", e);
	strbuf_release(&sql);
	if (!r)
		return -1;
	*high = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static const char sql_setval[] = "SELECT setval($1::regclass, greatest($2::bigint, 1), $2::bigint > 0)";

static int id_set(struct store *st, const char *table, int64_t high, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	char *seq;
	int ret;

	if (sequence_of(ps, table, &seq, e))
		return -1;
	if (!seq)
		return 0;
	pg_p_init(&p);
	pg_p_text(&p, seq);
	pg_p_int(&p, high);
	ret = pg_cmd(ps, sql_setval, &p, "写入编号序列", NULL, NULL, NULL, e);
	free(seq);
	return ret;
}

const struct store_copy_ops pg_copy_ops = {
	.snapshot_begin = snapshot_begin,
	.snapshot_end = snapshot_end,
	.tables = tables,
	.columns = columns,
	.count = count,
	.read = read_rows,
	.write_prepare = write_prepare,
	.clear = clear,
	.write_begin = write_begin,
	.write_row = write_row,
	.write_end = write_end,
	.id_high = id_high,
	.id_set = id_set,
};

/* ---- backup: the database as an SQLite file ---- */

/* fsync the directory holding `path`, so that a rename into it survives a power loss. */
static int sync_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * A PostgreSQL database is backed up into a new SQLite file, which
 * store_open() accepts (and `duban db copy` moves back): the copy reads one
 * REPEATABLE READ snapshot while servers keep writing, goes to a temporary
 * file in the same directory, is synced and renamed over `path`.
 */
int pg_backup(struct store *st, const char *path, struct err *e)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	struct store *dst = NULL;
	struct store_copy_result res;
	int fd, rc = -1;

	fd = mkstemp(tmp);
	if (fd < 0) {
		err_set(e, ERR_INPUT, "%s: 无法创建备份文件：%s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	close(fd);
	if (store_sqlite_open(tmp, &dst, e)) {
		err_prefix(e, "%s: ", path);
		goto out;
	}
	if (store_copy(st, dst, NULL, NULL, &res, e))
		goto out;
	store_close(dst);
	dst = NULL;
	fd = open(tmp, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd)) {
		err_set(e, ERR_INPUT, "%s: 写入备份失败：%s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);
	if (rename(tmp, path)) {
		err_set(e, ERR_INPUT, "%s: 无法写入备份：%s", path, strerror(errno));
		goto out;
	}
	if (sync_dir_of(path)) {
		err_set(e, ERR_INPUT, "%s: 同步备份所在目录失败：%s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	rc = 0;
out:
	store_close(dst);
	if (rc) {
		char *side = xasprintf("%s-wal", tmp);

		unlink(tmp);
		unlink(side);
		free(side);
		side = xasprintf("%s-shm", tmp);
		unlink(side);
		free(side);
	}
	free(tmp);
	return rc;
}
