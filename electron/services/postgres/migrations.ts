/**
 * The team database's schema, one migration a version. Each is applied in
 * a transaction of its own by `migrate` (schema-version.ts); a released one
 * is never edited — a change is a new version (a test replays every earlier
 * version and checks the result equals the schema made from empty).
 *
 * Everything lives in the schema `asystent`. The application's logins are
 * members of three group roles, which say what a login may do:
 *   asystent_clerk     inserts its own records, reads its own rows;
 *   asystent_lead      also reads its office's rows and removes months past retention;
 *   asystent_regional  reads the rows of every office it is a member of.
 * Which offices a login belongs to is `asystent.members`; which clerk a
 * login writes as is bound once by the clerk's app (`asystent.bind_clerk`).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const V1_CALLS = `
DO $$
BEGIN
  IF current_setting('server_encoding') <> 'UTF8' THEN
    RAISE EXCEPTION 'asystent: the database must be in UTF8, not %', current_setting('server_encoding');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'asystent_clerk') THEN CREATE ROLE asystent_clerk NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'asystent_lead') THEN CREATE ROLE asystent_lead NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'asystent_regional') THEN CREATE ROLE asystent_regional NOLOGIN; END IF;
END $$;

-- Offices a login belongs to: a clerk's and a lead's one, a regional login's several.
CREATE TABLE asystent.members (
  login name NOT NULL,
  office_id text NOT NULL CHECK (office_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  PRIMARY KEY (login, office_id)
);

-- The clerk a login writes as: bound by the clerk's app on first use, never moved; one login per clerk
-- (a second login cannot take over a colleague's rows by naming the colleague's id).
CREATE TABLE asystent.clerk_bindings (
  login name PRIMARY KEY,
  clerk_id uuid NOT NULL UNIQUE,
  bound_at timestamptz NOT NULL DEFAULT now()
);

-- Each clerk-month's chain: the hash of its newest line, what the next record must chain to.
CREATE TABLE asystent.chain_heads (
  office_id text NOT NULL,
  clerk_id uuid NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  head text NOT NULL,
  lines integer NOT NULL DEFAULT 0,
  -- Removed by retention: it takes no more records (a copy delivered late would start its chain again).
  removed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (office_id, clerk_id, month)
);

-- One journal line a row, exactly as the clerk's journal wrote it (the hash covers these bytes).
CREATE TABLE asystent.calls (
  id uuid PRIMARY KEY,
  office_id text NOT NULL,
  clerk_id uuid NOT NULL,
  month text NOT NULL,
  -- Its place in the clerk-month's chain, from 1 (the order the engine took them in).
  line_no integer NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  -- A record is at most 64 Ki characters, the journal's own bound (MAX_RECORD_CHARS): nobody fills the table with one line.
  line text NOT NULL CHECK (char_length(line) <= 65536),
  record jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  received_by name NOT NULL
);
CREATE UNIQUE INDEX calls_by_chain ON asystent.calls (office_id, clerk_id, month, line_no);

CREATE FUNCTION asystent.genesis_hash(clerk uuid, month text) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $f$ SELECT encode(sha256(convert_to('asystent-rozmow|' || clerk::text || '|' || month, 'UTF8')), 'hex') $f$;

-- The clerk this login writes as, bound now if it is not yet; a login bound to another clerk gets the other.
CREATE FUNCTION asystent.bind_clerk(clerk uuid) RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, asystent
  AS $f$
BEGIN
  -- Neither a login bound before nor a clerk bound to another login is bound again: the answer says which it is (null: the clerk is another login's).
  INSERT INTO asystent.clerk_bindings (login, clerk_id) VALUES (session_user, clerk) ON CONFLICT DO NOTHING;
  RETURN (SELECT clerk_id FROM asystent.clerk_bindings WHERE login = session_user);
END $f$;

-- Takes the clerk-month's chain for this transaction (made at its genesis if new) and answers its head; a month retention removed is refused.
CREATE FUNCTION asystent.lock_chain(office text, clerk uuid, for_month text) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, asystent
  AS $f$
DECLARE
  found asystent.chain_heads;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM asystent.members m WHERE m.login = session_user AND m.office_id = office)
     OR NOT EXISTS (SELECT 1 FROM asystent.clerk_bindings b WHERE b.login = session_user AND b.clerk_id = clerk) THEN
    RAISE EXCEPTION 'asystent: % does not write as clerk % of office %', session_user, clerk, office USING ERRCODE = '42501';
  END IF;
  IF for_month > to_char(now() AT TIME ZONE 'UTC' + interval '1 month', 'YYYY-MM') THEN
    RAISE EXCEPTION 'asystent: month % is in the future', for_month USING ERRCODE = '23514';
  END IF;
  INSERT INTO asystent.chain_heads (office_id, clerk_id, month, head) VALUES (office, clerk, for_month, asystent.genesis_hash(clerk, for_month))
    ON CONFLICT DO NOTHING;
  SELECT * INTO found FROM asystent.chain_heads h WHERE h.office_id = office AND h.clerk_id = clerk AND h.month = for_month FOR UPDATE;
  IF found.removed THEN
    RAISE EXCEPTION 'asystent: month % of clerk % was removed by retention', for_month, clerk USING ERRCODE = '23514';
  END IF;
  RETURN found.head;
END $f$;

-- A row is taken only if it chains to its clerk-month's head and says what its columns say.
CREATE FUNCTION asystent.calls_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, asystent
  AS $f$
DECLARE
  current_head text;
  current_lines integer;
  month_removed boolean;
  body jsonb;
  saved_at timestamptz;
BEGIN
  IF NEW.month > to_char(now() AT TIME ZONE 'UTC' + interval '1 month', 'YYYY-MM') THEN
    RAISE EXCEPTION 'asystent: month % is in the future', NEW.month USING ERRCODE = '23514';
  END IF;
  -- The id is held for this transaction before it is looked for: a second insert of it, in any month, waits for the
  -- first to end and then finds it — so nothing is checked, or moved, for a row an ON CONFLICT will not insert.
  PERFORM pg_advisory_xact_lock(('x' || substr(md5(NEW.id::text), 1, 16))::bit(64)::bigint);
  SELECT head, lines, removed INTO current_head, current_lines, month_removed FROM asystent.chain_heads h
    WHERE h.office_id = NEW.office_id AND h.clerk_id = NEW.clerk_id AND h.month = NEW.month FOR UPDATE;
  -- The same id again: nothing is inserted (INSERT … ON CONFLICT DO NOTHING), and the chain does not move.
  IF EXISTS (SELECT 1 FROM asystent.calls c WHERE c.id = NEW.id) THEN
    RETURN NULL;
  END IF;
  IF month_removed THEN
    RAISE EXCEPTION 'asystent: month % of clerk % was removed by retention', NEW.month, NEW.clerk_id USING ERRCODE = '23514';
  END IF;
  IF current_head IS NULL THEN
    current_head := asystent.genesis_hash(NEW.clerk_id, NEW.month);
    current_lines := 0;
    INSERT INTO asystent.chain_heads (office_id, clerk_id, month, head) VALUES (NEW.office_id, NEW.clerk_id, NEW.month, current_head);
  END IF;
  IF NEW.prev_hash IS DISTINCT FROM current_head THEN
    RAISE EXCEPTION 'asystent: record % does not chain to the head of %/%', NEW.id, NEW.clerk_id, NEW.month USING ERRCODE = '23514';
  END IF;
  BEGIN
    body := NEW.line::jsonb;
    -- A moment as the app writes one (ISO 8601 in UTC): not 'infinity', 'today' or a local time.
    IF (body->>'savedAt') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z$' THEN
      RAISE EXCEPTION 'no time';
    END IF;
    saved_at := (body->>'savedAt')::timestamptz;
  EXCEPTION WHEN others THEN
    RAISE EXCEPTION 'asystent: record % is not JSON of a record', NEW.id USING ERRCODE = '23514';
  END;
  IF body->>'id' IS DISTINCT FROM NEW.id::text
     OR body->>'prevHash' IS DISTINCT FROM NEW.prev_hash
     OR body->'clerk'->>'id' IS DISTINCT FROM NEW.clerk_id::text
     OR body->>'schemaVersion' IS DISTINCT FROM '1'
     OR saved_at IS NULL
     -- The month is the office's local one: at most a month's edge away from UTC's.
     OR abs(to_date(to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM'), 'YYYY-MM') - to_date(NEW.month, 'YYYY-MM')) > 31 THEN
    RAISE EXCEPTION 'asystent: record % does not match its columns', NEW.id USING ERRCODE = '23514';
  END IF;
  NEW.record := body;
  NEW.line_no := current_lines + 1;
  NEW.hash := encode(sha256(convert_to(NEW.line, 'UTF8')), 'hex');
  NEW.received_at := now();
  NEW.received_by := session_user;
  -- Moved here, row by row, so that several lines of a chain go in one statement (a bulk load) in their order.
  UPDATE asystent.chain_heads h SET head = NEW.hash, lines = NEW.line_no
    WHERE h.office_id = NEW.office_id AND h.clerk_id = NEW.clerk_id AND h.month = NEW.month;
  RETURN NEW;
END $f$;

CREATE TRIGGER calls_chain BEFORE INSERT ON asystent.calls FOR EACH ROW EXECUTE FUNCTION asystent.calls_chain();

-- Append-only: no row is changed; a row is removed only by retention (asystent.remove_months_before), never by hand.
CREATE FUNCTION asystent.calls_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $f$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('asystent.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'asystent: the calls table is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END $f$;

CREATE TRIGGER calls_append_only BEFORE UPDATE OR DELETE ON asystent.calls FOR EACH ROW EXECUTE FUNCTION asystent.calls_append_only();
CREATE TRIGGER calls_no_truncate BEFORE TRUNCATE ON asystent.calls FOR EACH STATEMENT EXECUTE FUNCTION asystent.calls_append_only();
`;

const V2_ACCESS = `
ALTER TABLE asystent.calls ENABLE ROW LEVEL SECURITY;
ALTER TABLE asystent.chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE asystent.members ENABLE ROW LEVEL SECURITY;
ALTER TABLE asystent.clerk_bindings ENABLE ROW LEVEL SECURITY;

GRANT USAGE ON SCHEMA asystent TO asystent_clerk, asystent_lead, asystent_regional;
REVOKE ALL ON ALL TABLES IN SCHEMA asystent FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA asystent FROM PUBLIC;

-- Every login may ask which version the schema is at (the app checks before it writes).
GRANT SELECT ON asystent.schema_migrations TO asystent_clerk, asystent_lead, asystent_regional;

-- A login sees where it belongs and which clerk it writes as.
GRANT SELECT ON asystent.members, asystent.clerk_bindings TO asystent_clerk, asystent_lead, asystent_regional;
CREATE POLICY own_memberships ON asystent.members FOR SELECT USING (login = current_user);
CREATE POLICY own_binding ON asystent.clerk_bindings FOR SELECT USING (login = current_user);

-- Clerks (and leads, who take calls too) insert their own records; nobody updates or deletes.
GRANT SELECT, INSERT ON asystent.calls TO asystent_clerk, asystent_lead;
GRANT SELECT ON asystent.calls, asystent.chain_heads TO asystent_regional, asystent_lead;
GRANT SELECT ON asystent.chain_heads TO asystent_clerk;
GRANT EXECUTE ON FUNCTION asystent.bind_clerk(uuid), asystent.lock_chain(text, uuid, text) TO asystent_clerk, asystent_lead;

CREATE FUNCTION asystent.my_offices() RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, asystent
  AS $f$ SELECT office_id FROM asystent.members WHERE login = session_user $f$;
CREATE FUNCTION asystent.my_clerk() RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, asystent
  AS $f$ SELECT clerk_id FROM asystent.clerk_bindings WHERE login = session_user $f$;
GRANT EXECUTE ON FUNCTION asystent.my_offices(), asystent.my_clerk() TO asystent_clerk, asystent_lead, asystent_regional;

-- Each function wrapped in a sub-select: evaluated once a query, not once a row (a register reads a million rows).
CREATE POLICY insert_own ON asystent.calls FOR INSERT
  WITH CHECK (office_id IN (SELECT asystent.my_offices()) AND clerk_id = (SELECT asystent.my_clerk()));
CREATE POLICY read_own ON asystent.calls FOR SELECT
  USING (office_id IN (SELECT asystent.my_offices()) AND clerk_id = (SELECT asystent.my_clerk()));
CREATE POLICY read_office ON asystent.calls FOR SELECT
  USING (office_id IN (SELECT asystent.my_offices()) AND (SELECT pg_has_role(current_user, 'asystent_lead', 'MEMBER') OR pg_has_role(current_user, 'asystent_regional', 'MEMBER')));
CREATE POLICY own_heads ON asystent.chain_heads FOR SELECT
  USING (office_id IN (SELECT asystent.my_offices()) AND clerk_id = (SELECT asystent.my_clerk()));
CREATE POLICY heads_of_office ON asystent.chain_heads FOR SELECT
  USING (office_id IN (SELECT asystent.my_offices()) AND (SELECT pg_has_role(current_user, 'asystent_lead', 'MEMBER') OR pg_has_role(current_user, 'asystent_regional', 'MEMBER')));
`;

const V3_RETENTION = `
-- What retention removed, kept as the journal keeps its retention records: by whom, when, how many.
CREATE TABLE asystent.removals (
  office_id text NOT NULL,
  clerk_id uuid NOT NULL,
  month text NOT NULL,
  records integer NOT NULL,
  removed_by name NOT NULL,
  removed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (office_id, clerk_id, month)
);
ALTER TABLE asystent.removals ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON asystent.removals TO asystent_lead, asystent_regional;
CREATE POLICY removals_of_office ON asystent.removals FOR SELECT USING (office_id IN (SELECT asystent.my_offices()));

-- Removes an office's months before the first kept one, whole, each recorded in asystent.removals.
CREATE FUNCTION asystent.remove_months_before(office text, first_kept text) RETURNS SETOF asystent.removals
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, asystent
  AS $f$
DECLARE
  expired record;
  removed asystent.removals;
BEGIN
  IF first_kept !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN
    RAISE EXCEPTION 'asystent: % is not a month', first_kept USING ERRCODE = '22023';
  END IF;
  -- Never this month or a later one: a month still being written is not past any retention.
  IF first_kept > to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM') THEN
    RAISE EXCEPTION 'asystent: % is not a past month', first_kept USING ERRCODE = '22023';
  END IF;
  IF NOT pg_has_role(session_user, 'asystent_lead', 'MEMBER')
     OR NOT EXISTS (SELECT 1 FROM asystent.members m WHERE m.login = session_user AND m.office_id = office) THEN
    RAISE EXCEPTION 'asystent: % is not a lead of office %', session_user, office USING ERRCODE = '42501';
  END IF;
  PERFORM set_config('asystent.retention', 'on', true);
  FOR expired IN
    SELECT h.clerk_id, h.month FROM asystent.chain_heads h
    WHERE h.office_id = office AND h.month < first_kept AND NOT h.removed
    ORDER BY h.month, h.clerk_id FOR UPDATE
  LOOP
    WITH gone AS (DELETE FROM asystent.calls c WHERE c.office_id = office AND c.clerk_id = expired.clerk_id AND c.month = expired.month RETURNING 1)
    INSERT INTO asystent.removals (office_id, clerk_id, month, records, removed_by)
      SELECT office, expired.clerk_id, expired.month, count(*), session_user FROM gone
      RETURNING * INTO removed;
    UPDATE asystent.chain_heads h SET removed = true WHERE h.office_id = office AND h.clerk_id = expired.clerk_id AND h.month = expired.month;
    RETURN NEXT removed;
  END LOOP;
  PERFORM set_config('asystent.retention', 'off', true);
END $f$;
REVOKE ALL ON FUNCTION asystent.remove_months_before(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION asystent.remove_months_before(text, text) TO asystent_lead;
`;

const V4_READER_FACTS = `
-- What a reader's app made of each record it read (the register's row: its figures judged against that
-- app's checklists), so the next opening reads only what is new. Derived, never evidence: each reader
-- keeps its own (nobody reads or writes another's, so nobody's figures can be forged by someone else),
-- made again when its app judges differently (another version). Removed with its record.
CREATE TABLE asystent.record_facts (
  reader name NOT NULL DEFAULT current_user,
  record_id uuid NOT NULL REFERENCES asystent.calls (id) ON DELETE CASCADE,
  version text NOT NULL,
  office_id text NOT NULL,
  clerk_id uuid NOT NULL,
  month text NOT NULL,
  line_no integer NOT NULL,
  type text NOT NULL,
  -- What is wrong with the row as read (a journal problem kind), or null.
  problem text,
  clerk_name text,
  started_at timestamptz,
  saved_at timestamptz,
  direction text,
  duration_sec integer,
  outcome text,
  routed_unit_id text,
  routed_unit_name text,
  routed_external boolean,
  appointment_at timestamptz,
  callback_due_at timestamptz,
  callback_of uuid,
  outbound_person text,
  personal_data boolean,
  judged boolean,
  greeting boolean,
  score double precision,
  trust text,
  item_ids text[],
  item_labels text[],
  states text,
  change_kind text,
  change_due_at timestamptz,
  -- The row's hash when the facts were made: a row changed since (under the engine) is read again.
  hash text NOT NULL,
  made_at timestamptz NOT NULL DEFAULT now(),
  -- Kept per version: one login on two computers with different versions of the app does not undo the other's.
  PRIMARY KEY (reader, version, record_id)
);
-- The register's rows (callsOf in pg-register-sql.ts), newest first: the first page without a sort of every row.
CREATE INDEX record_facts_by_start ON asystent.record_facts (reader, version, started_at DESC, record_id) WHERE type = 'call' AND started_at IS NOT NULL;
CREATE INDEX record_facts_problems ON asystent.record_facts (reader, version) WHERE problem IS NOT NULL;
CREATE INDEX record_facts_by_callback ON asystent.record_facts (reader, version, callback_of) WHERE callback_of IS NOT NULL;
CREATE INDEX record_facts_by_record ON asystent.record_facts (record_id);
ALTER TABLE asystent.record_facts ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, DELETE ON asystent.record_facts TO asystent_clerk, asystent_lead, asystent_regional;
-- A reader's own facts, and of those only what the login may read now (as the calls' own policies say): a lead
-- moved to another office, demoted to a clerk, or a login made again under an old name sees none of the rest.
CREATE POLICY own_facts ON asystent.record_facts
  USING (reader = current_user AND office_id IN (SELECT asystent.my_offices())
         AND (clerk_id = (SELECT asystent.my_clerk()) OR (SELECT pg_has_role(current_user, 'asystent_lead', 'MEMBER') OR pg_has_role(current_user, 'asystent_regional', 'MEMBER'))))
  WITH CHECK (reader = current_user AND EXISTS (SELECT 1 FROM asystent.calls c WHERE c.id = record_id AND c.office_id = record_facts.office_id AND c.clerk_id = record_facts.clerk_id));
`;

const V5_SEARCH_MISSES = `
-- The searches each clerk left without a result, by month and phrase, for the lead's report: the phrase is the
-- query's folded words with identifiers and names left out by the app (shared/directory/search-misses.ts), so
-- no client data; no call id, no time but the month. The clerk's app sends its month's counts again and again
-- (the larger count stays), so a lost send costs nothing.
CREATE TABLE asystent.search_misses (
  office_id text NOT NULL,
  clerk_id uuid NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  phrase text NOT NULL CHECK (length(phrase) BETWEEN 3 AND 400),
  count integer NOT NULL CHECK (count > 0),
  PRIMARY KEY (office_id, month, clerk_id, phrase)
);
ALTER TABLE asystent.search_misses ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE (count) ON asystent.search_misses TO asystent_clerk, asystent_lead;
GRANT SELECT ON asystent.search_misses TO asystent_regional;
CREATE POLICY own_misses ON asystent.search_misses
  USING (office_id IN (SELECT asystent.my_offices()) AND clerk_id = (SELECT asystent.my_clerk()))
  WITH CHECK (office_id IN (SELECT asystent.my_offices()) AND clerk_id = (SELECT asystent.my_clerk()));
CREATE POLICY misses_of_office ON asystent.search_misses FOR SELECT
  USING (office_id IN (SELECT asystent.my_offices()) AND (SELECT pg_has_role(current_user, 'asystent_lead', 'MEMBER') OR pg_has_role(current_user, 'asystent_regional', 'MEMBER')));
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'calls, chains, append-only', sql: V1_CALLS },
  { version: 2, name: 'roles and row-level security', sql: V2_ACCESS },
  { version: 3, name: 'retention by whole months', sql: V3_RETENTION },
  { version: 4, name: 'what each reader made of the records', sql: V4_READER_FACTS },
  { version: 5, name: "searches left without a result, for the lead's report", sql: V5_SEARCH_MISSES },
];

/** The newest schema this app knows; a database at a newer one is refused. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
