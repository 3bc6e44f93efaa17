// Where a single request's time goes, from the JSON log lines every service writes with the
// request's correlation id (its X-Request-Id): the step between each two lines, per request.
import type { ServiceProcess } from '@forensics/testing';

type Line = { time: string; service: string; message: string; correlation_id?: string; correlation_ids?: string[]; model_ms?: number; duration_ms?: number; ms?: number };

export type SentRequest = Readonly<{ id: string; sentAt: number; answeredAt: number }>;

export const STEPS = [
  'client sends -> ingest appended',
  'appended -> relay published',
  'published -> worker starts',
  'worker: start -> recorded, less the model',
  'recorded -> relay published',
  'published -> projection committed',
  'projection committed -> client has the answer',
] as const;

/** Each step's durations (ms) over the requests, plus `model`, `ingest` (the command inside ingest) and `overhead` (the whole, less the model) for reference. */
export function requestTimelines(processes: Iterable<ServiceProcess>, requests: readonly SentRequest[]): Map<string, number[]> {
  const byId = new Map<string, Line[]>(requests.map((r) => [r.id, []]));
  for (const p of processes) {
    for (const text of p.output().split('\n')) {
      if (!text.startsWith('{')) continue;
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        continue;
      }
      for (const id of line.correlation_ids ?? (line.correlation_id ? [line.correlation_id] : [])) byId.get(id)?.push(line);
    }
  }
  const steps = new Map<string, number[]>([...STEPS, 'model', 'ingest', 'overhead'].map((name) => [name, []]));
  for (const { id, sentAt, answeredAt } of requests) {
    const mine = byId.get(id) ?? [];
    const at = (service: string, message: string, nth = 0) => {
      const found = mine.filter((l) => l.service === service && l.message === message);
      const line = nth < 0 ? found.at(nth) : found[nth];
      return line ? Date.parse(line.time) : Number.NaN;
    };
    const recordedLine = mine.find((l) => l.message === 'analysis recorded');
    const model = recordedLine?.model_ms ?? Number.NaN;
    const times = [
      sentAt,
      at('ingest', 'command handled'),
      at('relay', 'published', 0),
      at('analysis-worker', 'analysis started'),
      at('analysis-worker', 'analysis recorded') - model,
      at('relay', 'published', 1) - model,
      at('projection', 'batch committed', -1) - model,
      answeredAt - model,
    ];
    STEPS.forEach((name, i) => steps.get(name)?.push((times[i + 1] as number) - (times[i] as number)));
    steps.get('model')?.push(model);
    steps.get('overhead')?.push(answeredAt - sentAt - model);
    steps.get('ingest')?.push(mine.find((l) => l.service === 'ingest' && l.message === 'command handled')?.duration_ms ?? Number.NaN);
  }
  return steps;
}
