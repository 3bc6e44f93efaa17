import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { loadAnalysisWorkerConfig } from './analysis-worker.config';
import { createWorker, type RunningWorker } from './create-worker';

const RUNNING = Symbol('RUNNING_WORKER');

/** Finishes (or hands back) the analyses in hand and closes the connections on stop. */
class WorkerShutdown implements OnApplicationShutdown {
  constructor(@Inject(RUNNING) private readonly worker: RunningWorker) {}

  async onApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}

@Module({
  providers: [{ provide: RUNNING, useFactory: () => createWorker(loadAnalysisWorkerConfig()) }, WorkerShutdown],
})
export class AnalysisWorkerModule {}
