import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts, sessions, sign-in throttling and the insert-only, hash-chained audit log. */
export class Foundation1764806400000 implements MigrationInterface {
  name = 'Foundation1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text NOT NULL,
        email text NOT NULL,
        roles text[] NOT NULL,
        status text NOT NULL DEFAULT 'active',
        password_hash text NOT NULL,
        must_change_password boolean NOT NULL DEFAULT true,
        password_changed_at timestamptz,
        mfa_secret bytea,
        mfa_pending_secret bytea,
        mfa_enrolled_at timestamptz,
        totp_last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_staff PRIMARY KEY (id),
        CONSTRAINT uq_staff_username UNIQUE (username),
        CONSTRAINT ck_staff_username CHECK (username ~ '^[a-z][a-z0-9._-]{2,31}$'),
        CONSTRAINT ck_staff_status CHECK (status IN ('active', 'disabled')),
        CONSTRAINT ck_staff_roles CHECK (
          cardinality(roles) >= 1 AND
          roles <@ ARRAY['records_officer','helpdesk_agent','key_admin','auditor','staff_admin']::text[]),
        CONSTRAINT ck_staff_display_name CHECK (length(display_name) BETWEEN 1 AND 120),
        CONSTRAINT ck_staff_email CHECK (length(email) BETWEEN 3 AND 254)
      )`);
    await q.query(`
      CREATE TABLE staff_recovery_code (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        staff_id uuid NOT NULL,
        code_hash bytea NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_staff_recovery_code PRIMARY KEY (id),
        CONSTRAINT fk_staff_recovery_code_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE,
        CONSTRAINT uq_staff_recovery_code_hash UNIQUE (staff_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE staff_session (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        staff_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        csrf_hash bytea NOT NULL,
        stage text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text,
        client_address text,
        user_agent text,
        CONSTRAINT pk_staff_session PRIMARY KEY (id),
        CONSTRAINT fk_staff_session_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE,
        CONSTRAINT uq_staff_session_token_hash UNIQUE (token_hash),
        CONSTRAINT ck_staff_session_stage CHECK (stage IN ('mfa', 'password_change', 'mfa_enrolment', 'active')),
        CONSTRAINT ck_staff_session_end_reason CHECK (end_reason IS NULL OR end_reason IN
          ('signed_out', 'idle_timeout', 'absolute_timeout', 'ended_by_user', 'account_disabled', 'mfa_reset',
           'password_changed', 'password_reset', 'roles_changed'))
      )`);
    await q.query(`CREATE INDEX ix_staff_session_staff_open ON staff_session (staff_id) WHERE ended_at IS NULL`);
    await q.query(`
      CREATE TABLE sign_in_throttle (
        key text NOT NULL,
        failures integer NOT NULL DEFAULT 0,
        last_failure_at timestamptz,
        blocked_until timestamptz,
        CONSTRAINT pk_sign_in_throttle PRIMARY KEY (key)
      )`);
    await q.query(`
      CREATE TABLE audit_event (
        seq bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        actor_username text,
        actor_roles text[] NOT NULL DEFAULT '{}',
        action text NOT NULL,
        target_type text,
        target_id text,
        outcome text NOT NULL,
        reason text,
        request_id text,
        client_address text,
        user_agent text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT pk_audit_event PRIMARY KEY (seq),
        CONSTRAINT uq_audit_event_hash UNIQUE (hash),
        CONSTRAINT ck_audit_event_outcome CHECK (outcome IN ('success', 'denied', 'failed')),
        CONSTRAINT ck_audit_event_seq CHECK (seq >= 1)
      )`);
    await q.query(`CREATE INDEX ix_audit_event_occurred_at ON audit_event (occurred_at)`);
    await q.query(`CREATE INDEX ix_audit_event_actor ON audit_event (lower(actor_username), seq)`);
    await q.query(`CREATE INDEX ix_audit_event_action ON audit_event (action, seq)`);
    await q.query(`CREATE INDEX ix_audit_event_target ON audit_event (target_type, target_id, seq)`);
    // Insert-only: the database itself refuses UPDATE, DELETE and TRUNCATE of audit rows.
    await q.query(`
      CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()`);
    await q.query(`
      CREATE TRIGGER tg_audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()`);
    // Where the deployment connects as a separate application role, that role gets no UPDATE/DELETE/TRUNCATE.
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tessera_app') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM tessera_app;
          GRANT SELECT, INSERT ON audit_event TO tessera_app;
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_refuse_change()`);
    await q.query(`DROP TABLE sign_in_throttle`);
    await q.query(`DROP TABLE staff_session`);
    await q.query(`DROP TABLE staff_recovery_code`);
    await q.query(`DROP TABLE staff`);
  }
}
