import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issuer signing keys and their lifecycle, two-person revocation for compromise, the issuer's rid secret, issued
 * cards (the JWS envelope-encrypted: it holds PHI), and the resident portal's machine credentials.
 */
export class KeysCards1764979200000 implements MigrationInterface {
  name = 'KeysCards1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE issuer_key (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kid text NOT NULL,
        public_jwk jsonb NOT NULL,
        store text NOT NULL DEFAULT 'software',
        -- the key store's reference to the private key (software store: the envelope-sealed private JWK); NULL once destroyed
        private_ref bytea,
        state text NOT NULL DEFAULT 'created',
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid,
        activated_at timestamptz,
        retired_at timestamptz,
        revoked_at timestamptz,
        private_destroyed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_issuer_key PRIMARY KEY (id),
        CONSTRAINT uq_issuer_key_kid UNIQUE (kid),
        CONSTRAINT fk_issuer_key_created_by FOREIGN KEY (created_by) REFERENCES staff (id),
        CONSTRAINT ck_issuer_key_state CHECK (state IN ('created', 'active', 'retired', 'revoked')),
        CONSTRAINT ck_issuer_key_kid CHECK (kid ~ '^[A-Za-z0-9_-]{43}$'),
        CONSTRAINT ck_issuer_key_private CHECK ((private_ref IS NULL) = (private_destroyed_at IS NOT NULL)),
        CONSTRAINT ck_issuer_key_active_dates CHECK (state <> 'active' OR activated_at IS NOT NULL),
        CONSTRAINT ck_issuer_key_no_private_member CHECK (NOT (public_jwk ? 'd'))
      )`);
    // Exactly one active key at a time (activating one retires the previous in the same transaction).
    await q.query(`CREATE UNIQUE INDEX uq_issuer_key_one_active ON issuer_key ((true)) WHERE state = 'active'`);

    await q.query(`
      CREATE TABLE issuer_key_revocation (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        key_id uuid NOT NULL,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        reason text NOT NULL,
        decision text,
        decided_by uuid,
        decided_at timestamptz,
        decision_reason text,
        CONSTRAINT pk_issuer_key_revocation PRIMARY KEY (id),
        CONSTRAINT fk_issuer_key_revocation_key FOREIGN KEY (key_id) REFERENCES issuer_key (id),
        CONSTRAINT fk_issuer_key_revocation_requested_by FOREIGN KEY (requested_by) REFERENCES staff (id),
        CONSTRAINT fk_issuer_key_revocation_decided_by FOREIGN KEY (decided_by) REFERENCES staff (id),
        CONSTRAINT ck_issuer_key_revocation_decision CHECK (decision IS NULL OR decision IN ('approve', 'reject')),
        CONSTRAINT ck_issuer_key_revocation_decided CHECK ((decision IS NULL) = (decided_by IS NULL) AND (decision IS NULL) = (decided_at IS NULL)),
        -- two people: the approver is never the requester
        CONSTRAINT ck_issuer_key_revocation_two_people CHECK (decided_by IS NULL OR decided_by <> requested_by)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_issuer_key_revocation_pending ON issuer_key_revocation (key_id) WHERE decision IS NULL`);

    // Named secrets of the issuer (the rid HMAC secret), envelope-sealed; old ones are kept to recompute old rids.
    await q.query(`
      CREATE TABLE issuer_secret (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        purpose text NOT NULL,
        sealed bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        CONSTRAINT pk_issuer_secret PRIMARY KEY (id),
        CONSTRAINT ck_issuer_secret_purpose CHECK (purpose IN ('rid'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_issuer_secret_current ON issuer_secret (purpose) WHERE retired_at IS NULL`);

    await q.query(`
      CREATE TABLE portal_client (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid,
        revoked_at timestamptz,
        revoked_by uuid,
        last_used_at timestamptz,
        CONSTRAINT pk_portal_client PRIMARY KEY (id),
        CONSTRAINT uq_portal_client_name UNIQUE (name),
        CONSTRAINT fk_portal_client_created_by FOREIGN KEY (created_by) REFERENCES staff (id),
        CONSTRAINT fk_portal_client_revoked_by FOREIGN KEY (revoked_by) REFERENCES staff (id)
      )`);

    await q.query(`
      CREATE TABLE card (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        key_id uuid NOT NULL,
        kid text NOT NULL,
        rid text NOT NULL,
        nbf timestamptz NOT NULL,
        immunization_ids uuid[] NOT NULL,
        channel text NOT NULL,
        issued_by uuid,
        portal_client_id uuid,
        issued_at timestamptz NOT NULL DEFAULT now(),
        jws_sealed bytea NOT NULL,
        jws_length integer NOT NULL,
        qr_version integer NOT NULL,
        CONSTRAINT pk_card PRIMARY KEY (id),
        CONSTRAINT fk_card_person FOREIGN KEY (person_id) REFERENCES person (id),
        CONSTRAINT fk_card_key FOREIGN KEY (key_id) REFERENCES issuer_key (id),
        CONSTRAINT fk_card_issued_by FOREIGN KEY (issued_by) REFERENCES staff (id),
        CONSTRAINT fk_card_portal_client FOREIGN KEY (portal_client_id) REFERENCES portal_client (id),
        CONSTRAINT ck_card_channel CHECK (channel IN ('helpdesk', 'portal', 'print', 'bulk')),
        CONSTRAINT ck_card_rid CHECK (rid ~ '^[A-Za-z0-9_-]{1,24}$'),
        CONSTRAINT ck_card_doses CHECK (cardinality(immunization_ids) >= 1),
        CONSTRAINT ck_card_qr_version CHECK (qr_version BETWEEN 1 AND 22),
        CONSTRAINT ck_card_issuer CHECK ((channel = 'portal') = (portal_client_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_card_person ON card (person_id, issued_at)`);
    await q.query(`CREATE INDEX ix_card_key ON card (key_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['card', 'portal_client', 'issuer_secret', 'issuer_key_revocation', 'issuer_key']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
