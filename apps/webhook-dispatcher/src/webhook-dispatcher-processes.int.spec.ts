// The dispatcher as production runs it, as a process: killed with -9 between two attempts at a
// delivery and started again, the delivery still succeeds, exactly once.
import { type ServiceProcess, startService, startWebhookReceiver, testInfra, waitFor } from '@forensics/testing';
import type { DataSource } from 'typeorm';
import { dispatcherHarness } from '../test/dispatcher-harness';

jest.setTimeout(120_000);

describe('webhook dispatcher processes', () => {
  let h: Awaited<ReturnType<typeof dispatcherHarness>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    h = await dispatcherHarness();
    receiver = await startWebhookReceiver();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await receiver?.close();
    await h?.close();
  });

  it('given a delivery that failed once, when the dispatcher is killed with -9 and started again, then it succeeds exactly once', async () => {
    const config = h.dispatcherConfig();
    const env = {
      DATABASE_URL: testInfra.databaseUrl,
      KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
      EVENT_STORE_SCHEMA: config.eventStoreSchema,
      READ_MODEL_SCHEMA: config.readModelSchema,
      WEBHOOK_SCHEMA: config.webhookSchema,
      FOLDER_EVENTS_TOPIC: config.topic,
      FOLDER_EVENTS_PARTITIONS: '3',
      WEBHOOK_DISPATCHER_GROUP_ID: config.groupId,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_METRICS_PORT: '0',
      // Long enough between attempts to kill the process in between, most of the time.
      WEBHOOK_BACKOFF_BASE_MS: '3000',
      WEBHOOK_BACKOFF_CAP_MS: '3000',
    };
    const start = () => {
      const p = startService('apps/webhook-dispatcher/src/main.ts', env);
      processes.push(p);
      return p;
    };
    const first = start();
    const db: DataSource = await h.webhookDb(config.webhookSchema);
    const path = '/restart';
    receiver.answer(path, 500, 500);
    const folder = await h.kycFolder(receiver.url(path));
    const history = [...folder.stored, ...(await h.finish(folder.folderId, folder.quality, 'SUCCESS')), ...(await h.finish(folder.folderId, folder.biometry, 'SUCCESS'))];
    await h.publish(history);

    await waitFor(() => receiver.requests(path).length, (n) => n >= 1, { timeoutMs: 60_000, what: 'the first attempt' });
    await waitFor(() => db.query('SELECT count(*)::int AS n FROM delivery_attempts'), (rows: { n: number }[]) => rows[0]?.n === 1, { what: 'the first attempt recorded' });
    await first.kill9();
    const second = start();

    const delivered = await waitFor(
      () => db.query(`SELECT status, attempts FROM deliveries WHERE folder_id = $1`, [folder.folderId]),
      (rows: { status: string }[]) => rows[0]?.status === 'SUCCEEDED',
      { timeoutMs: 60_000, what: 'the delivery succeeded after the restart' },
    );
    expect(delivered).toEqual([{ status: 'SUCCEEDED', attempts: 3 }]);
    // 500, 500, then the one 200: nothing was sent twice, and nothing after the success.
    const statuses = (await db.query('SELECT status_code FROM delivery_attempts ORDER BY attempt')) as { status_code: number }[];
    expect(statuses.map((s) => s.status_code)).toEqual([500, 500, 200]);
    expect(receiver.requests(path)).toHaveLength(3);
    // The log lines carry the correlation id of the event that caused the delivery.
    const correlationId = history[history.length - 1]?.metadata['correlation_id'];
    expect(correlationId).toEqual(expect.any(String));
    expect(`${first.output()}${second.output()}`).toContain(`"correlation_id":"${correlationId}"`);
  });
});
