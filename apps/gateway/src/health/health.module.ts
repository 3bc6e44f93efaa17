import { Controller, Get, Inject, Module, type OnApplicationShutdown, Res } from '@nestjs/common';
import { createKafka } from '@forensics/messaging';
import type { Admin } from 'kafkajs';
import { GATEWAY_CONFIG } from '../config/gateway-config.provider';
import type { GatewayConfig } from '../config/gateway.config';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { FoldersModule } from '../folders/folders.module';
import { READ_MODEL_DB } from '../folders/folders.tokens';
import { Public } from '../identity/public.decorator';
import { OpenApiController } from '../openapi/openapi.controller';

/** `/health`: the process answers. `/ready`: PostgreSQL answers (with the read models) and so does Kafka. */
@Controller()
class HealthController implements OnApplicationShutdown {
  private admin: Admin | null = null;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async kafkaAnswers(): Promise<boolean> {
    try {
      if (!this.admin) {
        const admin = createKafka({ brokers: this.config.brokers, clientId: 'gateway-readiness' }).admin();
        await admin.connect();
        this.admin = admin;
      }
      const described = this.admin.describeCluster();
      return await Promise.race([described.then((c) => c.brokers.length > 0), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000).unref())]);
    } catch {
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = null;
      return false;
    }
  }

  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const [postgres, kafka] = await Promise.all([
      this.db.query(`SELECT to_regclass('folders') IS NOT NULL AS ok`).then((r: { ok: boolean }[]) => r[0]?.ok === true, () => false),
      this.kafkaAnswers(),
    ]);
    const ok = postgres && kafka;
    response.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', postgres, kafka });
  }
}

@Module({ imports: [FoldersModule], controllers: [HealthController, OpenApiController] })
export class HealthModule {}
