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
	/*
	 * 4: reporting.  A plan's reporting calendar (no row: monthly, due on
	 * the 25th, first period after the issued date).  What hangs on an
	 * assignment: sign-for, dispute (退回) and the office's decision,
	 * report versions with target values and attachments, reviews,
	 * extensions, verification (销号).  Each row has the day it took effect
	 * (*_on, ISO date) and the time it was recorded (recorded_at, the
	 * database clock), and `sample` for rows `duban demo-data` wrote.
	 * Nothing is overwritten: triggers (level 5) refuse UPDATE and DELETE,
	 * except that a dispute or an extension gets its decision once, while
	 * undecided.
	 * Attachment contents are stored once per SHA-256, in the database (one
	 * file to back up).  All of these count as dependents of the plan.
	 */
	"CREATE TABLE calendars (\n"
	"  plan_id INTEGER PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,\n"
	"  cadence TEXT NOT NULL CHECK (cadence IN ('monthly', 'quarterly')),\n"
	"  due_day INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 31),\n"
	"  first_period TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE signoffs (\n"
	"  assignment_id INTEGER PRIMARY KEY REFERENCES assignments(id),\n"
	"  signed_on TEXT NOT NULL,\n"
	"  signed_by TEXT NOT NULL,\n"
	"  note TEXT NOT NULL DEFAULT '',\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))\n"
	");\n"
	"CREATE TABLE disputes (\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  assignment_id INTEGER NOT NULL UNIQUE REFERENCES assignments(id),\n"
	"  reason TEXT NOT NULL CHECK (reason <> ''),\n"
	"  raised_by TEXT NOT NULL,\n"
	"  raised_on TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  decision TEXT CHECK (decision IN ('confirm', 'reassign')),\n"
	"  new_assignment_id INTEGER REFERENCES assignments(id),\n"
	"  decision_note TEXT,\n"
	"  decided_by TEXT,\n"
	"  decided_on TEXT,\n"
	"  decided_recorded_at TEXT,\n"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),\n"
	"  CHECK ((decision IS NULL) = (decided_on IS NULL)),\n"
	"  CHECK ((coalesce(decision, '') = 'reassign') = (new_assignment_id IS NOT NULL))\n"
	");\n"
	"CREATE INDEX disputes_new_assignment ON disputes(new_assignment_id)"
	" WHERE new_assignment_id IS NOT NULL;\n"
	"CREATE TABLE reports (\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  assignment_id INTEGER NOT NULL REFERENCES assignments(id),\n"
	"  period TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL CHECK (version >= 1),\n"
	"  percent REAL NOT NULL CHECK (percent >= 0 AND percent <= 100),\n"
	"  progress TEXT NOT NULL DEFAULT '',\n"
	"  problems TEXT NOT NULL DEFAULT '',\n"
	"  next_steps TEXT NOT NULL DEFAULT '',\n"
	"  likelihood TEXT NOT NULL DEFAULT '' CHECK (likelihood IN ('', 'very_likely',"
	" 'likely', 'doubtful', 'unlikely')),\n"
	"  author TEXT NOT NULL,\n"
	"  submitted_on TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),\n"
	"  UNIQUE (assignment_id, period, version)\n"
	");\n"
	"CREATE TABLE report_values (\n"
	"  report_id INTEGER NOT NULL REFERENCES reports(id),\n"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),\n"
	"  actual REAL NOT NULL,\n"
	"  PRIMARY KEY (report_id, seq)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE attachments (\n"
	"  sha256 TEXT PRIMARY KEY,\n"
	"  size INTEGER NOT NULL CHECK (size >= 0),\n"
	"  mime TEXT NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  data BLOB NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  CHECK (length(data) = size)\n"
	");\n"
	"CREATE TABLE report_attachments (\n"
	"  report_id INTEGER NOT NULL REFERENCES reports(id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  sha256 TEXT NOT NULL REFERENCES attachments(sha256),\n"
	"  name TEXT NOT NULL,\n"
	"  PRIMARY KEY (report_id, seq)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE reviews (\n"
	"  report_id INTEGER PRIMARY KEY REFERENCES reports(id),\n"
	"  decision TEXT NOT NULL CHECK (decision IN ('accepted', 'returned')),\n"
	"  reason TEXT NOT NULL DEFAULT '',\n"
	"  reviewer TEXT NOT NULL,\n"
	"  reviewed_on TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),\n"
	"  CHECK (decision = 'accepted' OR reason <> '')\n"
	");\n"
	"CREATE TABLE extensions (\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  assignment_id INTEGER NOT NULL REFERENCES assignments(id),\n"
	"  old_due TEXT NOT NULL,\n"
	"  new_due TEXT NOT NULL,\n"
	"  reason TEXT NOT NULL CHECK (reason <> ''),\n"
	"  requested_by TEXT NOT NULL,\n"
	"  requested_on TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved',"
	" 'refused')),\n"
	"  approved_due TEXT,\n"
	"  decision_note TEXT,\n"
	"  decided_by TEXT,\n"
	"  decided_on TEXT,\n"
	"  decided_recorded_at TEXT,\n"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),\n"
	"  CHECK ((state = 'pending') = (decided_on IS NULL)),\n"
	"  CHECK ((state = 'approved') = (approved_due IS NOT NULL))\n"
	");\n"
	"CREATE INDEX extensions_assignment ON extensions(assignment_id, id);\n"
	"CREATE TABLE verifications (\n"
	"  assignment_id INTEGER PRIMARY KEY REFERENCES assignments(id),\n"
	"  verified_on TEXT NOT NULL,\n"
	"  verified_by TEXT NOT NULL,\n"
	"  note TEXT NOT NULL DEFAULT '',\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))\n"
	");\n",
	/*
	 * 5: level 4's rows are never overwritten or deleted (a separate level
	 * only because one C string literal must stay under 4095 bytes).
	 */
	"CREATE TRIGGER signoffs_no_update BEFORE UPDATE ON signoffs\n"
	"  BEGIN SELECT RAISE(ABORT, 'sign-offs are never rewritten'); END;\n"
	"CREATE TRIGGER signoffs_no_delete BEFORE DELETE ON signoffs\n"
	"  BEGIN SELECT RAISE(ABORT, 'sign-offs are never deleted'); END;\n"
	"CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports\n"
	"  BEGIN SELECT RAISE(ABORT, 'reports are never rewritten: submit a new version'); END;\n"
	"CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports\n"
	"  BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;\n"
	"CREATE TRIGGER report_values_no_update BEFORE UPDATE ON report_values\n"
	"  BEGIN SELECT RAISE(ABORT, 'reports are never rewritten'); END;\n"
	"CREATE TRIGGER report_values_no_delete BEFORE DELETE ON report_values\n"
	"  BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;\n"
	"CREATE TRIGGER report_attachments_no_update BEFORE UPDATE ON report_attachments\n"
	"  BEGIN SELECT RAISE(ABORT, 'reports are never rewritten'); END;\n"
	"CREATE TRIGGER report_attachments_no_delete BEFORE DELETE ON report_attachments\n"
	"  BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;\n"
	"CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments\n"
	"  BEGIN SELECT RAISE(ABORT, 'attachments are never rewritten'); END;\n"
	"CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments\n"
	"  BEGIN SELECT RAISE(ABORT, 'attachments are never deleted'); END;\n"
	"CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews\n"
	"  BEGIN SELECT RAISE(ABORT, 'reviews are never rewritten'); END;\n"
	"CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews\n"
	"  BEGIN SELECT RAISE(ABORT, 'reviews are never deleted'); END;\n"
	"CREATE TRIGGER verifications_no_update BEFORE UPDATE ON verifications\n"
	"  BEGIN SELECT RAISE(ABORT, 'verifications are never rewritten'); END;\n"
	"CREATE TRIGGER verifications_no_delete BEFORE DELETE ON verifications\n"
	"  BEGIN SELECT RAISE(ABORT, 'verifications are never deleted'); END;\n"
	"CREATE TRIGGER disputes_decide_once BEFORE UPDATE ON disputes\n"
	"  WHEN OLD.decision IS NOT NULL OR NEW.assignment_id IS NOT OLD.assignment_id\n"
	"    OR NEW.reason IS NOT OLD.reason OR NEW.raised_by IS NOT OLD.raised_by\n"
	"    OR NEW.raised_on IS NOT OLD.raised_on OR NEW.recorded_at IS NOT OLD.recorded_at\n"
	"    OR NEW.sample IS NOT OLD.sample\n"
	"  BEGIN SELECT RAISE(ABORT, 'a dispute gets its decision once; nothing else changes'); END;\n"
	"CREATE TRIGGER disputes_no_delete BEFORE DELETE ON disputes\n"
	"  BEGIN SELECT RAISE(ABORT, 'disputes are never deleted'); END;\n"
	"CREATE TRIGGER extensions_decide_once BEFORE UPDATE ON extensions\n"
	"  WHEN OLD.state <> 'pending' OR NEW.assignment_id IS NOT OLD.assignment_id\n"
	"    OR NEW.old_due IS NOT OLD.old_due OR NEW.new_due IS NOT OLD.new_due\n"
	"    OR NEW.reason IS NOT OLD.reason OR NEW.requested_by IS NOT OLD.requested_by\n"
	"    OR NEW.requested_on IS NOT OLD.requested_on OR NEW.recorded_at IS NOT OLD.recorded_at\n"
	"    OR NEW.sample IS NOT OLD.sample\n"
	"  BEGIN SELECT RAISE(ABORT, 'an extension gets its decision once; nothing else changes');"
	" END;\n"
	"CREATE TRIGGER extensions_no_delete BEFORE DELETE ON extensions\n"
	"  BEGIN SELECT RAISE(ABORT, 'extensions are never deleted'); END;\n",	/*
	 * 6: supervision (督办).  actions: the steps of the escalation ladder
	 * (domain/ladder.h) on an assignment (assignment_id set) or on a task as
	 * a whole (assignment_id NULL); task_id is always the task.  A step with
	 * a form has its number (form_kind, form_year, form_seq), allocated from
	 * form_counters inside the issuing transaction, unique per kind and
	 * year.  The unit's reply and the office's closing (办结) are rows of
	 * their own, added once.  handover_forms: the number of an
	 * assignment's 交办单, given when it is first printed.  accountability:
	 * the 问责 register, each record linked to the action that led to it.
	 * Every row is only ever added (level 8).
	 */
	"CREATE TABLE actions (\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  task_id INTEGER NOT NULL REFERENCES tasks(id),\n"
	"  assignment_id INTEGER REFERENCES assignments(id),\n"
	"  step TEXT NOT NULL CHECK (step IN ('remind', 'urge', 'blue', 'orange', 'red',"
	" 'escalate', 'interview', 'accountability')),\n"
	"  ground TEXT NOT NULL DEFAULT '' CHECK (ground IN ('', 'ineffective', 'behind',"
	" 'inefficient', 'shirking')),\n"
	"  basis TEXT NOT NULL CHECK (basis IN ('free', 'timeout', 'decision')),\n"
	"  reason TEXT NOT NULL DEFAULT '',\n"
	"  requirement TEXT NOT NULL DEFAULT '',\n"
	"  cause TEXT NOT NULL DEFAULT '',\n"
	"  leader TEXT NOT NULL DEFAULT '',\n"
	"  issued_by TEXT NOT NULL,\n"
	"  issued_on TEXT NOT NULL,\n"
	"  reply_due TEXT,\n"
	"  form_kind TEXT NOT NULL DEFAULT '' CHECK (form_kind IN ('', 'urge', 'notice')),\n"
	"  form_prefix TEXT NOT NULL DEFAULT '',\n"
	"  form_year INTEGER,\n"
	"  form_seq INTEGER CHECK (form_seq >= 1),\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),\n"
	"  CHECK ((form_kind = '') = (form_seq IS NULL)),\n"
	"  CHECK ((form_seq IS NULL) = (form_year IS NULL)),\n"
	"  CHECK (reply_due IS NULL OR reply_due >= issued_on)\n"
	");\n"
	"CREATE UNIQUE INDEX actions_form_no ON actions(form_kind, form_year, form_seq)"
	" WHERE form_seq IS NOT NULL;\n"
	"CREATE INDEX actions_task ON actions(task_id, id);\n"
	"CREATE INDEX actions_assignment ON actions(assignment_id, id);\n"
	"CREATE TABLE action_replies (\n"
	"  action_id INTEGER PRIMARY KEY REFERENCES actions(id),\n"
	"  reply TEXT NOT NULL CHECK (reply <> ''),\n"
	"  replied_by TEXT NOT NULL,\n"
	"  replied_on TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))\n"
	");\n"
	"CREATE TABLE action_closings (\n"
	"  action_id INTEGER PRIMARY KEY REFERENCES actions(id),\n"
	"  closed_by TEXT NOT NULL,\n"
	"  closed_on TEXT NOT NULL,\n"
	"  note TEXT NOT NULL DEFAULT '',\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))\n"
	");\n"
	"CREATE TABLE form_counters (\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('handover', 'urge', 'notice')),\n"
	"  year INTEGER NOT NULL,\n"
	"  last_seq INTEGER NOT NULL CHECK (last_seq >= 1),\n"
	"  PRIMARY KEY (kind, year)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE handover_forms (\n"
	"  assignment_id INTEGER PRIMARY KEY REFERENCES assignments(id),\n"
	"  form_prefix TEXT NOT NULL DEFAULT '',\n"
	"  form_year INTEGER NOT NULL,\n"
	"  form_seq INTEGER NOT NULL CHECK (form_seq >= 1),\n"
	"  issued_by TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  UNIQUE (form_year, form_seq)\n"
	");\n"
	"CREATE TABLE accountability (\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  action_id INTEGER NOT NULL REFERENCES actions(id),\n"
	"  ground TEXT NOT NULL CHECK (ground IN ('ineffective', 'behind', 'inefficient',"
	" 'shirking')),\n"
	"  measure TEXT NOT NULL CHECK (measure IN ('interview', 'written_review', 'criticism',"
	" 'admonition', 'organizational', 'sanction', 'other')),\n"
	"  measure_text TEXT NOT NULL DEFAULT '',\n"
	"  subject TEXT NOT NULL DEFAULT '',\n"
	"  decided_on TEXT NOT NULL,\n"
	"  doc_no TEXT NOT NULL CHECK (doc_no <> ''),\n"
	"  decided_by TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))\n"
	");\n"
	"CREATE INDEX accountability_action ON accountability(action_id);\n",
	/*
	 * 7: supervision, continued.  suggestion_dismissals: a suggestion's
	 * cause (domain/suggest.h, by key) the office declined for an
	 * assignment: not proposed again.  assess_rules: the assessment rules
	 * text of a year (domain/assess.h; no row: the documented defaults).
	 * appeals (申诉): one line of one unit's assessment of a year, decided
	 * once (upheld, or corrected to corrected_cp hundredths of a point).
	 * bulletins: the progress bulletins issued (进展通报), one per plan and
	 * period, with what they said (summary: JSON of the counts and the
	 * task lists) so that the next one compares with what was published.
	 */
	"CREATE TABLE suggestion_dismissals (\n"
	"  assignment_id INTEGER NOT NULL REFERENCES assignments(id),\n"
	"  cause_key TEXT NOT NULL CHECK (cause_key <> ''),\n"
	"  dismissed_by TEXT NOT NULL,\n"
	"  dismissed_on TEXT NOT NULL,\n"
	"  note TEXT NOT NULL DEFAULT '',\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  PRIMARY KEY (assignment_id, cause_key)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE assess_rules (\n"
	"  year INTEGER PRIMARY KEY,\n"
	"  rules TEXT NOT NULL,\n"
	"  set_by TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE appeals (\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  year INTEGER NOT NULL,\n"
	"  unit_id INTEGER NOT NULL REFERENCES org_units(id),\n"
	"  line_key TEXT NOT NULL CHECK (line_key <> ''),\n"
	"  reason TEXT NOT NULL CHECK (reason <> ''),\n"
	"  orig_cp INTEGER NOT NULL,\n"
	"  filed_by TEXT NOT NULL,\n"
	"  filed_on TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'upheld',"
	" 'corrected')),\n"
	"  corrected_cp INTEGER,\n"
	"  decision_note TEXT,\n"
	"  decided_by TEXT,\n"
	"  decided_on TEXT,\n"
	"  decided_recorded_at TEXT,\n"
	"  UNIQUE (year, unit_id, line_key),\n"
	"  CHECK ((state = 'pending') = (decided_on IS NULL)),\n"
	"  CHECK ((state = 'corrected') = (corrected_cp IS NOT NULL))\n"
	");\n"
	"CREATE TABLE bulletins (\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id),\n"
	"  period TEXT NOT NULL,\n"
	"  as_of TEXT NOT NULL,\n"
	"  issue_no INTEGER NOT NULL CHECK (issue_no >= 1),\n"
	"  summary TEXT NOT NULL,\n"
	"  issued_by TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  UNIQUE (plan_id, period),\n"
	"  UNIQUE (plan_id, issue_no)\n"
	");\n",
	/*
	 * 8: level 6 and 7's records are never rewritten or deleted, but for
	 * the counters (which only grow), the rules of a year (replaced whole;
	 * the audit log keeps each version) and an appeal's decision (added
	 * once, while pending).
	 */
	"CREATE TRIGGER actions_no_update BEFORE UPDATE ON actions\n"
	"  BEGIN SELECT RAISE(ABORT, 'supervision actions are never rewritten'); END;\n"
	"CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions\n"
	"  BEGIN SELECT RAISE(ABORT, 'supervision actions are never deleted'); END;\n"
	"CREATE TRIGGER action_replies_no_update BEFORE UPDATE ON action_replies\n"
	"  BEGIN SELECT RAISE(ABORT, 'replies are never rewritten'); END;\n"
	"CREATE TRIGGER action_replies_no_delete BEFORE DELETE ON action_replies\n"
	"  BEGIN SELECT RAISE(ABORT, 'replies are never deleted'); END;\n"
	"CREATE TRIGGER action_closings_no_update BEFORE UPDATE ON action_closings\n"
	"  BEGIN SELECT RAISE(ABORT, 'closings are never rewritten'); END;\n"
	"CREATE TRIGGER action_closings_no_delete BEFORE DELETE ON action_closings\n"
	"  BEGIN SELECT RAISE(ABORT, 'closings are never deleted'); END;\n"
	"CREATE TRIGGER form_counters_grow BEFORE UPDATE ON form_counters\n"
	"  WHEN NEW.last_seq < OLD.last_seq OR NEW.kind IS NOT OLD.kind OR NEW.year IS NOT OLD.year\n"
	"  BEGIN SELECT RAISE(ABORT, 'form numbers are never reused'); END;\n"
	"CREATE TRIGGER form_counters_no_delete BEFORE DELETE ON form_counters\n"
	"  BEGIN SELECT RAISE(ABORT, 'form numbers are never reused'); END;\n"
	"CREATE TRIGGER handover_forms_no_update BEFORE UPDATE ON handover_forms\n"
	"  BEGIN SELECT RAISE(ABORT, 'form numbers are never rewritten'); END;\n"
	"CREATE TRIGGER handover_forms_no_delete BEFORE DELETE ON handover_forms\n"
	"  BEGIN SELECT RAISE(ABORT, 'form numbers are never deleted'); END;\n"
	"CREATE TRIGGER accountability_no_update BEFORE UPDATE ON accountability\n"
	"  BEGIN SELECT RAISE(ABORT, 'accountability records are never rewritten'); END;\n"
	"CREATE TRIGGER accountability_no_delete BEFORE DELETE ON accountability\n"
	"  BEGIN SELECT RAISE(ABORT, 'accountability records are never deleted'); END;\n"
	"CREATE TRIGGER suggestion_dismissals_no_update BEFORE UPDATE ON suggestion_dismissals\n"
	"  BEGIN SELECT RAISE(ABORT, 'dismissals are never rewritten'); END;\n"
	"CREATE TRIGGER suggestion_dismissals_no_delete BEFORE DELETE ON suggestion_dismissals\n"
	"  BEGIN SELECT RAISE(ABORT, 'dismissals are never deleted'); END;\n"
	"CREATE TRIGGER appeals_decide_once BEFORE UPDATE ON appeals\n"
	"  WHEN OLD.state <> 'pending' OR NEW.year IS NOT OLD.year OR NEW.unit_id IS NOT OLD.unit_id\n"
	"    OR NEW.line_key IS NOT OLD.line_key OR NEW.reason IS NOT OLD.reason\n"
	"    OR NEW.orig_cp IS NOT OLD.orig_cp OR NEW.filed_by IS NOT OLD.filed_by\n"
	"    OR NEW.filed_on IS NOT OLD.filed_on OR NEW.recorded_at IS NOT OLD.recorded_at\n"
	"  BEGIN SELECT RAISE(ABORT, 'an appeal gets its decision once; nothing else changes'); END;\n"
	"CREATE TRIGGER appeals_no_delete BEFORE DELETE ON appeals\n"
	"  BEGIN SELECT RAISE(ABORT, 'appeals are never deleted'); END;\n"
	"CREATE TRIGGER bulletins_no_update BEFORE UPDATE ON bulletins\n"
	"  BEGIN SELECT RAISE(ABORT, 'bulletins issued are never rewritten'); END;\n"
	"CREATE TRIGGER bulletins_no_delete BEFORE DELETE ON bulletins\n"
	"  BEGIN SELECT RAISE(ABORT, 'bulletins issued are never deleted'); END;\n",

	/*
	 * 9: the data generation (store_generation): one counter that every
	 * committed transaction raises, so that a reader can tell in one small
	 * query whether anything changed since it last looked.  And a covering
	 * index for the status engine's facts (the report columns it judges
	 * by), so that judging a plan never reads the wide report rows.
	 */
	"CREATE TABLE generation (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  n INTEGER NOT NULL CHECK (n >= 0)\n"
	");\n"
	"INSERT INTO generation (id, n) VALUES (1, 0);\n"
	"CREATE INDEX reports_facts ON reports (assignment_id, period, version, submitted_on,"
	" percent, likelihood, sample);\n",

	/*
	 * 10: targets rebuilt with the same columns, key, rule and rows; only
	 * its check on cmp is written as a chain of = instead of an IN list,
	 * which SQLite tests through a temporary index on every insert (nearly
	 * half the cost of writing a large list's targets).  Nothing hangs on
	 * targets, so it is dropped and replaced in place.
	 */
	"CREATE TABLE targets_new (\n"
	"  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  metric TEXT NOT NULL DEFAULT '',\n"
	"  value REAL NOT NULL,\n"
	"  max REAL,\n"
	"  unit TEXT NOT NULL DEFAULT '',\n"
	"  cmp TEXT NOT NULL CHECK (cmp = 'eq' OR cmp = 'approx' OR cmp = 'ge' OR cmp = 'le'"
	" OR cmp = 'range'),\n"
	"  text TEXT NOT NULL DEFAULT '',\n"
	"  qualifier TEXT,\n"
	"  PRIMARY KEY (task_id, seq)\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO targets_new (task_id, seq, metric, value, max, unit, cmp, text, qualifier)\n"
	"  SELECT task_id, seq, metric, value, max, unit, cmp, text, qualifier FROM targets;\n"
	"DROP TABLE targets;\n"
	"ALTER TABLE targets_new RENAME TO targets;\n",

	/*
	 * 11: aliases of unit groups ("各县区政府" for "各县（市、区）政府"),
	 * as org_aliases holds those of units: in order, replaced with the
	 * directory.
	 */
	"CREATE TABLE org_group_aliases (\n"
	"  group_id INTEGER NOT NULL REFERENCES org_groups(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  alias TEXT NOT NULL,\n"
	"  PRIMARY KEY (group_id, seq)\n"
	") WITHOUT ROWID;\n",
};

