import type { Consumer } from 'kafkajs';

/** Called once when the consumer has stopped for good. */
export type OnConsumerLost = (error: Error) => void;

/**
 * Watches a kafkajs consumer for the crash it does not come back from. kafkajs restarts itself
 * after retriable errors; after any other (the broker refusing the group's settings, say) it stays
 * disconnected while the process goes on as if it consumed. Answers whether it still consumes.
 */
export function watchConsumerLoss(consumer: Consumer, onLost: OnConsumerLost | undefined): () => boolean {
  let lost = false;
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart || lost) return;
    lost = true;
    onLost?.(payload.error);
  });
  return () => !lost;
}

/**
 * What a service does when its consumer is lost: says so, and stops itself gracefully (SIGTERM:
 * the shutdown hooks run as on any stop), so that its supervisor (`npm start`, Compose's
 * `restart`) starts a fresh process that joins the group again.
 */
export const stopProcessOnConsumerLoss =
  (log: (entry: Record<string, unknown>) => void): OnConsumerLost =>
  (error) => {
    log({ level: 'error', message: 'the Kafka consumer stopped for good; stopping the process so that it is started again', error: error.message });
    process.kill(process.pid, 'SIGTERM');
  };
