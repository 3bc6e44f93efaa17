import type { Role } from '@forensics/domain';

export const ANALYSE_FLAGS = ['can_start_analyse_biometry', 'can_start_analyse_quality', 'can_start_analyse_collection', 'can_start_analyse_documents'] as const;
export type AnalyseFlag = (typeof ANALYSE_FLAGS)[number];

/** A row of `users` (deleted users are never read into one). */
export type UserRow = Readonly<
  {
    user_id: string;
    company_id: string | null;
    email: string;
    password_hash: string;
    user_type: Role;
    first_name: string;
    last_name: string;
    middle_name: string;
    is_active: boolean;
    meta_data: Record<string, unknown>;
    time_created: Date;
    time_updated: Date;
  } & Record<AnalyseFlag, boolean>
>;

/** The Oz user object: never the password hash; `is_admin` and `is_service` spell the role as API 5 did. */
export type UserResponse = Readonly<Omit<UserRow, 'password_hash' | 'time_created' | 'time_updated'> & { is_admin: boolean; is_service: boolean; time_created: number; time_updated: number }>;

export const toUserResponse = ({ password_hash: _, ...row }: UserRow): UserResponse => ({
  user_id: row.user_id,
  user_type: row.user_type,
  company_id: row.company_id,
  email: row.email,
  first_name: row.first_name,
  last_name: row.last_name,
  middle_name: row.middle_name,
  is_admin: row.user_type === 'ADMIN' || row.user_type === 'CLIENT_ADMIN',
  is_service: row.user_type === 'CLIENT_SERVICE',
  is_active: row.is_active,
  can_start_analyse_biometry: row.can_start_analyse_biometry,
  can_start_analyse_quality: row.can_start_analyse_quality,
  can_start_analyse_collection: row.can_start_analyse_collection,
  can_start_analyse_documents: row.can_start_analyse_documents,
  meta_data: row.meta_data,
  time_created: row.time_created.getTime() / 1000,
  time_updated: row.time_updated.getTime() / 1000,
});