/*
 * Assignments (level 2) are not listed: they are derived from the list and
 * the directory, and a replaced list derives them again.  What hangs on
 * assignments registers here, counting through them.
 */
#define THROUGH_ASSIGNMENTS(table)                                               \
	"SELECT count(*) FROM " table " x JOIN assignments a ON a.id = x.assignment_id" \
	" JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = ?1"

const struct sqlite_dependent sqlite_dependents[] = {
	/* level 4: reporting */
	{ "签收记录", THROUGH_ASSIGNMENTS("signoffs") },
	{ "退回记录", THROUGH_ASSIGNMENTS("disputes") },
	{ "进展报告", THROUGH_ASSIGNMENTS("reports") },
	{ "延期申请", THROUGH_ASSIGNMENTS("extensions") },
	{ "销号记录", THROUGH_ASSIGNMENTS("verifications") },
	/* levels 6-7: supervision (actions count by their task: some are on a task) */
	{ "督办事项", "SELECT count(*) FROM actions x JOIN tasks t ON t.id = x.task_id"
	  " WHERE t.plan_id = ?1" },
	{ "交办单编号", THROUGH_ASSIGNMENTS("handover_forms") },
	{ "不予采纳的督办建议", THROUGH_ASSIGNMENTS("suggestion_dismissals") },
	{ "已印发的进展通报", "SELECT count(*) FROM bulletins WHERE plan_id = ?1" },
	{ NULL, NULL },
};
