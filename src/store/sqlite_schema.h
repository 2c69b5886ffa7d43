/* The SQLite schema as numbered migrations, and the tables that hang on tasks. */
#ifndef DUBAN_STORE_SQLITE_SCHEMA_H
#define DUBAN_STORE_SQLITE_SCHEMA_H

/*
 * Private to src/store/.  sqlite_migrations[i] takes a database from schema
 * level i to level i + 1 (PRAGMA user_version); each runs in its own
 * transaction.  Migrations are append-only: never edit a released one, add
 * the next.  STORE_SCHEMA_VERSION (store.h) equals SQLITE_NMIGRATIONS.
 *
 * sqlite_dependents lists the tables whose rows hang on a plan's tasks and
 * forbid replacing them (assignments, reports, actions...).  Empty at level
 * 1; a migration that adds such a table adds its entry here in the same
 * change.  It ends with an entry whose `what` is NULL.
 */

#include <stddef.h>

#define SQLITE_NMIGRATIONS 11

extern const char *const sqlite_migrations[SQLITE_NMIGRATIONS];

struct sqlite_dependent {
	const char *what;	/* Chinese noun for the message: "进展报告" */
	const char *count_sql;	/* SELECT count(*) ... with ?1 = plan id */
};

extern const struct sqlite_dependent sqlite_dependents[];

/* 'duba' in PRAGMA application_id marks a duban database. */
#define SQLITE_APPLICATION_ID 0x64756261

#endif
