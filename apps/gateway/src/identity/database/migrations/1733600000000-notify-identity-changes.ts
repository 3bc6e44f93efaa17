import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a row that decides who an access token is notifies
 * `identityChangedChannel(schema)` on commit, so every gateway forgets the tokens it had checked
 * (decision 0018): a session revoked, or deleted while still usable, names its user
 * (`user:<id>`); a user updated or deleted names itself; a company updated or deleted names itself
 * (`company:<id>`); a TRUNCATE says `all`. Row triggers, so the token check's own statement, which
 * revokes rows only on the first use of a refreshed pair, notifies only then; the slide of an
 * expiry notifies nothing. The channel is named from the schema as `identityChangedChannel` names it.
 */
export class NotifyIdentityChanges1733600000000 implements MigrationInterface {
  name = 'NotifyIdentityChanges1733600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION identity_changed() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS $$
      DECLARE
        scope text;
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          scope := 'all';
        ELSIF TG_TABLE_NAME = 'companies' THEN
          scope := 'company:' || OLD.company_id;
        ELSE
          scope := 'user:' || OLD.user_id;
        END IF;
        PERFORM pg_notify('identity_changed_' || left(encode(sha256(convert_to(TG_TABLE_SCHEMA, 'UTF8')), 'hex'), 16), scope);
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER sessions_revoked AFTER UPDATE OF revoked_at ON sessions
      FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at) EXECUTE FUNCTION identity_changed()`);
    // Pruning deletes only sessions long expired, which no cache holds.
    await runner.query(`
      CREATE TRIGGER sessions_changed AFTER DELETE ON sessions
      FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND OLD.expires_at > now()) EXECUTE FUNCTION identity_changed()`);
    for (const table of ['users', 'companies']) {
      await runner.query(`CREATE TRIGGER ${table}_changed AFTER UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION identity_changed()`);
    }
    for (const table of ['sessions', 'users', 'companies']) {
      await runner.query(`CREATE TRIGGER ${table}_truncated AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION identity_changed()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['sessions', 'users', 'companies']) {
      await runner.query(`DROP TRIGGER ${table}_changed ON ${table}`);
      await runner.query(`DROP TRIGGER ${table}_truncated ON ${table}`);
    }
    await runner.query('DROP TRIGGER sessions_revoked ON sessions');
    await runner.query('DROP FUNCTION identity_changed()');
  }
}
