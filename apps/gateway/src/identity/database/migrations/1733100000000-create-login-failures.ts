import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login attempts that did not (yet) succeed, by key: an e-mail (lower case) and an e-mail with the
 * client's address. A row is written before the password is checked and removed when it was
 * right, so the rows in a window are the failures plus the attempts under way.
 */
export class CreateLoginFailures1733100000000 implements MigrationInterface {
  name = 'CreateLoginFailures1733100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE login_failures (id bigserial PRIMARY KEY, attempt_key text NOT NULL, failed_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await runner.query(`CREATE INDEX login_failures_by_key ON login_failures (attempt_key, failed_at)`);
    // Expired rows of every key are pruned by age, so guesses at random e-mails leave nothing behind.
    await runner.query(`CREATE INDEX login_failures_by_age ON login_failures (failed_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE login_failures');
  }
}
