import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells every server process, through `NOTIFY tessera_auth_changed` (payload: the staff id), when a staff account
 * or one of its sessions changes: ended, advanced, disabled, roles or MFA changed, whoever made the change (a
 * server, the command line or plain SQL). The processes keep a short cache of resolved sessions and drop a staff
 * member's entries on that signal, so a revoked session stops working everywhere at once. The throttled
 * `last_seen_at` bump is the one change that does not signal.
 */
export class AuthChangeNotify1765065600000 implements MigrationInterface {
  name = 'AuthChangeNotify1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('tessera_auth_changed', '*'); -- TRUNCATE: every entry
        ELSIF TG_TABLE_NAME = 'staff_session' THEN
          IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'last_seen_at') = (to_jsonb(OLD) - 'last_seen_at') THEN
            RETURN NULL;
          END IF;
          PERFORM pg_notify('tessera_auth_changed', COALESCE(NEW.staff_id, OLD.staff_id)::text);
        ELSE
          PERFORM pg_notify('tessera_auth_changed', COALESCE(NEW.id, OLD.id)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_staff_session_auth_changed AFTER UPDATE OR DELETE ON staff_session
      FOR EACH ROW EXECUTE FUNCTION notify_auth_changed()`);
    await q.query(`CREATE TRIGGER trg_staff_auth_changed AFTER UPDATE OR DELETE ON staff
      FOR EACH ROW EXECUTE FUNCTION notify_auth_changed()`);
    for (const t of ['staff', 'staff_session']) {
      await q.query(`CREATE TRIGGER trg_${t}_auth_truncated AFTER TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['staff', 'staff_session']) await q.query(`DROP TRIGGER IF EXISTS trg_${t}_auth_truncated ON ${t}`);
    await q.query('DROP TRIGGER IF EXISTS trg_staff_auth_changed ON staff');
    await q.query('DROP TRIGGER IF EXISTS trg_staff_session_auth_changed ON staff_session');
    await q.query('DROP FUNCTION IF EXISTS notify_auth_changed()');
  }
}
