import type { Log } from '@forensics/observability';
import type { NextFunction, Request, Response } from 'express';
import { assignCorrelationId } from './correlation-id';
import type { GatewayMetrics } from './gateway-metrics';
import { routePattern } from './route-pattern';

/**
 * Express middleware, first in line so that it sees every request, those refused by the body
 * parser or the exception filter included: gives the request its correlation id, and once the
 * answer is sent (or the client went away) times it by route and logs one line about it.
 */
export function observeRequests(metrics: GatewayMetrics, log: Log) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    const correlationId = assignCorrelationId(request, response);
    response.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const route = routePattern(request);
      // A client that hung up before the answer is counted as 499 (nginx's "client closed request"), not as the answer it never got.
      const statusCode = response.writableFinished ? String(response.statusCode) : '499';
      metrics.requestSeconds.observe({ method: request.method, route, status_code: statusCode }, seconds);
      log({
        level: 'info',
        message: 'request handled',
        method: request.method,
        route,
        status: response.statusCode,
        duration_ms: Math.round(seconds * 1000),
        correlation_id: correlationId,
        // A client that hung up before the answer: the status is what the answer would have been.
        ...(response.writableFinished ? {} : { aborted: true }),
      });
    });
    next();
  };
}
