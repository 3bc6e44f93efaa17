import type { LoggerService } from '@nestjs/common';
import { describeError } from './describe-error';
import { jsonLog, type Log, type LogSink, stdoutSink } from './json-log';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';

/** The JSON-lines log as NestJS's logger too, so that the framework's own lines are JSON as well. */
export class JsonLogger implements LoggerService {
  /** The plain log function, for code that takes a `Log`. */
  readonly write: Log;

  constructor(service: string, sink: LogSink = stdoutSink) {
    this.write = jsonLog(service, sink);
  }

  event(level: LogLevel, message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.write({ ...fields, level, message });
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
