/* The SQLite backend's side of whole-database copies: generic table reads and writes (store_copy.h). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/store_copy_impl.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* "name" with embedded quotes doubled. */
static void add_ident(struct strbuf *sb, const char *name)
{
	strbuf_addch(sb, '"');
	for (const char *c = name; *c; c++) {
		if (*c == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *c);
	}
	strbuf_addch(sb, '"');
}

static sqlite3_stmt *prepare(struct sqlite_store *ss, const char *sql, struct err *e)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(ss->db, sql, -1, &s, NULL) != SQLITE_OK) {
		sq_fail(ss, "准备查询", e);
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

static int snapshot_begin(struct store *st, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	int64_t n;

	/* A read transaction; its first read fixes the state every later read sees. */
	if (sq_exec(ss, "BEGIN", "开始读取", e))
		return -1;
	if (sq_query_int(ss, "SELECT count(*) FROM sqlite_schema", &n, e)) {
		sq_exec(ss, "ROLLBACK", "回滚", NULL);
		return -1;
	}
	return 0;
}

static void snapshot_end(struct store *st)
{
	sqlite3_exec(sq_of(st)->db, "COMMIT", NULL, NULL, NULL);
}

/* The single-column text rows of `s` (bound by the caller), into `a`. */
static int names_of(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
		    const char ***out, size_t *n, struct err *e)
{
	size_t alloc = 0;
	const char **v = NULL;
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == alloc) {
			const char **nv;

			alloc = alloc ? alloc * 2 : 32;
			nv = arena_alloc(a, alloc * sizeof(*nv));
			if (*n)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
		v[(*n)++] = sq_col_dup0(s, 0, a);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取数据库结构", e);
	*out = v;
	return 0;
}

static int tables(struct store *st, struct arena *a, const char ***names, size_t *n,
		  struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = prepare(ss,
				  "SELECT name FROM sqlite_schema WHERE type = 'table'"
				  " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
				  e);

	return s ? names_of(ss, s, a, names, n, e) : -1;
}

static int columns(struct store *st, const char *table, struct arena *a, const char ***cols,
		   size_t *n, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = prepare(ss, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", e);

	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	return names_of(ss, s, a, cols, n, e);
}

static int count(struct store *st, const char *table, int64_t *n, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	struct strbuf sql = STRBUF_INIT;
	int ret;

	strbuf_addstr(&sql, "SELECT count(*) FROM ");
	add_ident(&sql, table);
	ret = sq_query_int(ss, sql.buf, n, e);
	strbuf_release(&sql);
	return ret;
}

static int read_rows(struct store *st, const char *table, const char *const *cols,
		     size_t ncols, const char *order, store_row_fn row, void *ctx, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	struct strbuf sql = STRBUF_INIT;
	struct store_cell *cells = xcalloc(ncols ? ncols : 1, sizeof(*cells));
	sqlite3_stmt *s;
	int rc, ret = -1;

	strbuf_addstr(&sql, "SELECT ");
	for (size_t i = 0; i < ncols; i++) {
		if (i)
			strbuf_addstr(&sql, ", ");
		add_ident(&sql, cols[i]);
	}
	strbuf_addstr(&sql, " FROM ");
	add_ident(&sql, table);
	strbuf_addf(&sql, " ORDER BY %s", order);
	if (!(s = prepare(ss, sql.buf, e)))
		goto out;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (size_t i = 0; i < ncols; i++) {
			struct store_cell *c = &cells[i];
			int col = (int)i;

			memset(c, 0, sizeof(*c));
			switch (sqlite3_column_type(s, col)) {
			case SQLITE_INTEGER:
				c->kind = STORE_CELL_INT;
				c->i = sqlite3_column_int64(s, col);
				break;
			case SQLITE_FLOAT:
				c->kind = STORE_CELL_REAL;
				c->d = sqlite3_column_double(s, col);
				break;
			case SQLITE_TEXT:
				c->kind = STORE_CELL_TEXT;
				c->p = sqlite3_column_text(s, col);
				c->len = (size_t)sqlite3_column_bytes(s, col);
				break;
			case SQLITE_BLOB:
				c->kind = STORE_CELL_BLOB;
				c->p = sqlite3_column_blob(s, col);
				c->len = (size_t)sqlite3_column_bytes(s, col);
				break;
			default:
				c->kind = STORE_CELL_NULL;
			}
		}
		if (row(ctx, cells, ncols, e)) {
			sqlite3_finalize(s);
			goto out;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取数据", e);
		goto out;
	}
	ret = 0;
out:
	free(cells);
	strbuf_release(&sql);
	return ret;
}

static int write_prepare(struct store *st, struct err *e)
{
	/* References are checked at commit: rows that point at rows of their own table
	 * (org_units.parent_id) may come before them.  Reset by the commit. */
	return sq_exec(sq_of(st), "PRAGMA defer_foreign_keys = ON", "设置数据库参数", e);
}

static int clear(struct store *st, const char *table, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	int ret;

	strbuf_addstr(&sql, "DELETE FROM ");
	add_ident(&sql, table);
	ret = sq_exec(sq_of(st), sql.buf, "清空表", e);
	strbuf_release(&sql);
	return ret;
}

static int write_begin(struct store *st, const char *table, const char *const *cols,
		       size_t ncols, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	struct strbuf sql = STRBUF_INIT;

	strbuf_addstr(&sql, "INSERT INTO ");
	add_ident(&sql, table);
	strbuf_addstr(&sql, " (");
	for (size_t i = 0; i < ncols; i++) {
		if (i)
			strbuf_addstr(&sql, ", ");
		add_ident(&sql, cols[i]);
	}
	strbuf_addstr(&sql, ") VALUES (");
	for (size_t i = 0; i < ncols; i++)
		strbuf_addstr(&sql, i ? ", ?" : "?");
	strbuf_addch(&sql, ')');
	sqlite3_finalize(ss->copy_stmt);
	ss->copy_stmt = prepare(ss, sql.buf, e);
	strbuf_release(&sql);
	return ss->copy_stmt ? 0 : -1;
}

static int write_row(struct store *st, const struct store_cell *cells, size_t n, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = ss->copy_stmt;

	for (size_t i = 0; i < n; i++) {
		const struct store_cell *c = &cells[i];
		int at = (int)i + 1;

		switch (c->kind) {
		case STORE_CELL_NULL:
			sqlite3_bind_null(s, at);
			break;
		case STORE_CELL_INT:
			sqlite3_bind_int64(s, at, c->i);
			break;
		case STORE_CELL_REAL:
			sqlite3_bind_double(s, at, c->d);
			break;
		case STORE_CELL_TEXT:
			sqlite3_bind_text64(s, at, c->p, c->len, SQLITE_STATIC, SQLITE_UTF8);
			break;
		case STORE_CELL_BLOB:
			if (c->len)
				sqlite3_bind_blob64(s, at, c->p, c->len, SQLITE_STATIC);
			else
				sqlite3_bind_zeroblob(s, at, 0);
			break;
		}
	}
	return sq_step_done(ss, s, "写入数据", e);
}

static int write_end(struct store *st, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);

	(void)e;
	sqlite3_finalize(ss->copy_stmt);
	ss->copy_stmt = NULL;
	return 0;
}

/* Whether `table` was declared AUTOINCREMENT (its high-water mark is in sqlite_sequence). */
static int autoincrement(struct sqlite_store *ss, const char *table, bool *out, struct err *e)
{
	sqlite3_stmt *s = prepare(ss,
				  "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
				  " AND name = ?1 AND sql LIKE '%AUTOINCREMENT%'",
				  e);

	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return sq_fail(ss, "读取数据库结构", e);
	}
	*out = sqlite3_column_int(s, 0) > 0;
	sqlite3_finalize(s);
	return 0;
}

