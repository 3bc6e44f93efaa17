// Given a service's logger, when the service or NestJS logs, then each event is one JSON line.
import { JsonLogger } from './json-logger';

const capture = () => {
  const lines: string[] = [];
  return { logger: new JsonLogger('ingest', (line) => lines.push(line)), lines, parsed: () => lines.map((l) => JSON.parse(l)) };
};

describe('JsonLogger', () => {
  it('writes an event as one line of JSON with its time, level, the service, message and the fields given, in that order', () => {
    const { logger, lines, parsed } = capture();

    logger.event('info', 'ingest listening', { host: '127.0.0.1', port: 4010 });

    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(lines[0]?.slice(0, -1)).not.toContain('\n');
    expect(Object.keys(parsed()[0]).slice(0, 4)).toEqual(['time', 'level', 'service', 'message']);
    expect(parsed()[0]).toEqual({
      time: expect.any(String),
      level: 'info',
      service: 'ingest',
      message: 'ingest listening',
      host: '127.0.0.1',
      port: 4010,
    });
  });

  it('keeps a stack on the same line, escaped', () => {
    const { logger, lines, parsed } = capture();

    logger.error('Handler failed', 'Error: boom\n    at handler (ingest.ts:1:1)', 'RpcExceptionsHandler');

    expect(lines).toHaveLength(1);
    expect(parsed()[0]).toMatchObject({
      level: 'error',
      message: 'Handler failed',
      stack: 'Error: boom\n    at handler (ingest.ts:1:1)',
      context: 'RpcExceptionsHandler',
    });
  });

  it('takes the context NestJS passes last, and an Error as its message with the error described', () => {
    const { logger, parsed } = capture();

    logger.log('Nest microservice successfully started', 'NestMicroservice');
    logger.error(new RangeError('port out of range'));

    expect(parsed()).toEqual([
      expect.objectContaining({ level: 'info', message: 'Nest microservice successfully started', context: 'NestMicroservice' }),
      expect.objectContaining({ level: 'error', message: 'port out of range', error: expect.objectContaining({ name: 'RangeError' }) }),
    ]);
  });
});
