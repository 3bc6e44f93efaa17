// The stack choice holds: NestJS 12 (ESM-only) loads under Jest through @swc/jest, with decorator
// metadata, and a TCP microservice answers a client the way the gateway will call ingest.
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, MessagePattern, type MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import type { INestMicroservice } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { freePort } from '../index';

@Controller()
class EchoController {
  @MessagePattern('echo')
  echo(@Payload() data: { text: string }): { text: string; length: number } {
    return { text: data.text.toUpperCase(), length: data.text.length };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('NestJS 12 microservice over TCP', () => {
  let app: INestMicroservice;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    app = await NestFactory.createMicroservice<MicroserviceOptions>(EchoModule, {
      transport: Transport.TCP,
      options: { host: '127.0.0.1', port },
      logger: false,
    });
    await app.listen();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers a message pattern sent by a client proxy', async () => {
    const client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port } });
    try {
      await expect(firstValueFrom(client.send('echo', { text: 'liveness' }))).resolves.toEqual({ text: 'LIVENESS', length: 8 });
    } finally {
      await client.close();
    }
  });
});
