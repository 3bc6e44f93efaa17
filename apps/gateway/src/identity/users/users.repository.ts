import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { IDENTITY_DATA_SOURCE } from '../database/identity-data-source.provider';
import { queryRows } from '../database/query-rows';
import { invalidValue } from '../../errors/oz-http-error';
import { likeFragment, type ListQuery } from '../input/list-query';
import type { UserScope } from './user-access';
import type { UserRow } from './user.row';

const COLUMNS = `user_id, company_id, email, password_hash, user_type, first_name, last_name, middle_name, is_active,
  can_start_analyse_biometry, can_start_analyse_quality, can_start_analyse_collection, can_start_analyse_documents,
  meta_data, time_created, time_updated`;

/** The columns a new user or an edit may set. */
export type UserFields = Omit<UserRow, 'time_created' | 'time_updated'>;
const WRITABLE = ['company_id', 'email', 'password_hash', 'user_type', 'first_name', 'last_name', 'middle_name', 'is_active',
  'can_start_analyse_biometry', 'can_start_analyse_quality', 'can_start_analyse_collection', 'can_start_analyse_documents', 'meta_data'] as const;

const UNIQUE_VIOLATION = '23505';
const isDuplicateEmail = (error: unknown) => (error as { code?: string }).code === UNIQUE_VIOLATION;

/** The `users` table. A deleted user stays as a row for history, but nothing here reads it back. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(IDENTITY_DATA_SOURCE) private readonly db: DataSource) {}

  async insert(user: UserFields): Promise<UserRow> {
    const values = [user.user_id, ...WRITABLE.map((column) => (column === 'meta_data' ? JSON.stringify(user.meta_data) : user[column]))];
    const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
    // An INSERT that did not fail returns its row.
    return (await this.one(`INSERT INTO users (user_id, ${WRITABLE.join(', ')}) VALUES (${placeholders}) RETURNING ${COLUMNS}`, values)) as UserRow;
  }

  /** The first ADMIN: inserted only when no live user has the e-mail, race-free through the unique index. */
  async insertIfEmailFree(user: UserFields): Promise<boolean> {
    const values = [user.user_id, ...WRITABLE.map((column) => (column === 'meta_data' ? JSON.stringify(user.meta_data) : user[column]))];
    const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
    const rows = await queryRows<unknown>(this.db, 
      `INSERT INTO users (user_id, ${WRITABLE.join(', ')}) VALUES (${placeholders})
       ON CONFLICT (lower(email)) WHERE deleted_at IS NULL DO NOTHING RETURNING user_id`,
      values,
    );
    return rows.length === 1;
  }

  /** The changed row, or undefined when the user is deleted (a DELETE may commit while the change is on its way). */
  async update(user_id: string, changes: Partial<Omit<UserFields, 'user_id'>>): Promise<UserRow | undefined> {
    const columns = WRITABLE.filter((column) => changes[column] !== undefined);
    const values = columns.map((column) => (column === 'meta_data' ? JSON.stringify(changes.meta_data) : changes[column]));
    const sets = [...columns.map((column, i) => `${column} = $${i + 2}`), 'time_updated = clock_timestamp()'].join(', ');
    return this.one(`UPDATE users SET ${sets} WHERE user_id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`, [user_id, ...values]);
  }

  async markDeleted(user_id: string): Promise<void> {
    await queryRows(this.db, `UPDATE users SET deleted_at = clock_timestamp(), is_active = false, time_updated = clock_timestamp() WHERE user_id = $1`, [user_id]);
  }

  async find(user_id: string): Promise<UserRow | undefined> {
    const rows = await queryRows<UserRow>(this.db, `SELECT ${COLUMNS} FROM users WHERE user_id = $1 AND deleted_at IS NULL`, [user_id]);
    return rows[0];
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    const rows = await queryRows<UserRow>(this.db, `SELECT ${COLUMNS} FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL`, [email]);
    return rows[0];
  }

  /** Whether any ADMIN is there (active or not, but not deleted). */
  async anyAdmin(): Promise<boolean> {
    const rows = await queryRows<{ found: boolean }>(this.db, `SELECT EXISTS (SELECT 1 FROM users WHERE user_type = 'ADMIN' AND deleted_at IS NULL) AS found`, []);
    return rows[0]?.found === true;
  }

  async list(query: ListQuery, scope: UserScope, company_id: string | undefined): Promise<{ rows: UserRow[]; total: number }> {
    const filter = `deleted_at IS NULL AND ($1::uuid IS NULL OR company_id = $1) AND ($2::uuid IS NULL OR user_id = $2)
      AND ($3::uuid IS NULL OR company_id = $3)
      AND ($4::text IS NULL OR email ILIKE '%' || $4 || '%' OR (first_name || ' ' || last_name) ILIKE '%' || $4 || '%')`;
    const params = [
      scope.kind === 'company' ? scope.company_id : null,
      scope.kind === 'self' ? scope.user_id : null,
      company_id ?? null,
      query.searchText === undefined ? null : likeFragment(query.searchText),
    ];
    const rows = await queryRows<UserRow>(this.db, `SELECT ${COLUMNS} FROM users WHERE ${filter} ORDER BY time_created, user_id LIMIT $5 OFFSET $6`, [...params, query.limit, query.offset]);
    const counted = await queryRows<{ total: string }>(this.db, `SELECT count(*) AS total FROM users WHERE ${filter}`, params);
    return { rows, total: Number(counted[0]?.total ?? 0) };
  }

  private async one(sql: string, values: unknown[]): Promise<UserRow | undefined> {
    try {
      const rows = await queryRows<UserRow>(this.db, sql, values);
      return rows[0];
    } catch (error) {
      if (isDuplicateEmail(error)) throw invalidValue('A user with this e-mail already exists', { field: 'credentials.email' });
      throw error;
    }
  }
}
