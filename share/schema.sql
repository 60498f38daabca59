-- kup schema: the one SQL source for the database layout.
--
-- The file is split into numbered steps ("-- step N"). A new database runs
-- every step; an older one runs the steps above its PRAGMA user_version,
-- all inside one BEGIN IMMEDIATE. Never edit a released step: add a new one.
--
-- Conventions:
--   * dates are TEXT 'YYYY-MM-DD', timestamps TEXT 'YYYY-MM-DD HH:MM:SS' (UTC);
--     CHECKs make sure nothing else gets in;
--   * money is whole Danish kroner (INTEGER);
--   * every editable row has `version`, bumped on each update, for
--     optimistic locking (UPDATE ... WHERE id=? AND version=?);
--   * `sort_key` / `fold` are computed by kup (text.c) so that a plain BINARY
--     index sorts the Danish way and filters accent-insensitively, and the
--     sqlite3 shell can still read the file (no custom collations).

-- step 1
CREATE TABLE unit (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES unit(id) ON DELETE RESTRICT,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  kind        TEXT NOT NULL CHECK (kind IN ('area','institution','team')),
  sort_key    TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  version     INTEGER NOT NULL DEFAULT 1,
  CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE UNIQUE INDEX unit_name ON unit(name);
CREATE INDEX unit_parent ON unit(parent_id, sort_key);
CREATE INDEX unit_sort ON unit(sort_key, id);

CREATE TABLE profession (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
  sort_key  TEXT NOT NULL,
  version   INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX profession_sort ON profession(sort_key, id);

CREATE TABLE staff (
  id             INTEGER PRIMARY KEY,
  login          TEXT UNIQUE CHECK (login IS NULL OR
                   (length(login) BETWEEN 1 AND 32 AND login NOT GLOB '*[^a-z0-9._-]*')),
  emp_no         TEXT UNIQUE CHECK (emp_no IS NULL OR length(emp_no) BETWEEN 1 AND 20),
  name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  initials       TEXT NOT NULL CHECK (length(initials) BETWEEN 1 AND 8),
  email          TEXT CHECK (email IS NULL OR email LIKE '%_@_%'),
  unit_id        INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
  profession_id  INTEGER REFERENCES profession(id) ON DELETE RESTRICT,
  role           TEXT NOT NULL DEFAULT 'employee'
                   CHECK (role IN ('employee','leader','admin')),
  title          TEXT NOT NULL DEFAULT '',
  employed_from  TEXT CHECK (employed_from IS NULL OR
                   (employed_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                    AND date(employed_from) = employed_from)),
  employed_to    TEXT CHECK (employed_to IS NULL OR
                   (employed_to GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                    AND date(employed_to) = employed_to)),
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  sort_key       TEXT NOT NULL,
  fold           TEXT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  CHECK (employed_to IS NULL OR employed_from IS NULL OR employed_to >= employed_from)
) STRICT;
CREATE INDEX staff_sort ON staff(sort_key, id);
CREATE INDEX staff_unit ON staff(unit_id, sort_key, id);
CREATE INDEX staff_profession ON staff(profession_id);

-- Leaders of a unit. A unit may have several; history is kept (until IS NULL
-- means current) so a handover never rewrites who agreed what.
CREATE TABLE unit_leader (
  id        INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  staff_id  INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
  since     TEXT NOT NULL CHECK (since GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                                 AND date(since) = since),
  until     TEXT CHECK (until IS NULL OR (until GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                                          AND date(until) = until)),
  version   INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX unit_leader_unit ON unit_leader(unit_id, until);
CREATE INDEX unit_leader_staff ON unit_leader(staff_id, until);

CREATE TABLE competence_area (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND length(code) <= 20),
  name_da   TEXT NOT NULL CHECK (length(name_da) BETWEEN 1 AND 80),
  name_en   TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
  pos       INTEGER NOT NULL DEFAULT 0,
  active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  version   INTEGER NOT NULL DEFAULT 1
) STRICT;

INSERT INTO competence_area(code, name_da, name_en, pos) VALUES
  ('personal',          'Personlig',    'Personal',          1),
  ('professional',      'Faglig',       'Professional',      2),
  ('interdisciplinary', 'Fællesfaglig', 'Interdisciplinary', 3),
  ('relational',        'Relationel',   'Relational',        4);

CREATE TABLE focus_area (
  id           INTEGER PRIMARY KEY,
  year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2199),
  title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  description  TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1,
  UNIQUE (year, title)
) STRICT;

CREATE TABLE plan (
  id            INTEGER PRIMARY KEY,
  staff_id      INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
  year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2199),
  status        TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft','agreed','evaluated')),
  mus_date      TEXT CHECK (mus_date IS NULL OR
                  (mus_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                   AND date(mus_date) = mus_date)),
  notes         TEXT NOT NULL DEFAULT '',
  agreed_by     INTEGER REFERENCES staff(id) ON DELETE RESTRICT,
  agreed_at     TEXT CHECK (agreed_at IS NULL OR datetime(agreed_at) = agreed_at),
  accepted_at   TEXT CHECK (accepted_at IS NULL OR datetime(accepted_at) = accepted_at),
  evaluation    TEXT NOT NULL DEFAULT '',
  evaluated_by  INTEGER REFERENCES staff(id) ON DELETE RESTRICT,
  evaluated_at  TEXT CHECK (evaluated_at IS NULL OR datetime(evaluated_at) = evaluated_at),
  created_at    TEXT NOT NULL DEFAULT (datetime('now')),
  version       INTEGER NOT NULL DEFAULT 1,
  UNIQUE (staff_id, year),
  CHECK (status = 'draft' OR (agreed_by IS NOT NULL AND agreed_at IS NOT NULL)),
  CHECK (status <> 'evaluated' OR (evaluated_by IS NOT NULL AND evaluated_at IS NOT NULL))
) STRICT;
CREATE INDEX plan_year ON plan(year, status);

