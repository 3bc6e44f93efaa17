import { type FolderRowsRepository, toLinkedFolderResponse } from '@forensics/read-model';
import type { LookupFunction } from 'node:net';
import { type AttemptRecord, checkTarget, type CompanySecrets, type DeliveriesRepository, type DueDelivery, guardedLookup, resolverOf, signatureHeader, TARGET_REFUSED } from '@forensics/webhooks';
import type { Log } from '@forensics/observability';
import { backoffDelayMs, type BackoffPolicy } from './backoff';
import type { DispatcherMetrics } from './dispatcher-metrics';
import { postWebhook } from './post-webhook';

export type SenderSettings = Readonly<{
  /** Attempts per delivery (counted again from zero after a re-send through the API). */
  maxAttempts: number;
  /** The links in the folder JSON are absolute on this, as the gateway's answers are. */
  publicBaseUrl: string;
  timeoutMs: number;
  allowPrivateTargets: boolean;
  backoff: BackoffPolicy;
  pollMs: number;
  /** Deliveries sent at the same time by one process. */
  batchSize?: number;
  /** Name resolution for the target check and the connection; the system's DNS unless a test plays a name that changes its answer. */
  resolve?: (host: string) => Promise<string[]>;
}>;

/** How soon to look again when the read model has not caught up with the triggering event. */
const READ_MODEL_BEHIND_RETRY_MS = 100;

/**
 * Sends due deliveries: claims them from the table, POSTs the folder JSON, records the attempt,
 * and schedules the next with backoff or settles the delivery. It runs on a timer and when woken.
 */
export class WebhookSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly lookup: LookupFunction;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly secrets: CompanySecrets,
    private readonly rows: FolderRowsRepository,
    private readonly settings: SenderSettings,
    private readonly metrics: DispatcherMetrics,
    private readonly log: Log,
  ) {
    this.lookup = settings.resolve ? guardedLookup(settings.allowPrivateTargets, resolverOf(settings.resolve)) : guardedLookup(settings.allowPrivateTargets);
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.settings.pollMs);
    this.wake();
  }

  /** Looks for due deliveries now (or right after the pass under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.log({ level: 'error', message: 'webhook sender pass failed', error: (error as Error).message }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    const batchSize = this.settings.batchSize ?? 16;
    for (;;) {
      if (this.stopped) return;
      // The lease outlasts the POST's timeout, so nobody else sends a delivery this one still holds.
      const due = await this.deliveries.claimDue(batchSize, this.settings.timeoutMs + 5_000);
      await Promise.all(due.map((d) => this.send(d)));
      if (due.length < batchSize) return;
    }
  }

  private async send(delivery: DueDelivery): Promise<void> {
    const context = { delivery_id: delivery.delivery_id, event_id: delivery.event_id, folder_id: delivery.folder_id, correlation_id: delivery.correlation_id, target_url: delivery.target_url };
    const stored = (await this.rows.readRows([delivery.folder_id])).get(delivery.folder_id);
    if (!stored?.folder || stored.version < delivery.stream_version) {
      await this.deliveries.postpone(delivery.delivery_id, READ_MODEL_BEHIND_RETRY_MS);
      return;
    }
    const attempt = delivery.attempts + 1;
    // Checked again at send time: a name may resolve elsewhere now than when the event came in.
    const check = await checkTarget(delivery.target_url, this.settings.allowPrivateTargets, ...(this.settings.resolve ? [this.settings.resolve] : []));
    if (!check.ok && check.transient !== true) return this.refuse(delivery, attempt, check.reason, check.address, context);
    const body = JSON.stringify(toLinkedFolderResponse({ ...stored, folder: stored.folder }, { withAnalyses: true }, this.settings.publicBaseUrl));
    // A name that does not resolve is a failed attempt like a refused connection, and is retried.
    const record = check.ok ? await this.post(delivery, check.url, body) : { status_code: null, error: check.reason, duration_ms: 0 };
    // The name passed the check but resolved to a private address when connecting.
    if ('refused' in record) return this.refuse(delivery, attempt, record.refused, record.address, context);
    const ok = record.status_code !== null && record.status_code >= 200 && record.status_code < 300;
    const attemptOfRound = attempt - delivery.resent_after_attempt;
    const status = ok ? 'SUCCEEDED' : attemptOfRound >= this.settings.maxAttempts ? 'FAILED' : 'PENDING';
    const retryInMs = status === 'PENDING' ? backoffDelayMs(attemptOfRound, this.settings.backoff) : 0;
    if (!(await this.deliveries.recordAttempt(delivery, attempt, record, status, retryInMs))) return this.claimLost(attempt, context);
    if (check.ok) this.metrics.attemptSeconds.observe(record.duration_ms / 1000);
    this.metrics.deliveries.inc({ outcome: status === 'SUCCEEDED' ? 'succeeded' : status === 'FAILED' ? 'failed' : 'retried' });
    this.log({ level: ok ? 'info' : 'warn', message: `webhook attempt ${ok ? 'succeeded' : 'failed'}`, attempt, status, status_code: record.status_code, error: record.error, ms: record.duration_ms, retry_in_ms: status === 'PENDING' ? retryInMs : null, ...context });
  }

  /** A target refused by the address rule: FAILED at once, with the reason as its attempt's error. */
  private async refuse(delivery: DueDelivery, attempt: number, reason: string, address: string | undefined, context: Readonly<Record<string, unknown>>): Promise<void> {
    if (!(await this.deliveries.recordAttempt(delivery, attempt, { status_code: null, error: `target refused: ${reason}`, duration_ms: 0 }, 'FAILED', 0))) return this.claimLost(attempt, context);
    this.metrics.deliveries.inc({ outcome: 'refused' });
    this.log({ level: 'warn', message: 'webhook target refused', refusal: reason, address: address ?? null, ...context });
  }

  /** The lease ran out while this attempt was made: another dispatcher has tried since, or the delivery was settled. */
  private claimLost(attempt: number, context: Readonly<Record<string, unknown>>): void {
    this.log({ level: 'warn', message: 'webhook attempt not recorded: its claim ran out meanwhile', attempt, ...context });
  }

  private async post(delivery: DueDelivery, url: URL, body: string): Promise<AttemptRecord | { refused: string; address?: string }> {
    const secrets = await this.secrets.signing(delivery.company_id);
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const headers = {
      'content-type': 'application/json',
      'X-Forensics-Signature': signatureHeader(secrets, timestamp, body),
      'X-Forensics-Timestamp': String(timestamp),
      'Idempotency-Key': delivery.event_id,
    };
    try {
      const { status } = await postWebhook(url, body, headers, { timeoutMs: this.settings.timeoutMs, lookup: this.lookup });
      const ok = status >= 200 && status < 300;
      return { status_code: status, error: ok ? null : `HTTP ${status}`, duration_ms: elapsed() };
    } catch (error) {
      const { code, message, address } = error as NodeJS.ErrnoException & { address?: string };
      if (code === TARGET_REFUSED) return { refused: message, ...(address ? { address } : {}) };
      return { status_code: null, error: code ?? message, duration_ms: elapsed() };
    }
  }
}
