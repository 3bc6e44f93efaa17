import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, Role } from '@forensics/domain';
import { forbidden, invalidStructure, invalidValue, notExist } from '../../errors/oz-http-error';
import { CompaniesService } from '../companies/companies.service';
import { readListQuery } from '../input/list-query';
import { InputObject } from '../input/input-object';
import { hashPassword } from '../passwords/password-hash';
import { SessionService } from '../sessions/session.service';
import { assignableRoles, belongsToCompany, canManageUser, canSeeUser, userReadScope } from './user-access';
import { readUserInput, type UserInput } from './user-input';
import { type UserResponse, type UserRow, toUserResponse } from './user.row';
import { UsersRepository } from './users.repository';

/** What a user may change of itself without managing rights. */
const SELF_EDITABLE: readonly (keyof UserInput)[] = ['email', 'password', 'first_name', 'last_name', 'middle_name', 'meta_data'];

/** Users under the role rules of reference/oz-api.md §9; another company's user does not exist. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly companies: CompaniesService,
    private readonly sessions: SessionService,
  ) {}

  async create(actor: Actor, body: unknown): Promise<UserResponse> {
    if (assignableRoles(actor).length === 0) throw forbidden('You may not create users');
    const input = readUserInput(body, 'create');
    const user_type = input.user_type ?? 'CLIENT';
    this.mayAssign(actor, user_type);
    const company_id = await this.companyFor(actor, user_type, input.company_id ?? (actor.role === 'CLIENT_ADMIN' ? actor.company_id : null));
    const row = await this.users.insert({
      user_id: randomUUID(),
      company_id,
      email: input.email as string,
      password_hash: await hashPassword(input.password as string),
      user_type,
      first_name: input.first_name ?? '',
      last_name: input.last_name ?? '',
      middle_name: input.middle_name ?? '',
      is_active: input.is_active ?? true,
      can_start_analyse_biometry: input.can_start_analyse_biometry ?? true,
      can_start_analyse_quality: input.can_start_analyse_quality ?? true,
      can_start_analyse_collection: input.can_start_analyse_collection ?? true,
      can_start_analyse_documents: input.can_start_analyse_documents ?? true,
      meta_data: input.meta_data ?? {},
    });
    return toUserResponse(row);
  }

  async get(actor: Actor, user_id: string): Promise<UserResponse> {
    return toUserResponse(await this.visible(actor, user_id));
  }

  async list(actor: Actor, query: Record<string, unknown>): Promise<{ items: UserResponse[]; total: number; total_count: number }> {
    const company_id = InputObject.of(query, 'query').uuidOrNull('company_id') ?? undefined;
    const { rows, total } = await this.users.list(readListQuery(query), userReadScope(actor), company_id);
    // Both names of the count: the folder list's (`total_count`) and this one's first (`total`).
    return { items: rows.map(toUserResponse), total, total_count: total };
  }

  /** `sessionId`: the caller's own session, which a change of one's own password keeps. */
  async update(actor: Actor, user_id: string, body: unknown, sessionId: string | null = null): Promise<UserResponse> {
    const input = readUserInput(body, 'edit');
    const user = await this.visible(actor, user_id);
    const self = user.user_id === actor.user_id;
    if (!canManageUser(actor, user)) {
      const said = (Object.keys(input) as (keyof UserInput)[]).filter((key) => input[key] !== undefined);
      if (!self) throw forbidden('You may not change this user');
      if (said.some((key) => !SELF_EDITABLE.includes(key))) throw forbidden('You may change only your names, e-mail, password and meta_data');
    }
    if (self && input.is_active === false) throw invalidValue('You cannot deactivate yourself', { field: 'profile.is_active' });
    const user_type = input.user_type ?? user.user_type;
    if (input.user_type !== undefined) this.mayAssign(actor, user_type);
    const company_id = belongsToCompany(user_type) ? await this.companyFor(actor, user_type, input.company_id === undefined ? user.company_id : input.company_id) : await this.companyFor(actor, user_type, input.company_id ?? null);
    const { password, ...rest } = input;
    const updated = await this.users.update(user.user_id, { ...rest, user_type, company_id, password_hash: password === undefined ? undefined : await hashPassword(password) });
    // Deleted meanwhile (while the password was hashed): as if it had never been there.
    if (!updated) throw notExist('User', { user_id });
    // Its role, company or permissions may have changed: its tokens are checked afresh.
    this.sessions.forgetCheckedTokensOf(user.user_id);
    // Someone else resetting the password, or a deactivation, ends the user's sessions; changing
    // one's own password ends all the others (whoever else held a token of it is out).
    if (input.is_active === false || (password !== undefined && !self)) await this.sessions.revokeAllOf(user.user_id);
    else if (password !== undefined && self) await this.sessions.revokeAllOf(user.user_id, sessionId);
    return toUserResponse(updated);
  }

  async delete(actor: Actor, user_id: string): Promise<void> {
    const user = await this.visible(actor, user_id);
    if (!canManageUser(actor, user)) throw forbidden('You may not delete this user');
    if (user.user_id === actor.user_id) throw invalidValue('You cannot delete yourself', { user_id });
    await this.users.markDeleted(user.user_id);
    await this.sessions.revokeAllOf(user.user_id);
  }

  private async visible(actor: Actor, user_id: string): Promise<UserRow> {
    const user = await this.users.find(user_id);
    if (!user || !canSeeUser(actor, user)) throw notExist('User', { user_id });
    return user;
  }

  private mayAssign(actor: Actor, user_type: Role): void {
    if (!assignableRoles(actor).includes(user_type)) throw forbidden(`You may not give the role ${user_type}`);
  }

  /** ADMIN and OPERATOR belong to no company; a CLIENT* user to one the actor can see. */
  private async companyFor(actor: Actor, user_type: Role, company_id: string | null): Promise<string | null> {
    if (!belongsToCompany(user_type)) {
      if (company_id !== null) throw invalidValue(`A ${user_type} belongs to no company`, { field: 'profile.company_id' });
      return null;
    }
    if (company_id === null) throw invalidStructure(`Could not locate field profile.company_id: a ${user_type} belongs to a company`, { field: 'profile.company_id' });
    // A company the actor cannot see answers like one that does not exist.
    if (!(await this.companies.exists(actor, company_id))) throw invalidValue('profile.company_id names no company', { field: 'profile.company_id' });
    return company_id;
  }
}