CREATE TABLE goal (
  id             INTEGER PRIMARY KEY,
  plan_id        INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  pos            INTEGER NOT NULL DEFAULT 0,
  competence_id  INTEGER NOT NULL REFERENCES competence_area(id) ON DELETE RESTRICT,
  focus_id       INTEGER REFERENCES focus_area(id) ON DELETE SET NULL,
  what           TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 2000),
  why            TEXT NOT NULL DEFAULT '',
  criteria       TEXT NOT NULL DEFAULT '',
  deadline       TEXT CHECK (deadline IS NULL OR
                   (deadline GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                    AND date(deadline) = deadline)),
  status         TEXT NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open','in_progress','done','dropped')),
  result         TEXT NOT NULL DEFAULT '',
  carried_from   INTEGER REFERENCES goal(id) ON DELETE SET NULL,
  version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX goal_plan ON goal(plan_id, pos, id);
CREATE INDEX goal_competence ON goal(competence_id);
CREATE INDEX goal_focus ON goal(focus_id);

CREATE TABLE activity (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 160),
  method       TEXT NOT NULL CHECK (method IN ('diploma','course','theme_day',
                 'conference','elearning','peer','network','supervision','other')),
  provider     TEXT NOT NULL DEFAULT '',
  description  TEXT NOT NULL DEFAULT '',
  ects         REAL CHECK (ects IS NULL OR ects BETWEEN 0 AND 60),
  hours        REAL CHECK (hours IS NULL OR hours BETWEEN 0 AND 2000),
  price        INTEGER NOT NULL DEFAULT 0 CHECK (price BETWEEN 0 AND 10000000),
  cross_prof   INTEGER NOT NULL DEFAULT 0 CHECK (cross_prof IN (0,1)),
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  sort_key     TEXT NOT NULL,
  fold         TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX activity_sort ON activity(sort_key, id);
CREATE INDEX activity_method ON activity(method);

