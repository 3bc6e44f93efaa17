import { Inject, Injectable, type InjectionToken, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { type MetricsServer, type MetricsServerOptions, startMetricsServer } from './metrics-server';

/** The injection token of a Nest app's running metrics server. */
export const METRICS_SERVER = Symbol('METRICS_SERVER');

/** Stops serving metrics when the app closes, so a stopped service leaves no port open. */
@Injectable()
class MetricsServerCloser implements OnApplicationShutdown {
  constructor(@Inject(METRICS_SERVER) private readonly server: MetricsServer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}

/** Providers that start a metrics server with a Nest app (from the injected `inject`) and close it with the app. */
export function metricsServerProviders<Deps extends unknown[]>(inject: InjectionToken[], options: (...deps: Deps) => MetricsServerOptions): Provider[] {
  return [{ provide: METRICS_SERVER, inject, useFactory: (...deps: Deps) => startMetricsServer(options(...deps)) }, MetricsServerCloser];
}
