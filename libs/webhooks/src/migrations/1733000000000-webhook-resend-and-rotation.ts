import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A failed delivery can be re-sent through the API, which gives it a fresh budget of attempts
 * (counted from `resent_after_attempt`) and says who asked and when. A company's secret can be
 * rotated: each secret it replaced keeps signing until its own `valid_until` (`previous_secrets`,
 * a list, so a second rotation does not cut the first one's grace short).
 */
export class WebhookResendAndRotation1733000000000 implements MigrationInterface {
  name = 'WebhookResendAndRotation1733000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE deliveries ADD COLUMN resent_after_attempt integer NOT NULL DEFAULT 0`);
    await runner.query(`ALTER TABLE deliveries ADD COLUMN resent_at timestamptz`);
    await runner.query(`ALTER TABLE deliveries ADD COLUMN resent_by text`);
    await runner.query(`ALTER TABLE company_secrets ADD COLUMN previous_secrets jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE company_secrets DROP COLUMN previous_secrets');
    await runner.query('ALTER TABLE deliveries DROP COLUMN resent_by, DROP COLUMN resent_at, DROP COLUMN resent_after_attempt');
  }
}