CREATE TABLE activity_competence (
  activity_id    INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  competence_id  INTEGER NOT NULL REFERENCES competence_area(id) ON DELETE RESTRICT,
  PRIMARY KEY (activity_id, competence_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX activity_competence_c ON activity_competence(competence_id);

CREATE TABLE activity_profession (
  activity_id    INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  profession_id  INTEGER NOT NULL REFERENCES profession(id) ON DELETE RESTRICT,
  PRIMARY KEY (activity_id, profession_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX activity_profession_p ON activity_profession(profession_id);

-- A session (hold) is one run of an activity.
CREATE TABLE session (
  id               INTEGER PRIMARY KEY,
  activity_id      INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  starts           TEXT NOT NULL CHECK (starts GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                                        AND date(starts) = starts),
  ends             TEXT NOT NULL CHECK (ends GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                                        AND date(ends) = ends),
  place            TEXT NOT NULL DEFAULT '',
  capacity         INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  signup_deadline  TEXT CHECK (signup_deadline IS NULL OR
                     (signup_deadline GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                      AND date(signup_deadline) = signup_deadline)),
  version          INTEGER NOT NULL DEFAULT 1,
  CHECK (ends >= starts),
  CHECK (signup_deadline IS NULL OR signup_deadline <= starts)
) STRICT;
CREATE INDEX session_activity ON session(activity_id, starts, id);
CREATE INDEX session_starts ON session(starts, id);

CREATE TABLE participation (
  id            INTEGER PRIMARY KEY,
  staff_id      INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
  session_id    INTEGER NOT NULL REFERENCES session(id) ON DELETE RESTRICT,
  goal_id       INTEGER REFERENCES goal(id) ON DELETE SET NULL,
  status        TEXT NOT NULL DEFAULT 'requested'
                  CHECK (status IN ('requested','approved','rejected','enrolled',
                                    'waitlisted','completed','cancelled','noshow')),
  requested_at  TEXT NOT NULL DEFAULT (datetime('now'))
                  CHECK (datetime(requested_at) = requested_at),
  decided_by    INTEGER REFERENCES staff(id) ON DELETE RESTRICT,
  decided_at    TEXT CHECK (decided_at IS NULL OR datetime(decided_at) = decided_at),
  note          TEXT NOT NULL DEFAULT '',
  reason        TEXT NOT NULL DEFAULT '',
  wait_pos      INTEGER,
  price         INTEGER NOT NULL DEFAULT 0 CHECK (price BETWEEN 0 AND 10000000),
  version       INTEGER NOT NULL DEFAULT 1,
  UNIQUE (staff_id, session_id),
  CHECK (status <> 'rejected' OR length(reason) > 0),
  CHECK ((status = 'waitlisted') = (wait_pos IS NOT NULL))
) STRICT;
CREATE INDEX participation_session ON participation(session_id, status);
CREATE INDEX participation_staff ON participation(staff_id, status);
CREATE INDEX participation_goal ON participation(goal_id);

-- Follow-up (opfølgning) after a completed participation.
CREATE TABLE followup (
  id                INTEGER PRIMARY KEY,
  participation_id  INTEGER NOT NULL UNIQUE
                      REFERENCES participation(id) ON DELETE CASCADE,
  due               TEXT NOT NULL CHECK (due GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                                         AND date(due) = due),
  learned           TEXT NOT NULL DEFAULT '',
  practice          TEXT NOT NULL DEFAULT '',
  shared_with       TEXT NOT NULL DEFAULT '',
  leader_comment    TEXT NOT NULL DEFAULT '',
  done_at           TEXT CHECK (done_at IS NULL OR
                      (done_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       AND date(done_at) = done_at)),
  done_by           INTEGER REFERENCES staff(id) ON DELETE RESTRICT,
  version           INTEGER NOT NULL DEFAULT 1,
  CHECK ((done_at IS NULL) = (done_by IS NULL))
) STRICT;
CREATE INDEX followup_due ON followup(done_at, due);

CREATE TABLE budget (
  unit_id  INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  year     INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2199),
  amount   INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 1000000000),
  version  INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (unit_id, year)
) STRICT;

-- Who changed what, when. Append-only: the triggers below refuse any change.
CREATE TABLE audit (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL DEFAULT (datetime('now')),
  login   TEXT NOT NULL,
  tbl     TEXT NOT NULL,
  row_id  INTEGER NOT NULL,
  action  TEXT NOT NULL CHECK (action IN ('create','update','delete')),
  old     TEXT,
  new     TEXT
) STRICT;
CREATE INDEX audit_row ON audit(tbl, row_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit records cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit records cannot be deleted'); END;

-- step 2
-- Follow-up delay per activity method (weeks after completion), and drafts of
-- open forms so that a dropped connection loses nothing.
CREATE TABLE method_followup (
  method  TEXT PRIMARY KEY CHECK (method IN ('diploma','course','theme_day',
            'conference','elearning','peer','network','supervision','other')),
  weeks   INTEGER NOT NULL DEFAULT 6 CHECK (weeks BETWEEN 0 AND 104),
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO method_followup(method, weeks) VALUES
  ('diploma',8),('course',6),('theme_day',4),('conference',6),('elearning',4),
  ('peer',4),('network',6),('supervision',6),('other',6);

CREATE TABLE draft (
  staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  form       TEXT NOT NULL,
  record_id  INTEGER NOT NULL DEFAULT 0,
  data       TEXT NOT NULL,
  saved_at   TEXT NOT NULL DEFAULT (datetime('now')),
  PRIMARY KEY (staff_id, form, record_id)
) STRICT;

-- step 3
-- The yearly cycle. A follow-up may name the peer-training or network
-- session where what was learned was passed on to colleagues (such a
-- session is then itself the follow-up of the first activity). Indexes for
-- the overview (open requests in the order they came) and for finding the
-- goals removed from a plan after it was agreed.
ALTER TABLE followup ADD COLUMN shared_via INTEGER REFERENCES session(id) ON DELETE SET NULL;
CREATE INDEX followup_shared_via ON followup(shared_via);
CREATE INDEX participation_status ON participation(status, requested_at, id);
CREATE INDEX audit_action ON audit(tbl, action, id);

-- step 4
-- Drafts of open forms, kept per login rather than per staff record: a local
-- owner without a staff record types into forms too. The title names the
-- form when the next start offers to restore it. Drafts are scratch, not
-- records: never audited, deleted once the form is saved or thrown away.
-- (The step-2 table draft, keyed by staff record, stays unused.)
CREATE TABLE form_draft (
  login      TEXT NOT NULL CHECK (length(login) BETWEEN 1 AND 64),
  form       TEXT NOT NULL CHECK (length(form) BETWEEN 1 AND 40),
  record_id  INTEGER NOT NULL DEFAULT 0,
  title      TEXT NOT NULL DEFAULT '',
  data       TEXT NOT NULL,
  saved_at   TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(saved_at) = saved_at),
  PRIMARY KEY (login, form, record_id)
) STRICT;

-- step 5
-- Searching staff without reading everyone (issue 8): a trigram index over
-- the folded search text (staff.fold) finds three letters or more anywhere
-- in it; a word index with one- and two-letter prefixes finds words that
-- begin with one or two letters. The code that writes fold keeps both
-- (db_staff.c: triggers may not write to them while trusted_schema is
-- off); here they are filled for the staff already there.
CREATE VIRTUAL TABLE staff_search USING fts5(fold, tokenize = 'trigram');
CREATE VIRTUAL TABLE staff_words USING fts5(fold, tokenize = 'unicode61', prefix = '1 2',
  detail = none, content = '', columnsize = 0);
INSERT INTO staff_search(rowid, fold) SELECT id, fold FROM staff;
INSERT INTO staff_words(rowid, fold) SELECT id, fold FROM staff;
-- The reports read every participation, plan and person of a year (issue
-- 8): indexes that hold what they need, so they do not also read each row.
DROP INDEX participation_session;
CREATE INDEX participation_session ON participation(session_id, status, staff_id, price, goal_id);
DROP INDEX staff_unit;
CREATE INDEX staff_unit ON staff(unit_id, sort_key, id, active, profession_id);
DROP INDEX plan_year;
CREATE INDEX plan_year ON plan(year, status, staff_id);

-- step 6
-- The competence and focus-area reports read every goal of a year's plans
-- (issue 8): the goal index holds what they count, so that they do not
-- also read each goal's texts.
DROP INDEX goal_plan;
CREATE INDEX goal_plan ON goal(plan_id, pos, id, competence_id, status, focus_id);

-- step 7
-- The per-staff table draft was never written: drafts live in form_draft,
-- keyed by login, since a local owner without a staff record types into
-- forms too.
DROP TABLE draft;

-- step 8
-- Follow-up that reaches colleagues and daily practice. A follow-up moves
-- due -> written (written_at: the person wrote their part) -> closed
-- (done_at, by the leader), who may record how the unit puts it into
-- practice (action, action_date). Colleagues named on a follow-up each get
-- a part of their own: asked -> answered | declined (with a reason).
-- Settings of the follow-up the admin keeps: weeks before an overdue
-- follow-up shows at the leader's leader, weeks a colleague has to answer,
-- and weeks the leader has to close a written follow-up.
ALTER TABLE followup ADD COLUMN written_at TEXT CHECK (written_at IS NULL OR
  (written_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(written_at) = written_at));
ALTER TABLE followup ADD COLUMN action TEXT NOT NULL DEFAULT '' CHECK (length(action) <= 400);
ALTER TABLE followup ADD COLUMN action_date TEXT CHECK (action_date IS NULL OR
  (action_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(action_date) = action_date));
UPDATE followup SET written_at = coalesce(done_at, due) WHERE learned <> '' OR practice <> '';
-- The Overblik counts the written follow-ups waiting for their leader; this
-- index holds just those, so the count does not read every open one.
CREATE INDEX followup_written ON followup(due) WHERE done_at IS NULL AND written_at IS NOT NULL;

CREATE TABLE followup_colleague (
  id           INTEGER PRIMARY KEY,
  followup_id  INTEGER NOT NULL REFERENCES followup(id) ON DELETE CASCADE,
  staff_id     INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
  state        TEXT NOT NULL DEFAULT 'asked' CHECK (state IN ('asked','answered','declined')),
  due          TEXT NOT NULL CHECK (due GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                                    AND date(due) = due),
  seen         TEXT NOT NULL DEFAULT '',
  own_use      TEXT NOT NULL DEFAULT '',
  wants_more   INTEGER NOT NULL DEFAULT 0 CHECK (wants_more IN (0,1)),
  reason       TEXT NOT NULL DEFAULT '',
  asked_by     INTEGER REFERENCES staff(id) ON DELETE RESTRICT,
  asked_at     TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(asked_at) = asked_at),
  answered_at  TEXT CHECK (answered_at IS NULL OR
                 (answered_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                  AND date(answered_at) = answered_at)),
  version      INTEGER NOT NULL DEFAULT 1,
  UNIQUE (followup_id, staff_id),
  CHECK (state <> 'declined' OR length(reason) > 0),
  CHECK ((state = 'asked') = (answered_at IS NULL))
) STRICT;
CREATE INDEX followup_colleague_staff ON followup_colleague(staff_id, state, due);
-- The follow-up report counts each follow-up's parts by state from here.
CREATE INDEX followup_colleague_state ON followup_colleague(followup_id, state);

CREATE TABLE followup_setting (
  key      TEXT PRIMARY KEY CHECK (key IN ('escalate_weeks','colleague_weeks','close_weeks')),
  weeks    INTEGER NOT NULL CHECK (weeks BETWEEN 0 AND 104),
  version  INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO followup_setting(key, weeks) VALUES
  ('escalate_weeks', 4), ('colleague_weeks', 2), ('close_weeks', 2);

-- step 9
-- A draft remembers the version of the record it was taken from, so that
-- restoring it saves through the same version check as any save (someone
-- else's change after the draft asks first), and the scope it was taken
-- under ('admin', 'employee', or 'leader:' and the units led, as '12,15'):
-- a draft taken under another role or other units is never offered again.
-- Drafts from before this step have version 0 and no scope.
ALTER TABLE form_draft ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE form_draft ADD COLUMN scope TEXT NOT NULL DEFAULT '' CHECK (length(scope) <= 200);

-- step 10
-- Logins as a server joined to Active Directory gives them (sssd):
-- jens.hansen@kommune.local, up to 256 bytes, æøå and spaces inside. kup
-- keeps a login folded the way sssd folds it (lower case, src/base/login.c),
-- so plain equality and the UNIQUE index compare the way the system does;
-- the CHECK holds what SQL can see of that: no ':' (the passwd separator),
-- no control character, no space at either end, no ASCII capital. SQLite
-- cannot change a CHECK in place, so staff and form_draft are rebuilt the
-- way its manual says (the migration runs with foreign keys off and checks
-- them before it commits): same ids, columns, indexes and data.
CREATE TABLE staff_new (
  id             INTEGER PRIMARY KEY,
  login          TEXT UNIQUE CHECK (login IS NULL OR
                   (length(CAST(login AS BLOB)) BETWEEN 1 AND 256 AND login = lower(trim(login))
                    AND login NOT GLOB ('*[' || char(1) || '-' || char(31) || char(127) || ':]*'))),
  emp_no         TEXT UNIQUE CHECK (emp_no IS NULL OR length(emp_no) BETWEEN 1 AND 20),
  name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  initials       TEXT NOT NULL CHECK (length(initials) BETWEEN 1 AND 8),
  email          TEXT CHECK (email IS NULL OR email LIKE '%_@_%'),
  unit_id        INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
  profession_id  INTEGER REFERENCES profession(id) ON DELETE RESTRICT,
  role           TEXT NOT NULL DEFAULT 'employee'
                   CHECK (role IN ('employee','leader','admin')),
  title          TEXT NOT NULL DEFAULT '',
  employed_from  TEXT CHECK (employed_from IS NULL OR
                   (employed_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                    AND date(employed_from) = employed_from)),
  employed_to    TEXT CHECK (employed_to IS NULL OR
                   (employed_to GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                    AND date(employed_to) = employed_to)),
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  sort_key       TEXT NOT NULL,
  fold           TEXT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  CHECK (employed_to IS NULL OR employed_from IS NULL OR employed_to >= employed_from)
) STRICT;
INSERT INTO staff_new(id, login, emp_no, name, initials, email, unit_id, profession_id, role, title,
                      employed_from, employed_to, active, sort_key, fold, version)
  SELECT id, login, emp_no, name, initials, email, unit_id, profession_id, role, title,
         employed_from, employed_to, active, sort_key, fold, version FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;
CREATE INDEX staff_sort ON staff(sort_key, id);
CREATE INDEX staff_unit ON staff(unit_id, sort_key, id, active, profession_id);
CREATE INDEX staff_profession ON staff(profession_id);

CREATE TABLE form_draft_new (
  login      TEXT NOT NULL CHECK (length(CAST(login AS BLOB)) BETWEEN 1 AND 256),
  form       TEXT NOT NULL CHECK (length(form) BETWEEN 1 AND 40),
  record_id  INTEGER NOT NULL DEFAULT 0,
  title      TEXT NOT NULL DEFAULT '',
  data       TEXT NOT NULL,
  saved_at   TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(saved_at) = saved_at),
  version    INTEGER NOT NULL DEFAULT 0,
  scope      TEXT NOT NULL DEFAULT '' CHECK (length(scope) <= 200),
  PRIMARY KEY (login, form, record_id)
) STRICT;
INSERT INTO form_draft_new(login, form, record_id, title, data, saved_at, version, scope)
  SELECT login, form, record_id, title, data, saved_at, version, scope FROM form_draft;
DROP TABLE form_draft;
ALTER TABLE form_draft_new RENAME TO form_draft;

-- step 11
-- Who read whose plan, goals, evaluation or follow-up (GDPR: a person may
-- ask who has looked at their records). One row per reader, person and
-- kind of reading within ten minutes; kup writes the rows in small batches
-- and deletes those older than kup.conf's access_log_days (365 by
-- default). reader is the reader's login as it was (a local owner has no
-- staff record: reader_id NULL); the rows of an erased or deleted person
-- go with them.
CREATE TABLE access_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL CHECK (datetime(at) = at),
  reader_id  INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  reader     TEXT NOT NULL CHECK (length(CAST(reader AS BLOB)) BETWEEN 1 AND 256),
  subject_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  what       TEXT NOT NULL CHECK (what IN ('plan','goal','evaluation','followup','print','export'))
) STRICT;
CREATE INDEX access_log_subject ON access_log(subject_id, at, id);
CREATE INDEX access_log_at ON access_log(at);
CREATE INDEX access_log_reader ON access_log(reader_id);

