import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import { forbidden, notExist } from '../../errors/oz-http-error';
import { InputObject } from '../input/input-object';
import { readListQuery } from '../input/list-query';
import { canSeeAllCompanies } from '../users/user-access';
import { type BiometrySettings, DEFAULT_BIOMETRY_SETTINGS, parseBiometrySettings, storedBiometrySettings } from './biometry-settings';
import { CompaniesRepository } from './companies.repository';
import { type CompanyResponse, toCompanyResponse } from './company.row';
import { TokenCache } from '../sessions/token-cache';

const NAME = { min: 1, max: 255, pattern: /\S/, expected: 'a name that is not blank' };

/** Companies: ADMIN creates them; ADMIN and OPERATOR read all; everyone else reads only its own. */
@Injectable()
export class CompaniesService {
  constructor(
    private readonly companies: CompaniesRepository,
    @Inject(TokenCache) private readonly checkedTokens: TokenCache,
  ) {}

  async create(actor: Actor, body: unknown): Promise<CompanyResponse> {
    if (actor.role !== 'ADMIN') throw forbidden('Only an ADMIN creates companies');
    const input = InputObject.of(body);
    const name = input.string('name', NAME).trim();
    const biometry = input.has('biometry_settings') ? parseBiometrySettings(input.record('biometry_settings')) : DEFAULT_BIOMETRY_SETTINGS;
    return toCompanyResponse(await this.companies.insert(randomUUID(), name, biometry));
  }

  /**
   * Renames a company or replaces its biometry settings: an ADMIN for any company, a CLIENT ADMIN
   * for its own. Another tenant's company does not exist for the caller.
   */
  async update(actor: Actor, company_id: string, body: unknown): Promise<CompanyResponse> {
    if (!this.visible(actor, company_id)) throw notExist('Company', { company_id });
    if (actor.role !== 'ADMIN' && actor.role !== 'CLIENT_ADMIN') throw forbidden('Only an ADMIN, or a CLIENT ADMIN of the company, changes it');
    const input = InputObject.of(body);
    const name = input.string('name', NAME, 'optional')?.trim();
    const biometry = input.has('biometry_settings') ? parseBiometrySettings(input.record('biometry_settings')) : undefined;
    const row = await this.companies.update(company_id, { ...(name !== undefined ? { name } : {}), ...(biometry ? { biometry } : {}) });
    if (!row) throw notExist('Company', { company_id });
    // Its users' tokens carry its biometry settings: they are checked afresh.
    this.checkedTokens.forget({ companyId: company_id });
    return toCompanyResponse(row);
  }

  async get(actor: Actor, company_id: string): Promise<CompanyResponse> {
    const row = this.visible(actor, company_id) ? await this.companies.find(company_id) : undefined;
    if (!row) throw notExist('Company', { company_id });
    return toCompanyResponse(row);
  }

  async list(actor: Actor, query: Record<string, unknown>): Promise<{ items: CompanyResponse[]; total: number; total_count: number }> {
    const onlyId = canSeeAllCompanies(actor) ? null : actor.company_id;
    if (!canSeeAllCompanies(actor) && onlyId === null) return { items: [], total: 0, total_count: 0 };
    const { rows, total } = await this.companies.list(readListQuery(query), onlyId);
    // Both names of the count: the folder list's (`total_count`) and this one's first (`total`).
    return { items: rows.map(toCompanyResponse), total, total_count: total };
  }

  /** A company's biometry settings, whoever asks (the gateway applies them to a folder of it). */
  async biometrySettingsOf(company_id: string): Promise<BiometrySettings> {
    return storedBiometrySettings((await this.companies.find(company_id))?.biometry_settings);
  }

  /** Whether the company exists for this actor: another tenant's company does not. */
  async exists(actor: Actor, company_id: string): Promise<boolean> {
    return this.visible(actor, company_id) && (await this.companies.find(company_id)) !== undefined;
  }

  private visible(actor: Actor, company_id: string): boolean {
    return canSeeAllCompanies(actor) || actor.company_id === company_id;
  }
}
