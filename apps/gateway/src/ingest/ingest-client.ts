import { type ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import type { IngestPattern, IngestReply, IngestRequestOf } from '@forensics/contracts';
import { OzErrorCode } from '@forensics/domain';
import { NoDelayJsonSocket } from '@forensics/messaging';
import { OzHttpError } from '../errors/oz-http-error';

const REPLY_TIMEOUT_MS = 30_000;

/**
 * Sends commands to ingest over TCP (NestJS microservices). Ingest's refusals arrive as Oz error
 * bodies and are rethrown as they are; an ingest that cannot be reached is an external-service
 * error (503), not the client's fault.
 */
export class IngestClient {
  private readonly client: ClientProxy;

  constructor(host: string, port: number) {
    this.client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host, port, socketClass: NoDelayJsonSocket } });
  }

  async send<P extends IngestPattern>(pattern: P, request: IngestRequestOf<P>): Promise<IngestReply> {
    try {
      return await firstValueFrom(this.client.send<IngestReply>(pattern, request).pipe(timeout(REPLY_TIMEOUT_MS)));
    } catch (error) {
      // Ingest refuses new commands while it stops (code 11): like one that cannot be reached, a
      // service to try again shortly (503), not a fault of the client.
      if (isOzBody(error)) throw new OzHttpError(error.error_code, error.error_message, error.details ?? null, error.error_code === OzErrorCode.EXTERNAL_SERVICE ? 503 : undefined);
      throw new OzHttpError(OzErrorCode.EXTERNAL_SERVICE, 'The command service is not reachable; try again', null, 503);
    }
  }

  close(): Promise<void> {
    return this.client.close() as Promise<void>;
  }
}

const isOzBody = (value: unknown): value is { error_code: OzErrorCode; error_message: string; details?: unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { error_code?: unknown }).error_code === 'number' && typeof (value as { error_message?: unknown }).error_message === 'string';
