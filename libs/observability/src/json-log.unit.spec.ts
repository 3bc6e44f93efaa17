// Given a service's JSON log, when code logs an event, then it is one line with the service's name.
import { jsonLog } from './json-log';

describe('jsonLog', () => {
  it('writes level, message and fields after the time and the service, defaulting the level to info', () => {
    const lines: string[] = [];
    const log = jsonLog('relay', (line) => lines.push(line));

    log({ message: 'published', correlation_ids: ['a', 'b'] });
    log({ level: 'warn', message: 'held back', held_back_ms: 5_000 });

    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: 'info', service: 'relay', message: 'published', correlation_ids: ['a', 'b'] },
      { time: expect.any(String), level: 'warn', service: 'relay', message: 'held back', held_back_ms: 5_000 },
    ]);
  });
});
