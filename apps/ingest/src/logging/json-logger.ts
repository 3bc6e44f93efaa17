import type { LoggerService } from '@nestjs/common';
import { describeError } from './describe-error';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';

/** Where finished lines go; tests pass their own to read them. */
export type LogSink = (line: string) => void;

const toStdout: LogSink = (line) => {
  process.stdout.write(line);
};

/** One JSON line per log event (CONVENTIONS.md), for ingest's own events and for NestJS's. */
export class JsonLogger implements LoggerService {
  constructor(private readonly sink: LogSink = toStdout) {}

  event(level: LogLevel, message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.sink(`${JSON.stringify({ time: new Date().toISOString(), level, service: 'ingest', message, ...fields })}\n`);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.fromNest('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.fromNest('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.fromNest('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.fromNest('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.fromNest('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.fromNest('fatal', message, params);
  }

  // NestJS calls `log(message, context)` and `error(message, stack, context)`; the context comes last.
  private fromNest(level: LogLevel, message: unknown, params: readonly unknown[]): void {
    const context = typeof params[params.length - 1] === 'string' ? params[params.length - 1] : undefined;
    const stack = params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
    if (message instanceof Error) {
      this.event(level, message.message, { context, error: describeError(message) });
      return;
    }
    this.event(level, typeof message === 'string' ? message : JSON.stringify(message), { context, stack });
  }
}
