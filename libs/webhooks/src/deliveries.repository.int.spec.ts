// The deliveries table on a real PostgreSQL: a claim that ran out cannot record its attempt over
// what happened since (another dispatcher's attempt, a settle, a re-send).
import { randomUUID } from 'node:crypto';
import { openDatabase } from '@forensics/event-store';
import { isolatedSchema, testInfra } from '@forensics/testing';
import type { DataSource } from 'typeorm';
import { DeliveriesRepository, type NewDelivery } from './deliveries.repository';
import { DeliveryHistory } from './delivery-history';
import { WEBHOOK_MIGRATIONS } from './webhook-migrations';

describe('deliveries: claims and attempts', () => {
  const schema = isolatedSchema('it_wh_repo');
  let db: DataSource;
  let deliveries: DeliveriesRepository;

  beforeAll(async () => {
    db = await openDatabase({ url: testInfra.databaseUrl, schema: schema.name, applicationName: 'it-webhooks-repo', poolSize: 3, migrations: WEBHOOK_MIGRATIONS });
    deliveries = new DeliveriesRepository(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await schema.drop();
  });

  const newDelivery = (): NewDelivery => ({
    event_id: randomUUID(),
    folder_id: randomUUID(),
    company_id: 'company-a',
    stream_version: 5,
    correlation_id: 'request-1',
    target_url: 'https://hooks.example.com/kyc',
    reason: 'GROUP_FINISHED',
  });
  /** The lease of every claim runs out now. */
  const expireLeases = () => db.query(`UPDATE deliveries SET next_attempt_at = clock_timestamp() WHERE status = 'PENDING'`);
  const claimOf = async (eventId: string) => (await deliveries.claimDue(100, 60_000)).find((d) => d.event_id === eventId);

  it('given a dispatcher whose lease ran out, when the delivery has since failed for good and been re-sent, then its late attempt records nothing', async () => {
    const delivery = newDelivery();
    await deliveries.insert([delivery]);
    const late = await claimOf(delivery.event_id);
    await expireLeases();
    const other = await claimOf(delivery.event_id);
    expect(await deliveries.recordAttempt(other!, 1, { status_code: 503, error: 'HTTP 503', duration_ms: 4 }, 'FAILED', 0)).toBe(true);
    const [{ delivery_id }] = (await db.query(`SELECT delivery_id FROM deliveries WHERE event_id = $1`, [delivery.event_id])) as [{ delivery_id: string }];
    const history = new DeliveryHistory(db);
    expect(await history.resend(delivery_id, 'admin-1')).toBe('resent');

    // The first dispatcher wakes up with its old claim.
    expect(await deliveries.recordAttempt(late!, 1, { status_code: 500, error: 'HTTP 500', duration_ms: 9000 }, 'FAILED', 0)).toBe(false);
    const shown = await history.byId(delivery_id);
    expect(shown).toMatchObject({ status: 'PENDING', resent_by: 'admin-1' });
    expect(shown?.attempts.map((a) => a.status_code)).toEqual([503]);
  });

  it('given two claims of one delivery after a lease ran out, then only the first attempt recorded counts', async () => {
    const delivery = newDelivery();
    await deliveries.insert([delivery]);
    const first = await claimOf(delivery.event_id);
    await expireLeases();
    const second = await claimOf(delivery.event_id);
    expect(await deliveries.recordAttempt(second!, 1, { status_code: 200, error: null, duration_ms: 3 }, 'SUCCEEDED', 0)).toBe(true);
    expect(await deliveries.recordAttempt(first!, 1, { status_code: 500, error: 'HTTP 500', duration_ms: 3 }, 'PENDING', 100)).toBe(false);
    const [row] = (await db.query(`SELECT status, attempts FROM deliveries WHERE event_id = $1`, [delivery.event_id])) as [{ status: string; attempts: number }];
    expect(row).toEqual({ status: 'SUCCEEDED', attempts: 1 });
  });

  it('given settled deliveries older than the retention, then pruning removes them with their attempts and keeps pending and recent ones', async () => {
    const [old, recent, pending] = [newDelivery(), newDelivery(), newDelivery()];
    await deliveries.insert([old, recent, pending]);
    const claims = await deliveries.claimDue(100, 60_000);
    for (const d of [old, recent]) {
      const claim = claims.find((c) => c.event_id === d.event_id);
      expect(await deliveries.recordAttempt(claim!, 1, { status_code: 200, error: null, duration_ms: 2 }, 'SUCCEEDED', 0)).toBe(true);
    }
    await db.query(`UPDATE deliveries SET updated_at = clock_timestamp() - interval '91 days', created_at = clock_timestamp() - interval '91 days' WHERE event_id = ANY($1::uuid[])`, [[old.event_id, pending.event_id]]);

    expect(await deliveries.prune(90 * 86_400_000)).toBe(1);
    const left = (await db.query(`SELECT event_id FROM deliveries WHERE event_id = ANY($1::uuid[]) ORDER BY event_id`, [[old.event_id, recent.event_id, pending.event_id]])) as { event_id: string }[];
    expect(left.map((r) => r.event_id).sort()).toEqual([recent.event_id, pending.event_id].sort());
    const [{ orphans }] = (await db.query(`SELECT count(*)::int AS orphans FROM delivery_attempts a WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.delivery_id = a.delivery_id)`)) as [{ orphans: number }];
    expect(orphans).toBe(0);
  });
});
