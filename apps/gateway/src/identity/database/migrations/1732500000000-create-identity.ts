import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Companies, users and their sessions. E-mails are unique whatever their case among users that are
 * not deleted; a deleted user keeps its row, because folders and events still name its id.
 * Sessions keep only SHA-256 digests of their tokens: a leaked table lets nobody in.
 */
export class CreateIdentity1732500000000 implements MigrationInterface {
  name = 'CreateIdentity1732500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE companies (
        company_id uuid PRIMARY KEY,
        name text NOT NULL,
        in_deletion boolean NOT NULL DEFAULT false,
        technical_meta_data jsonb NOT NULL DEFAULT '{}',
        time_created timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await runner.query(`
      CREATE TABLE users (
        user_id uuid PRIMARY KEY,
        company_id uuid REFERENCES companies (company_id),
        email text NOT NULL,
        password_hash text NOT NULL,
        user_type text NOT NULL,
        first_name text NOT NULL DEFAULT '',
        last_name text NOT NULL DEFAULT '',
        middle_name text NOT NULL DEFAULT '',
        is_active boolean NOT NULL DEFAULT true,
        can_start_analyse_biometry boolean NOT NULL DEFAULT true,
        can_start_analyse_quality boolean NOT NULL DEFAULT true,
        can_start_analyse_collection boolean NOT NULL DEFAULT true,
        can_start_analyse_documents boolean NOT NULL DEFAULT true,
        meta_data jsonb NOT NULL DEFAULT '{}',
        time_created timestamptz NOT NULL DEFAULT clock_timestamp(),
        time_updated timestamptz NOT NULL DEFAULT clock_timestamp(),
        deleted_at timestamptz,
        CONSTRAINT users_role_company CHECK (
          (user_type IN ('ADMIN', 'OPERATOR') AND company_id IS NULL)
          OR (user_type IN ('CLIENT', 'CLIENT_ADMIN', 'CLIENT_OPERATOR', 'CLIENT_SERVICE') AND company_id IS NOT NULL))
      )`);
    await runner.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email)) WHERE deleted_at IS NULL`);
    await runner.query(`CREATE INDEX users_company ON users (company_id)`);
    await runner.query(`
      CREATE TABLE sessions (
        session_id uuid PRIMARY KEY,
        token_hash bytea NOT NULL UNIQUE,
        expire_token_hash bytea NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (user_id),
        kind text NOT NULL CHECK (kind IN ('person', 'service')),
        ttl_ms bigint NOT NULL CHECK (ttl_ms > 0),
        expires_at timestamptz NOT NULL,
        refresh_expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        replaces uuid,
        replaced_by uuid,
        revoked_at timestamptz
      )`);
    await runner.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE sessions`);
    await runner.query(`DROP TABLE users`);
    await runner.query(`DROP TABLE companies`);
  }
}
