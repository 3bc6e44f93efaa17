import type { DataSource } from 'typeorm';
import { testInfra } from '@forensics/testing';
import { eventStoreFixture } from '../test/event-store-fixture';
import { CheckpointStore, createDataSource, START_CHECKPOINT } from './index';

describe('the checkpoint store', () => {
  let fixture: Awaited<ReturnType<typeof eventStoreFixture>>;
  // One connection: whatever a save left set on its connection, the next query would see.
  let oneConnection: DataSource;
  let checkpoints: CheckpointStore;

  beforeAll(async () => {
    fixture = await eventStoreFixture('it_checkpoints');
    oneConnection = await createDataSource({ url: testInfra.databaseUrl, schema: fixture.schema.name, poolSize: 1 }).initialize();
    checkpoints = new CheckpointStore(oneConnection);
  });

  afterAll(async () => {
    await oneConnection.destroy();
    await fixture.close();
  });

  it('starts a reader it has never seen at the start', async () => {
    await expect(checkpoints.load('never-saved')).resolves.toEqual(START_CHECKPOINT);
  });

  it('keeps the last checkpoint saved under a name', async () => {
    await checkpoints.save('relay-a', { transaction_id: '1200', global_position: 7 });
    await checkpoints.save('relay-a', { transaction_id: '1205', global_position: 9 });
    await checkpoints.save('relay-b', { transaction_id: '1201', global_position: 8 });

    await expect(checkpoints.load('relay-a')).resolves.toEqual({ transaction_id: '1205', global_position: 9 });
    await expect(checkpoints.load('relay-b')).resolves.toEqual({ transaction_id: '1201', global_position: 8 });
  });

  it('turns synchronous_commit off for the save alone, not for the connection', async () => {
    await checkpoints.save('relay-a', { transaction_id: '1210', global_position: 11 });

    // The setting was local to the save's own transaction: the connection is back to the server's.
    const [setting] = (await oneConnection.query("SELECT current_setting('synchronous_commit') AS value")) as { value: string }[];
    expect(setting?.value).toBe('on');
  });
});
