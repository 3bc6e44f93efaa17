import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Server } from 'node:http';
import { createProjection, type RunningProjection } from './create-projection';
import { startMetricsServer } from './metrics-server';
import { loadProjectionConfig } from './projection.config';

const RUNNING = Symbol('RUNNING_PROJECTION');
const METRICS_SERVER = Symbol('METRICS_SERVER');

/** Stops consuming and closes the connections when the process is asked to stop. */
class ProjectionShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(RUNNING) private readonly projection: RunningProjection,
    @Inject(METRICS_SERVER) private readonly server: Server,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.server.close();
    await this.projection.close();
  }
}

@Module({
  providers: [
    { provide: RUNNING, useFactory: () => createProjection(loadProjectionConfig()) },
    { provide: METRICS_SERVER, useFactory: (p: RunningProjection) => startMetricsServer(p, loadProjectionConfig().metricsPort), inject: [RUNNING] },
    ProjectionShutdown,
  ],
})
export class ProjectionModule {}
