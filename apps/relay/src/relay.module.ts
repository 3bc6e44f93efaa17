import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { describeError, jsonLog } from '@forensics/observability';
import { createRelay, type RunningRelay } from './create-relay';
import { loadRelayConfig } from './relay.config';

const RUNNING_RELAY = Symbol('RUNNING_RELAY');

/** Starts the relay loop once the app is up, and stops it cleanly on shutdown. */
class RelayRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(RUNNING_RELAY) private readonly running: RunningRelay) {}

  onApplicationBootstrap(): void {
    this.running.relay.run().catch((error: Error) => {
      // Losing the lead or the database is fatal: exit and let the supervisor start a standby.
      jsonLog('relay')({ level: 'error', message: 'relay stopped', error: describeError(error) });
      process.exit(1);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running.close();
  }
}

@Module({
  providers: [{ provide: RUNNING_RELAY, useFactory: () => createRelay(loadRelayConfig()) }, RelayRunner],
})
export class RelayModule {}
