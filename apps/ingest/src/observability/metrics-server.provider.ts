import { JsonLogger, metricsServerProviders } from '@forensics/observability';
import { DataSource } from 'typeorm';
import { INGEST_CONFIG, type IngestConfig } from '../config/ingest.config';
import { IngestMetrics } from './ingest-metrics';

/** `/metrics` and `/health` (the event store answers) on ingest's metrics port, up before ingest listens. */
export const metricsServer = metricsServerProviders([INGEST_CONFIG, IngestMetrics, JsonLogger, DataSource], (config: IngestConfig, metrics: IngestMetrics, logger: JsonLogger, dataSource: DataSource) => ({
  registry: metrics.registry,
  endpoint: config.metrics,
  log: logger.write,
  health: async () => {
    const postgres = await dataSource.query('SELECT 1').then(() => true, () => false);
    return { ok: postgres, postgres };
  },
}));
