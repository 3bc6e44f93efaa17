import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createProjection, type RunningProjection } from './create-projection';
import { loadProjectionConfig } from './projection.config';

const RUNNING = Symbol('RUNNING_PROJECTION');

/** Stops consuming, closes the metrics server and the connections when the process is asked to stop. */
class ProjectionShutdown implements OnApplicationShutdown {
  constructor(@Inject(RUNNING) private readonly projection: RunningProjection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.projection.close();
  }
}

@Module({
  providers: [{ provide: RUNNING, useFactory: () => createProjection(loadProjectionConfig()) }, ProjectionShutdown],
})
export class ProjectionModule {}
