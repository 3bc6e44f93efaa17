import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { GATEWAY_CONFIG } from '../../config/gateway-config.provider';
import type { GatewayConfig } from '../../config/gateway.config';
import { hashPassword } from '../passwords/password-hash';
import { UsersRepository } from '../users/users.repository';

/**
 * The first ADMIN, from ADMIN_EMAIL and ADMIN_PASSWORD: created at start when there is no ADMIN
 * at all, and left alone otherwise (its password is not reset from the environment). So an
 * installation whose admins retired the bootstrap account (deleted it, or changed its e-mail)
 * does not get it back, with the password of the environment, at the next start. Two gateways
 * starting together are safe: the unique e-mail index lets only one insert win.
 */
@Injectable()
export class FirstAdmin implements OnModuleInit {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly users: UsersRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.ensure();
  }

  /** True when this call created the admin. */
  async ensure(): Promise<boolean> {
    if ((await this.users.anyAdmin()) || (await this.users.findByEmail(this.config.adminEmail))) return false;
    return this.users.insertIfEmailFree({
      user_id: randomUUID(),
      company_id: null,
      email: this.config.adminEmail,
      password_hash: await hashPassword(this.config.adminPassword),
      user_type: 'ADMIN',
      first_name: 'Admin',
      last_name: '',
      middle_name: '',
      is_active: true,
      can_start_analyse_biometry: true,
      can_start_analyse_quality: true,
      can_start_analyse_collection: true,
      can_start_analyse_documents: true,
      meta_data: {},
    });
  }
}
