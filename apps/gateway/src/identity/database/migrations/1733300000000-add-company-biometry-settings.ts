import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A company's biometry settings (DESIGN.md §3): whether operator review is on, and the match
 * threshold and grey band its BIOMETRY analyses start from. Empty means the analyzers' defaults,
 * with operator review off.
 */
export class AddCompanyBiometrySettings1733300000000 implements MigrationInterface {
  name = 'AddCompanyBiometrySettings1733300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE companies ADD COLUMN biometry_settings jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE companies DROP COLUMN biometry_settings');
  }
}
