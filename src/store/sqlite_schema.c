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
	/*
	 * 2: the organisation directory (org_*) and assignments.  `units` (level
	 * 1) stays what it is: names as written in lists.  org_units are the real
	 * units of the directory (domain/directory.h); a unit or group that a
	 * later directory no longer lists keeps its row with listed = 0, so that
	 * assignments keep pointing at it and its id is never reused.  Names are
	 * unique among listed rows only.  `seq` keeps the directory's order.
	 *
	 * assignments: one per unit answerable for a task (a group in the list
	 * gives one per member).  position is the task_units position (1: the
	 * lead position) of the entry that gave it, so the name as written is
	 * task_units -> units.name; unit_id NULL is an unverified name.  Ids come
	 * from AUTOINCREMENT and are never reused.  Rows are never deleted by a
	 * directory change (they are retired); they go with their task when a
	 * list is replaced, which is refused once anything hangs on them
	 * (sqlite_dependents).  No index on unit_id: a unit's tasks are read per
	 * plan through the task index, and such an index would slow a large
	 * import.  Lists already stored get one unverified assignment per unit
	 * as written; the next directory import resolves them (keeping ids).
	 */
	"CREATE TABLE org_units (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('city_dept', 'county_gov', 'dev_zone',"
	" 'central', 'other')),\n"
	"  parent_id INTEGER REFERENCES org_units(id),\n"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),\n"
	"  listed INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1)),\n"
	"  seq INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE UNIQUE INDEX org_units_listed_name ON org_units(name) WHERE listed = 1;\n"
	"CREATE TABLE org_aliases (\n"
	"  unit_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  alias TEXT NOT NULL,\n"
	"  PRIMARY KEY (unit_id, seq)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE org_groups (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  listed INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1)),\n"
	"  seq INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE UNIQUE INDEX org_groups_listed_name ON org_groups(name) WHERE listed = 1;\n"
	"CREATE TABLE org_group_members (\n"
	"  group_id INTEGER NOT NULL REFERENCES org_groups(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  unit_id INTEGER NOT NULL REFERENCES org_units(id),\n"
	"  PRIMARY KEY (group_id, seq)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE assignments (\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  task_id INTEGER NOT NULL,\n"
	"  position INTEGER NOT NULL CHECK (position >= 1),\n"
	"  unit_id INTEGER REFERENCES org_units(id),\n"
	"  via_group_id INTEGER REFERENCES org_groups(id),\n"
	"  role TEXT NOT NULL CHECK (role IN ('lead', 'co')),\n"
	"  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'retired')),\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  FOREIGN KEY (task_id, position) REFERENCES task_units(task_id, position)"
	" ON DELETE CASCADE\n"
	");\n"
	"CREATE INDEX assignments_task ON assignments(task_id, position);\n"
	"INSERT INTO assignments (task_id, position, role, created_at, updated_at)\n"
	"  SELECT task_id, position, CASE WHEN position = 1 THEN 'lead' ELSE 'co' END,\n"
	"    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')\n"
	"  FROM task_units ORDER BY task_id, position;\n",
	/*
	 * 3: accounts, sessions, login failures and the audit log (HTTP API).
	 * A liaison is bound to one directory unit (org_units, level 2); other
	 * roles to none.  Sessions keep only the SHA-256 of their token; times
	 * in sessions and login_failures are Unix seconds (compared, never
	 * shown).  login_failures holds one throttling window; several server
	 * instances share it through the database.
	 *
	 * audit is append-only (the triggers refuse UPDATE and DELETE, so that
	 * no code path can rewrite history by mistake; someone editing the file
	 * directly is caught by the hash chain, service/audit.h).  audit_head
	 * holds the seq and hash of the last entry appended, in the same
	 * transaction, so that deleting the newest entries shows too.
	 */
	"CREATE TABLE users (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  login TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL DEFAULT '',\n"
	"  role TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'liaison')),\n"
	"  unit_id INTEGER REFERENCES org_units(id),\n"
	"  pw_hash TEXT NOT NULL,\n"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  CHECK ((role = 'liaison') = (unit_id IS NOT NULL))\n"
	");\n"
	"CREATE TABLE sessions (\n"
	"  token_hash TEXT PRIMARY KEY,\n"
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
	"  csrf TEXT NOT NULL,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  expires_at INTEGER NOT NULL,\n"
	"  address TEXT NOT NULL DEFAULT ''\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX sessions_user ON sessions(user_id);\n"
	"CREATE INDEX sessions_expires ON sessions(expires_at);\n"
	"CREATE TABLE login_failures (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  login TEXT NOT NULL,\n"
	"  address TEXT NOT NULL,\n"
	"  at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX login_failures_login ON login_failures(login, at);\n"
	"CREATE INDEX login_failures_address ON login_failures(address, at);\n"
	"CREATE INDEX login_failures_at ON login_failures(at);\n"
	"CREATE TABLE audit (\n"
	"  seq INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  action TEXT NOT NULL,\n"
	"  object TEXT NOT NULL,\n"
	"  before_json TEXT,\n"
	"  after_json TEXT,\n"
	"  prev_hash TEXT NOT NULL,\n"
	"  hash TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX audit_at ON audit(at);\n"
	"CREATE TABLE audit_head (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  seq INTEGER NOT NULL,\n"
	"  hash TEXT NOT NULL\n"
	");\n"
	"INSERT INTO audit_head (id, seq, hash) VALUES (1, 0,"
	" '0000000000000000000000000000000000000000000000000000000000000000');\n"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n",
};

/*
 * Nothing hangs on tasks yet.  Assignments (level 2) are not listed: they
 * are derived from the list and the directory, and a replaced list derives
 * them again.  What hangs on assignments registers here, counting through
 * them, e.g.
 *   { "进展报告", "SELECT count(*) FROM reports r JOIN assignments a"
 *                " ON a.id = r.assignment_id JOIN tasks t ON t.id = a.task_id"
 *                " WHERE t.plan_id = ?1" },
 */
const struct sqlite_dependent sqlite_dependents[] = {
	{ NULL, NULL },
};
