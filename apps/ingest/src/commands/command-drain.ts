import { Injectable } from '@nestjs/common';
import { DomainError, OzErrorCode } from '@forensics/domain';

/**
 * Lets a stopping ingest finish the commands it has taken before it closes its connections. The
 * TCP server drops every socket when it closes, so a command whose events were committed would
 * lose its reply, and a caller without an idempotency key that tried again would append twice.
 * While draining, a new command is refused (nothing is appended) with EXTERNAL SERVICE, code 11:
 * the caller tries again, and reaches an ingest that runs.
 */
@Injectable()
export class CommandDrain {
  private inFlight = 0;
  private draining = false;
  private idle: (() => void) | null = null;

  async run<T>(command: () => Promise<T>): Promise<T> {
    if (this.draining) throw new DomainError(OzErrorCode.EXTERNAL_SERVICE, 'ingest is shutting down; try again');
    this.inFlight += 1;
    try {
      return await command();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idle?.();
    }
  }

  /** Refuses new commands and resolves when those in hand have answered, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
