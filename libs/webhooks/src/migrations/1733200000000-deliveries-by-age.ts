import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Settled deliveries by age, for the dispatcher's pruning of what is older than the retention. */
export class DeliveriesByAge1733200000000 implements MigrationInterface {
  name = 'DeliveriesByAge1733200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX deliveries_settled_by_age ON deliveries (updated_at) WHERE status <> 'PENDING'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX deliveries_settled_by_age');
  }
}
