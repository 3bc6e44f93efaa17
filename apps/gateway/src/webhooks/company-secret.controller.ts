import { Controller, Get, Header, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import type { CompanySecret, CompanySecrets } from '@forensics/webhooks';
import { GATEWAY_CONFIG } from '../config/gateway-config.provider';
import type { GatewayConfig } from '../config/gateway.config';
import { forbidden, notExist } from '../errors/oz-http-error';
import { CompaniesService, CurrentActor } from '../identity';
import { pathId } from '../identity/input/path-id';
import { COMPANY_SECRETS } from './webhooks.tokens';

/**
 * Beyond Oz: the secret a company's webhooks are signed with, read and rotated by an ADMIN or
 * the company's CLIENT ADMIN. After a rotation the previous secret signs too, until
 * `previous_secret_valid_until`, so receivers can switch without losing a webhook.
 */
@Controller('api/companies/:company_id/webhook_secret')
export class CompanySecretController {
  constructor(
    @Inject(CompaniesService) private readonly companies: CompaniesService,
    @Inject(COMPANY_SECRETS) private readonly secrets: CompanySecrets,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async read(@Param('company_id') companyId: string, @CurrentActor() actor: Actor) {
    return this.json(await this.secrets.current(await this.allowed(companyId, actor)));
  }

  @Post('rotate')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async rotate(@Param('company_id') companyId: string, @CurrentActor() actor: Actor) {
    return this.json(await this.secrets.rotate(await this.allowed(companyId, actor), this.config.webhookSecretGraceMs));
  }

  /** Another tenant's company does not exist; in one's own company only the CLIENT ADMIN holds the secret. */
  private async allowed(companyId: string, actor: Actor): Promise<string> {
    const id = pathId(companyId, 'Company');
    if (!(await this.companies.exists(actor, id))) throw notExist('Company', { company_id: id });
    if (actor.role !== 'ADMIN' && !(actor.role === 'CLIENT_ADMIN' && actor.company_id === id)) throw forbidden("Only an ADMIN or the company's CLIENT ADMIN holds its webhook secret");
    return id;
  }

  private json(secret: CompanySecret) {
    return {
      company_id: secret.company_id,
      secret: secret.secret,
      time_created: secret.created_at.getTime() / 1000,
      // Replaced secrets that still sign, each until its own end (epoch seconds), newest first.
      previous_secrets: secret.previous_secrets.map((p) => ({ secret: p.secret, valid_until: p.valid_until.getTime() / 1000 })),
      signature_header: 'X-Forensics-Signature',
      signature_scheme: 'sha256=<hex HMAC-SHA256 of "<X-Forensics-Timestamp>.<raw body>">, one per secret in use, comma-separated; accept the request when any one verifies',
    };
  }

}
