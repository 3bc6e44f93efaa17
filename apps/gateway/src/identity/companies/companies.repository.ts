import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { IDENTITY_DATA_SOURCE } from '../database/identity-data-source.provider';
import { queryRows } from '../database/query-rows';
import { likeFragment, type ListQuery } from '../input/list-query';
import type { BiometrySettings } from './biometry-settings';
import type { CompanyRow } from './company.row';

const COLUMNS = 'company_id, name, in_deletion, technical_meta_data, biometry_settings, time_created';

/** The `companies` table. `onlyId` narrows a query to one company: the caller's tenancy. */
@Injectable()
export class CompaniesRepository {
  constructor(@Inject(IDENTITY_DATA_SOURCE) private readonly db: DataSource) {}

  async insert(company_id: string, name: string, biometry: BiometrySettings): Promise<CompanyRow> {
    const rows = await queryRows<CompanyRow>(this.db, `INSERT INTO companies (company_id, name, biometry_settings) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [company_id, name, JSON.stringify(biometry)]);
    return rows[0] as CompanyRow;
  }

  /** Changes what is given; undefined when there is no such company. */
  async update(company_id: string, change: Readonly<{ name?: string; biometry?: BiometrySettings }>): Promise<CompanyRow | undefined> {
    const rows = await queryRows<CompanyRow>(
      this.db,
      `UPDATE companies SET name = coalesce($2, name), biometry_settings = coalesce($3::jsonb, biometry_settings) WHERE company_id = $1 RETURNING ${COLUMNS}`,
      [company_id, change.name ?? null, change.biometry ? JSON.stringify(change.biometry) : null],
    );
    return rows[0];
  }

  async find(company_id: string): Promise<CompanyRow | undefined> {
    const rows = await queryRows<CompanyRow>(this.db, `SELECT ${COLUMNS} FROM companies WHERE company_id = $1`, [company_id]);
    return rows[0];
  }

  async list(query: ListQuery, onlyId: string | null): Promise<{ rows: CompanyRow[]; total: number }> {
    const filter = `($1::uuid IS NULL OR company_id = $1) AND ($2::text IS NULL OR name ILIKE '%' || $2 || '%')`;
    const params = [onlyId, query.searchText === undefined ? null : likeFragment(query.searchText)];
    const rows = await queryRows<CompanyRow>(this.db, `SELECT ${COLUMNS} FROM companies WHERE ${filter} ORDER BY time_created, company_id LIMIT $3 OFFSET $4`, [...params, query.limit, query.offset]);
    const counted = await queryRows<{ total: string }>(this.db, `SELECT count(*) AS total FROM companies WHERE ${filter}`, params);
    return { rows, total: Number(counted[0]?.total ?? 0) };
  }
}
