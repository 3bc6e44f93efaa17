import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createDispatcher, type RunningDispatcher } from './create-dispatcher';
import { loadWebhookDispatcherConfig } from './webhook-dispatcher.config';

const RUNNING = Symbol('RUNNING_DISPATCHER');

/** Lets the attempts under way finish and closes the connections on stop. */
class DispatcherShutdown implements OnApplicationShutdown {
  constructor(@Inject(RUNNING) private readonly dispatcher: RunningDispatcher) {}

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close();
  }
}

@Module({
  providers: [{ provide: RUNNING, useFactory: () => createDispatcher(loadWebhookDispatcherConfig()) }, DispatcherShutdown],
})
export class WebhookDispatcherModule {}
