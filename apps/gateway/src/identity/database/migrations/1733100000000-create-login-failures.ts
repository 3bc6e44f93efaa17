import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed logins per e-mail (lower case), so that password guessing is slowed to a few tries per window. */
export class CreateLoginFailures1733100000000 implements MigrationInterface {
  name = 'CreateLoginFailures1733100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE login_failures (email_key text NOT NULL, failed_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await runner.query(`CREATE INDEX login_failures_by_email ON login_failures (email_key, failed_at)`);
    // Expired rows of every e-mail are pruned by age, so guesses at random e-mails leave nothing behind.
    await runner.query(`CREATE INDEX login_failures_by_age ON login_failures (failed_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE login_failures');
  }
}