static int id_high(struct store *st, const char *table, int64_t *high, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	struct strbuf sql = STRBUF_INIT;
	bool ai;
	int ret;

	if (autoincrement(ss, table, &ai, e))
		return -1;
	strbuf_addstr(&sql, "SELECT max(coalesce((SELECT max(id) FROM ");
	add_ident(&sql, table);
	strbuf_addstr(&sql, "), 0)");
	if (ai) {
		strbuf_addstr(&sql, ", coalesce((SELECT seq FROM sqlite_sequence WHERE name = '");
		for (const char *c = table; *c; c++)
			strbuf_add(&sql, *c == '\'' ? "''" : c, *c == '\'' ? 2 : 1);
		strbuf_addstr(&sql, "'), 0)");
	} else {
		strbuf_addstr(&sql, ", 0");
	}
	strbuf_addch(&sql, ')');
	ret = sq_query_int(ss, sql.buf, high, e);
	strbuf_release(&sql);
	return ret;
}

/* Only AUTOINCREMENT tables keep a mark beyond their largest id; others reuse none anyway
 * while rows are never deleted. */
static int id_set(struct store *st, const char *table, int64_t high, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s;
	bool ai;

	if (autoincrement(ss, table, &ai, e))
		return -1;
	if (!ai)
		return 0;
	s = prepare(ss, "UPDATE sqlite_sequence SET seq = ?2 WHERE name = ?1 AND seq < ?2", e);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, high);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_finalize(s);
		return sq_fail(ss, "写入编号序列", e);
	}
	sqlite3_finalize(s);
	s = prepare(ss,
		    "INSERT INTO sqlite_sequence (name, seq) SELECT ?1, ?2"
		    " WHERE ?2 > 0 AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?1)",
		    e);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, high);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_finalize(s);
		return sq_fail(ss, "写入编号序列", e);
	}
	sqlite3_finalize(s);
	return 0;
}

const struct store_copy_ops sqlite_copy_ops = {
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
