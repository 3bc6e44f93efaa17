import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a row that decides who an access token is (a session revoked or deleted, a user
 * or a company updated or deleted) notifies `identityChangedChannel(schema)` on commit, so every
 * gateway forgets the tokens it had checked (decision 0018). Row triggers: the token check's own
 * statement, which revokes rows only on the first use of a refreshed pair, notifies only then.
 * The channel is named from the schema as `identityChangedChannel` names it.
 */
export class NotifyIdentityChanges1733600000000 implements MigrationInterface {
  name = 'NotifyIdentityChanges1733600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('identity_changed_' || left(encode(sha256(convert_to(TG_TABLE_SCHEMA, 'UTF8')), 'hex'), 16), TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER sessions_revoked AFTER UPDATE OF revoked_at ON sessions
      FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at) EXECUTE FUNCTION identity_changed()`);
    for (const table of ['sessions', 'users', 'companies']) {
      const events = table === 'sessions' ? 'DELETE' : 'UPDATE OR DELETE';
      await runner.query(`CREATE TRIGGER ${table}_changed AFTER ${events} ON ${table} FOR EACH ROW EXECUTE FUNCTION identity_changed()`);
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
