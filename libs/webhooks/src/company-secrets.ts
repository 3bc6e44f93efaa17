import type { DataSource } from 'typeorm';
import { newCompanySecret } from './signature';

export type CompanySecret = Readonly<{
  company_id: string;
  secret: string;
  created_at: Date;
  /** The secret before the last rotation, still signing until `rotated_at` + the grace period. */
  previous_secret: string | null;
  rotated_at: Date | null;
}>;

/** One signing secret per company, made on first need, rotated on request with a grace period for the old one. */
export class CompanySecrets {
  constructor(private readonly dataSource: DataSource) {}

  /** The company's secret; concurrent first needs agree on one (`ON CONFLICT DO NOTHING`, then a read). */
  async current(companyId: string): Promise<CompanySecret> {
    await this.dataSource.query(`INSERT INTO company_secrets (company_id, secret) VALUES ($1, $2) ON CONFLICT (company_id) DO NOTHING`, [companyId, newCompanySecret()]);
    const rows = (await this.dataSource.query(
      `SELECT company_id, secret, created_at, previous_secret, rotated_at FROM company_secrets WHERE company_id = $1`,
      [companyId],
    )) as CompanySecret[];
    return rows[0] as CompanySecret;
  }

  /** The secrets that sign a request now: the current one, then the previous one while its grace period lasts. */
  async signing(companyId: string, graceMs: number, now: Date = new Date()): Promise<string[]> {
    const secret = await this.current(companyId);
    const inGrace = secret.previous_secret !== null && secret.rotated_at !== null && now.getTime() - secret.rotated_at.getTime() < graceMs;
    return inGrace ? [secret.secret, secret.previous_secret as string] : [secret.secret];
  }

  /** Replaces the company's secret with a new random one; the old one becomes the previous secret. */
  async rotate(companyId: string): Promise<CompanySecret> {
    await this.current(companyId);
    const rows = (await this.dataSource.query(
      `UPDATE company_secrets SET previous_secret = secret, secret = $2, created_at = clock_timestamp(), rotated_at = clock_timestamp()
       WHERE company_id = $1 RETURNING company_id, secret, created_at, previous_secret, rotated_at`,
      [companyId, newCompanySecret()],
    )) as [CompanySecret[], number];
    return rows[0][0] as CompanySecret;
  }
}
