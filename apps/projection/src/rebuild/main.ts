// `npm run projection:rebuild [-- --drop-old]`: rebuilds the read model from the event store into a
// new schema, switches readers and the live projection to it, and compares it with the old tables.
// Settings: DATABASE_URL, EVENT_STORE_SCHEMA, READ_MODEL_SCHEMA (see projection.config.ts).
// Exit code 0 when rebuilt and verified; 1 otherwise, with the reason on stderr.
import { loadProjectionConfig } from '../projection.config';
import { progressPrinter } from './progress-bar';
import { rebuildReadModel } from './rebuild-read-model';
import { rebuildSummary } from './rebuild-summary';

const USAGE = 'usage: npm run projection:rebuild [-- --drop-old]';

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--drop-old');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown.join(' ')}; ${USAGE}`);
  const config = loadProjectionConfig();
  // A first Ctrl-C stops between pages and cleans up; a second one (default handler) kills.
  const abort = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort.abort(new Error(`stopped by ${signal}`)));
  process.stderr.write(`Rebuilding "${config.readModelSchema}" from the events in "${config.eventStoreSchema}"\n`);
  const startedAt = Date.now();
  const result = await rebuildReadModel(config, { dropOld: args.includes('--drop-old'), onProgress: progressPrinter(process.stderr), signal: abort.signal });
  process.stderr.write('\n');
  const { lines, ok } = rebuildSummary(result, (Date.now() - startedAt) / 1000);
  process.stdout.write(`${lines.join('\n')}\n`);
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`\nprojection:rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
