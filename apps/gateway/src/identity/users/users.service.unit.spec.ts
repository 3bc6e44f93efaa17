import type { Actor } from '@forensics/domain';
import type { CompaniesService } from '../companies/companies.service';
import type { SessionService } from '../sessions/session.service';
import type { UserRow } from './user.row';
import type { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

describe('changing a user that is deleted meanwhile', () => {
  const admin: Actor = { user_id: 'admin-1', company_id: null, role: 'ADMIN' };
  const operator = { user_id: 'op-1', company_id: null, email: 'op@example.com', user_type: 'OPERATOR', first_name: 'O', last_name: 'P', middle_name: null, is_active: true, meta_data: {}, can_start_analyse_biometry: true, can_start_analyse_quality: true, time_created: new Date(), time_updated: new Date() } as unknown as UserRow;

  it('given a DELETE that commits while the new password is hashed, then 404 NOT EXIST, as for a user that was never there', async () => {
    // The repository's UPDATE ... WHERE deleted_at IS NULL finds no row: it answers undefined.
    const users = { find: jest.fn(async () => operator), update: jest.fn(async () => undefined) } as unknown as UsersRepository;
    const sessions = { forgetCheckedTokensOf: jest.fn(), revokeAllOf: jest.fn(async () => undefined) } as unknown as SessionService;
    const service = new UsersService(users, {} as CompaniesService, sessions);
    await expect(service.update(admin, 'op-1', { credentials: { password: 'a-new-password-1' } })).rejects.toMatchObject({ code: 10, status: 404 });
  });
});
