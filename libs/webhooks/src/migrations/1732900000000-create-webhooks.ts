import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dispatcher's state: one secret per company, one delivery per triggering event (its id is
 * the idempotency key, so a redelivered event adds nothing), and every attempt at it. Retries
 * live here, not in memory, so they survive a restart.
 */
export class CreateWebhooks1732900000000 implements MigrationInterface {
  name = 'CreateWebhooks1732900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE company_secrets (
        company_id text PRIMARY KEY,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await runner.query(`
      CREATE TABLE deliveries (
        delivery_id uuid PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        folder_id text NOT NULL,
        company_id text NOT NULL,
        stream_version integer NOT NULL,
        correlation_id text,
        target_url text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('GROUP_FINISHED', 'VERDICT_CHANGED')),
        status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await runner.query(`CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'PENDING'`);
    await runner.query(`CREATE INDEX deliveries_folder ON deliveries (folder_id, created_at)`);
    await runner.query(`
      CREATE TABLE delivery_attempts (
        delivery_id uuid NOT NULL REFERENCES deliveries (delivery_id),
        attempt integer NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        status_code integer,
        error text,
        duration_ms integer NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE delivery_attempts');
    await runner.query('DROP TABLE deliveries');
    await runner.query('DROP TABLE company_secrets');
  }
}
