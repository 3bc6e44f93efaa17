/**
 * kafkajs 2.2.4, its last release (2.3.0-beta.3 has the same code), re-arms a 1 ms timer on every
 * broker connection for as long as the connection lives, even with nothing to send: its
 * `scheduleCheckPendingRequests` computes the throttle delay as `throttledUntil - now`, negative
 * when there is no throttle, and schedules the check anyway (tulios/kafkajs#1556, #1704; the fixes,
 * #1667 and #1768, were never merged). Each process with a Kafka client then wakes about 800 times a
 * second (measured: 840 context switches a second idle, against 99 for ingest, which has no Kafka
 * client), which on two cores takes CPU from the models and from every hop of a request.
 *
 * The check only matters when a request is waiting, or when the broker throttles this client: in
 * both cases the original schedules it. A request that can go out at once is sent by `push`, and
 * one held back by the in-flight limit is sent when an in-flight request completes, which checks
 * the queue again. `kafkajs-idle-timer-fix.int.spec.ts` shows the loop gone and fails if an
 * upgrade moves or renames the method.
 */
type RequestQueueInternals = {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests: () => void;
};

const PATCHED = Symbol.for('forensics.kafkajs.idleTimerFix');

export function fixKafkajsIdleTimer(): void {
  // The very module kafkajs loads (a plain require, so a test runner's module registry sees it too).
  const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals & { [PATCHED]?: true } };
  const queue = RequestQueue.prototype;
  if (queue[PATCHED]) return;
  const schedule = queue.scheduleCheckPendingRequests;
  if (typeof schedule !== 'function') throw new Error('kafkajs RequestQueue has no scheduleCheckPendingRequests: review kafkajs-idle-timer-fix.ts for this kafkajs version');
  queue.scheduleCheckPendingRequests = function scheduleOnlyWhenNeeded(this: RequestQueueInternals) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  queue[PATCHED] = true;
}
