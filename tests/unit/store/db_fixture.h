/* Scratch databases for the store tests on either backend: SQLite files, or PostgreSQL databases. */
#ifndef DUBAN_TESTS_DB_FIXTURE_H
#define DUBAN_TESTS_DB_FIXTURE_H

/*
 * Header-only (static functions).  The backend under test is chosen by the
 * environment: DUBAN_TEST_STORE=pg runs on the PostgreSQL server whose URL
 * (without a database name) is DUBAN_TEST_PG, "postgres://duban@127.0.0.1:PORT"
 * as scripts/pg-test.sh exports it; anything else runs on SQLite files.
 *
 * fx_db_new(dir, name) returns a fresh, empty database's URL (malloc'd): an
 * SQLite file dir/name.db, or a new PostgreSQL database created on the
 * server for this test only; fx_db_drop(url) removes a PostgreSQL one (an
 * SQLite file goes with its directory).  fx_sql_*() run SQL on a connection
 * of their own, outside the store.
 */

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

static inline bool fx_pg(void)
{
	const char *s = getenv("DUBAN_TEST_STORE");

	return s && !strcmp(s, "pg");
}

static inline const char *fx_pg_server(void)
{
	const char *s = getenv("DUBAN_TEST_PG");

	if (!s || !*s) {
		fprintf(stderr, "DUBAN_TEST_STORE=pg needs DUBAN_TEST_PG (scripts/pg-test.sh)\n");
		abort();
	}
	return s;
}

static inline void fx_pg_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* A connection to `url` (aborts on failure); notices are not printed. */
static inline PGconn *fx_pg_connect(const char *url)
{
	PGconn *c = PQconnectdb(url);

	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "%s: %s\n", url, PQerrorMessage(c));
		abort();
	}
	PQsetNoticeProcessor(c, fx_pg_quiet, NULL);
	return c;
}

static inline void fx_pg_admin(const char *sql)
{
	char *url = xasprintf("%s/postgres", fx_pg_server());
	PGconn *c = fx_pg_connect(url);
	PGresult *r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "%s: %s\n", sql, PQerrorMessage(c));
		abort();
	}
	PQclear(r);
	PQfinish(c);
	free(url);
}

static inline char *fx_db_new(const char *dir, const char *name)
{
	static unsigned counter;
	char *sql, *url, db[64];

	if (!fx_pg())
		return xasprintf("%s/%s.db", dir, name);
	snprintf(db, sizeof(db), "t%ld_%u_%.30s", (long)getpid(), ++counter, name);
	sql = xasprintf("CREATE DATABASE \"%s\"", db);
	fx_pg_admin(sql);
	free(sql);
	url = xasprintf("%s/%s", fx_pg_server(), db);
	return url;
}

static inline void fx_db_drop(const char *url)
{
	const char *db;
	char *sql;

	if (!fx_pg() || strncmp(url, "postgres://", 11))
		return;
	db = strrchr(url, '/') + 1;
	sql = xasprintf("DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", db);
	fx_pg_admin(sql);
	free(sql);
}

static inline bool fx_is_pg_url(const char *url)
{
	return !strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13);
}

/* Every row of `sql` as "a|b|...|\n" lines, appended to sb; -1 when the query failed. */
static inline int fx_sql_rows(const char *url, const char *sql, struct strbuf *sb)
{
	int ret = 0;

	if (fx_is_pg_url(url)) {
		PGconn *c = fx_pg_connect(url);
		PGresult *r = PQexec(c, sql);
		ExecStatusType s = PQresultStatus(r);

		if (s == PGRES_TUPLES_OK) {
			for (int i = 0; i < PQntuples(r); i++) {
				for (int j = 0; j < PQnfields(r); j++)
					strbuf_addf(sb, "%s|", PQgetisnull(r, i, j) ? "(null)"
										 : PQgetvalue(r, i, j));
				strbuf_addch(sb, '\n');
			}
		} else if (s != PGRES_COMMAND_OK) {
			fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
			ret = -1;
		}
		PQclear(r);
		PQfinish(c);
	} else {
		sqlite3 *h;
		const char *tail = sql;

		if (sqlite3_open(url, &h) != SQLITE_OK)
			return -1;
		sqlite3_exec(h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		while (tail && *tail && !ret) {
			sqlite3_stmt *s = NULL;
			int rc;

			if (sqlite3_prepare_v2(h, tail, -1, &s, &tail) != SQLITE_OK) {
				fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(h));
				ret = -1;
				break;
			}
			if (!s)
				break;
			while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
				for (int j = 0; j < sqlite3_column_count(s); j++) {
					const unsigned char *t = sqlite3_column_text(s, j);
					strbuf_addf(sb, "%s|", t ? (const char *)t : "(null)");
				}
				strbuf_addch(sb, '\n');
			}
			if (rc != SQLITE_DONE) {
				fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(h));
				ret = -1;
			}
			sqlite3_finalize(s);
		}
		sqlite3_close(h);
	}
	return ret;
}

/* Run SQL (several statements allowed); 0, or -1 when it failed. */
static inline int fx_sql_try(const char *url, const char *sql)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = fx_sql_rows(url, sql, &sb);

	strbuf_release(&sb);
	return ret;
}

static inline void fx_sql_exec(const char *url, const char *sql)
{
	if (fx_sql_try(url, sql)) {
		fprintf(stderr, "failed: %s\n", sql);
		abort();
	}
}

/* The one integer a query answers (-1 when it answers nothing). */
static inline long long fx_sql_int(const char *url, const char *sql)
{
	struct strbuf sb = STRBUF_INIT;
	long long v = -1;

	if (fx_sql_rows(url, sql, &sb)) {
		fprintf(stderr, "failed: %s\n", sql);
		abort();
	}
	if (sb.len)
		v = strtoll(sb.buf, NULL, 10);
	strbuf_release(&sb);
	return v;
}

#endif
