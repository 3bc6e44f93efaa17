import { type ArgumentsHost, Catch, Inject } from '@nestjs/common';
import { BaseRpcExceptionFilter, RpcException, type TcpContext } from '@nestjs/microservices';
import type { Observable } from 'rxjs';
import { OzErrorCode } from '@forensics/domain';
import { describeError, JsonLogger } from '@forensics/observability';
import { requestLogFields } from '../logging/request-log-fields';
import { toOzError } from './to-oz-error';

/**
 * Every error of a command handler leaves as an RpcException carrying the Oz body; NestJS sends an
 * object error as it is, so the caller's observable fails with exactly that body. Errors that are
 * not the caller's are logged here, once, with the request's ids.
 */
@Catch()
export class OzErrorFilter extends BaseRpcExceptionFilter<unknown, unknown> {
  constructor(@Inject(JsonLogger) private readonly logger: JsonLogger) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): Observable<unknown> {
    const body = toOzError(exception);
    if (body.error_code === OzErrorCode.UNKNOWN) {
      const rpc = host.switchToRpc();
      this.logger.event('error', 'command failed', {
        pattern: rpc.getContext<TcpContext>().getPattern(),
        ...requestLogFields(rpc.getData()),
        error: describeError(exception),
      });
    }
    return super.catch(new RpcException(body), host);
  }
}
