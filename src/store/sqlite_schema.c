/* SQLite migrations (schema levels) and the registry of tables that depend on tasks. */
#include "store/sqlite_schema.h"

#include "store/store.h"
#include "util/banned.h"

_Static_assert(SQLITE_NMIGRATIONS == STORE_SCHEMA_VERSION,
	       "every schema level needs its migration");

const char *const sqlite_migrations[SQLITE_NMIGRATIONS] = {
	/* 1: plans, tasks, units as written, targets, milestones. */
	"CREATE TABLE plans (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  issuer TEXT NOT NULL DEFAULT '',\n"
	"  doc_no TEXT NOT NULL DEFAULT '',\n"
	"  title TEXT NOT NULL DEFAULT '',\n"
	"  year INTEGER,\n"
	"  issued_on TEXT,\n"
	"  recipients TEXT NOT NULL DEFAULT '',\n"
	"  source_name TEXT NOT NULL DEFAULT '',\n"
	"  source_sha256 TEXT NOT NULL UNIQUE,\n"
	"  source_format TEXT NOT NULL DEFAULT '',\n"
	"  source_encoding TEXT NOT NULL DEFAULT '',\n"
	"  imported_at TEXT NOT NULL\n"
	");\n"
	/* One plan per issuer and document number; a revision replaces it. */
	"CREATE UNIQUE INDEX plans_issuer_doc_no ON plans(issuer, doc_no) WHERE doc_no <> '';\n"
	"CREATE TABLE tasks (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,\n"
	"  no INTEGER NOT NULL,\n"
	"  section TEXT NOT NULL DEFAULT '',\n"
	"  text TEXT NOT NULL,\n"
	"  due_on TEXT,\n"
	"  leader TEXT,\n"
	"  line INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (plan_id, no)\n"
	");\n"
	"CREATE TABLE units (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE\n"
	");\n"
	/*
	 * position 1 is the lead unit (牵头单位), the rest co-units in document
	 * order.  No index on unit_id yet: nothing asks for a unit's tasks across
	 * plans, and such an index costs about a third of a large import.  The
	 * level that adds such a query adds the index.
	 */
	"CREATE TABLE task_units (\n"
	"  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL CHECK (position >= 1),\n"
	"  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,\n"
	"  PRIMARY KEY (task_id, position)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE targets (\n"
	"  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  metric TEXT NOT NULL DEFAULT '',\n"
	"  value REAL NOT NULL,\n"
	"  max REAL,\n"
	"  unit TEXT NOT NULL DEFAULT '',\n"
	"  cmp TEXT NOT NULL CHECK (cmp IN ('eq', 'approx', 'ge', 'le', 'range')),\n"
	"  text TEXT NOT NULL DEFAULT '',\n"
	"  qualifier TEXT,\n"
	"  PRIMARY KEY (task_id, seq)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE milestones (\n"
	"  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  due_on TEXT,\n"
	"  text TEXT NOT NULL DEFAULT '',\n"
	"  PRIMARY KEY (task_id, seq)\n"
	") WITHOUT ROWID;\n",
};

/*
 * Nothing hangs on tasks yet.  Later levels register here, e.g.
 *   { "责任分解", "SELECT count(*) FROM assignments a JOIN tasks t"
 *                " ON t.id = a.task_id WHERE t.plan_id = ?1" },
 */
const struct sqlite_dependent sqlite_dependents[] = {
	{ NULL, NULL },
};
