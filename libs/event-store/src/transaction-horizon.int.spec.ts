import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { testInfra } from '@forensics/testing';
import { eventStoreFixture } from '../test/event-store-fixture';
import { assertTransactionIdsAhead, oldestRunningTransaction, START_CHECKPOINT, TransactionIdsWentBackError } from './index';

describe('the transaction horizon', () => {
  let fixture: Awaited<ReturnType<typeof eventStoreFixture>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    fixture = await eventStoreFixture('it_horizon');
    ({ dataSource } = fixture);
  });

  afterAll(() => fixture.close());

  it('lets a reader start when the server counts above every id it has seen', async () => {
    await expect(assertTransactionIdsAhead(dataSource, START_CHECKPOINT)).resolves.toBeUndefined();
  });

  it('refuses a checkpoint from ahead of the server, as after a restore from a dump', async () => {
    const fromTheOldCluster = { transaction_id: String(2n ** 40n), global_position: 1_000 };
    await expect(assertTransactionIdsAhead(dataSource, fromTheOldCluster)).rejects.toBeInstanceOf(TransactionIdsWentBackError);
    await expect(assertTransactionIdsAhead(dataSource, fromTheOldCluster)).rejects.toThrow(/restored from a dump/);
  });

  it('names the open transaction that holds events back', async () => {
    const blocker = new Client({ connectionString: testInfra.databaseUrl, application_name: 'horizon-blocker' });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      const [{ pid }] = (await blocker.query('SELECT pg_backend_pid() AS pid, pg_current_xact_id()')).rows;
      const oldest = await oldestRunningTransaction(dataSource);
      expect(oldest).toMatchObject({ pid, state: 'idle in transaction' });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  });
});