-- step 12
-- Erasure (GDPR art. 17): when a person who has left is erased, the audit
-- rows that hold their personal data are redacted — every text value in
-- old/new becomes '[slettet]', the login becomes '[slettet]', ids and
-- numbers stay (so the history still links records and reports still
-- count) — and nothing else may ever change in the audit. The erase code
-- names the rows it redacts in audit_redaction inside its one transaction
-- and empties the table before it commits, so the table is empty between
-- transactions; a trigger in the database cannot see a connection's TEMP
-- table, hence a real one. Only json_each may be used here (the scalar JSON
-- functions are not allowed in a trigger while trusted_schema is off); it
-- refuses a value that is not JSON. The new trigger still refuses any change to a
-- row not named there, to id, at, tbl, row_id or action, and any value
-- that is not the same or the marker (same keys, same types); deleting is
-- refused as before.
CREATE TABLE audit_redaction (
  audit_id  INTEGER PRIMARY KEY
) STRICT;
DROP TRIGGER audit_no_update;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  WHEN NOT (OLD.id IN (SELECT audit_id FROM audit_redaction)
    AND NEW.id = OLD.id AND NEW.at IS OLD.at AND NEW.tbl IS OLD.tbl
    AND NEW.row_id IS OLD.row_id AND NEW.action IS OLD.action
    AND (NEW.login IS OLD.login OR NEW.login = '[slettet]')
    AND (NEW.old IS OLD.old OR (OLD.old IS NOT NULL AND NEW.old IS NOT NULL
      AND (SELECT count(*) FROM json_each(NEW.old)) = (SELECT count(*) FROM json_each(OLD.old))
      AND NOT EXISTS (SELECT 1 FROM json_each(OLD.old) o LEFT JOIN json_each(NEW.old) n ON n.key = o.key
        WHERE n.key IS NULL OR ((n.type IS NOT o.type OR n.value IS NOT o.value)
          AND NOT (o.type = 'text' AND n.type = 'text' AND n.value = '[slettet]')))))
    AND (NEW.new IS OLD.new OR (OLD.new IS NOT NULL AND NEW.new IS NOT NULL
      AND (SELECT count(*) FROM json_each(NEW.new)) = (SELECT count(*) FROM json_each(OLD.new))
      AND NOT EXISTS (SELECT 1 FROM json_each(OLD.new) o LEFT JOIN json_each(NEW.new) n ON n.key = o.key
        WHERE n.key IS NULL OR ((n.type IS NOT o.type OR n.value IS NOT o.value)
          AND NOT (o.type = 'text' AND n.type = 'text' AND n.value = '[slettet]'))))))
  BEGIN SELECT RAISE(ABORT, 'audit records cannot be changed'); END;
