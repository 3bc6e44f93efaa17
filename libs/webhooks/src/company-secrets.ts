import type { DataSource } from 'typeorm';
import { newCompanySecret } from './signature';

/** A secret a rotation replaced: it still signs until `valid_until`. */
export type PreviousSecret = Readonly<{ secret: string; valid_until: Date }>;

export type CompanySecret = Readonly<{
  company_id: string;
  secret: string;
  created_at: Date;
  /** The replaced secrets whose grace period still runs, newest first. */
  previous_secrets: readonly PreviousSecret[];
}>;

type Row = { company_id: string; secret: string; created_at: Date; previous_secrets: { secret: string; valid_until: string }[] };

const COLUMNS = 'company_id, secret, created_at, previous_secrets';

/** Only the replaced secrets still in their grace period at `now`. */
const inGrace = (row: Row, now: Date): CompanySecret => ({
  company_id: row.company_id,
  secret: row.secret,
  created_at: row.created_at,
  previous_secrets: row.previous_secrets.map((p) => ({ secret: p.secret, valid_until: new Date(p.valid_until) })).filter((p) => p.valid_until.getTime() > now.getTime()),
});

/**
 * One signing secret per company, made on first need. A rotation makes a new one; each secret it
 * replaces keeps signing until the end of the grace period set when it was replaced, so receivers
 * that still hold it lose nothing, however many rotations follow.
 */
export class CompanySecrets {
  constructor(private readonly dataSource: DataSource) {}

  /** The company's secret; concurrent first needs agree on one (`ON CONFLICT DO NOTHING`, then a read). */
  async current(companyId: string, now: Date = new Date()): Promise<CompanySecret> {
    await this.dataSource.query(`INSERT INTO company_secrets (company_id, secret) VALUES ($1, $2) ON CONFLICT (company_id) DO NOTHING`, [companyId, newCompanySecret()]);
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM company_secrets WHERE company_id = $1`, [companyId])) as Row[];
    return inGrace(rows[0] as Row, now);
  }

  /** The secrets that sign a request now: the current one first, then the replaced ones still in their grace period. */
  async signing(companyId: string, now: Date = new Date()): Promise<string[]> {
    const secret = await this.current(companyId, now);
    return [secret.secret, ...secret.previous_secrets.map((p) => p.secret)];
  }

  /** A new random secret; the one it replaces signs for `graceMs` more (those replaced earlier keep their own end). */
  async rotate(companyId: string, graceMs: number): Promise<CompanySecret> {
    await this.current(companyId);
    const rows = (await this.dataSource.query(
      `UPDATE company_secrets
         SET previous_secrets = jsonb_build_array(jsonb_build_object('secret', secret, 'valid_until', clock_timestamp() + $3::bigint * interval '1 millisecond'))
               || COALESCE((SELECT jsonb_agg(p) FROM jsonb_array_elements(previous_secrets) p WHERE (p->>'valid_until')::timestamptz > clock_timestamp()), '[]'::jsonb),
             secret = $2, created_at = clock_timestamp()
       WHERE company_id = $1 RETURNING ${COLUMNS}`,
      [companyId, newCompanySecret(), graceMs],
    )) as [Row[], number];
    return inGrace(rows[0][0] as Row, new Date());
  }
}
