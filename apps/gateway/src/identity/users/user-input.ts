import type { Role } from '@forensics/domain';
import { invalidStructure, invalidValue } from '../../errors/oz-http-error';
import { MAX_PASSWORD_LENGTH } from '../auth/auth.service';
import { InputObject } from '../input/input-object';
import { USER_ROLES } from './user-access';
import { ANALYSE_FLAGS, type AnalyseFlag } from './user.row';

/** What a POST or PATCH of `/api/users/` says; undefined is "not said". `company_id: null` is said. */
export type UserInput = Readonly<
  {
    email?: string;
    password?: string;
    user_type?: Role;
    company_id?: string | null;
    first_name?: string;
    last_name?: string;
    middle_name?: string;
    is_active?: boolean;
    meta_data?: Record<string, unknown>;
  } & Partial<Record<AnalyseFlag, boolean>>
>;

const EMAIL = { min: 3, max: 254, pattern: /^[^@\s]+@[^@\s]+$/, expected: 'an e-mail address' };
const PASSWORD = { min: 8, max: MAX_PASSWORD_LENGTH, expected: 'at least 8 characters' };
const NAME = { max: 255 };
const USER_TYPE = { max: 32, pattern: new RegExp(`^(${USER_ROLES.join('|')})$`), expected: `one of ${USER_ROLES.join(', ')}` };

/**
 * `{credentials: {email, password}, profile: {...}}`, the shape of reference/oz-api.md §1.2, for a
 * new user (`credentials` required) or an edit (every part optional). API 5's `is_admin` and
 * `is_service` refine `user_type` CLIENT, or stand for a role when `user_type` is absent.
 */
export function readUserInput(body: unknown, kind: 'create' | 'edit'): UserInput {
  const input = InputObject.of(body);
  const credentials = kind === 'create' ? input.object('credentials') : input.object('credentials', 'optional');
  const profile = input.object('profile', 'optional');
  const required = kind === 'create' ? undefined : ('optional' as const);
  const flags = Object.fromEntries(ANALYSE_FLAGS.map((flag) => [flag, profile?.boolean(flag)]));
  const read: UserInput = {
    email: credentials?.string('email', EMAIL, required),
    password: credentials?.string('password', PASSWORD, required),
    user_type: roleOf(profile),
    company_id: profile?.uuidOrNull('company_id'),
    first_name: profile?.string('first_name', NAME, 'optional'),
    last_name: profile?.string('last_name', NAME, 'optional'),
    middle_name: profile?.string('middle_name', NAME, 'optional'),
    is_active: profile?.boolean('is_active'),
    meta_data: profile?.record('meta_data'),
    ...flags,
  };
  if (kind === 'edit' && Object.values(read).every((value) => value === undefined)) throw invalidStructure('Nothing to change: send credentials or profile fields');
  return read;
}

/**
 * The role: `user_type`, refined by API 5's flags. Oz's own documented body sends them together
 * (reference/oz-api.md §1.2), so `CLIENT` with `is_service: true` is a CLIENT SERVICE and with
 * `is_admin: true` a CLIENT ADMIN; alone, a flag stands for that role.
 */
function roleOf(profile: InputObject | undefined): Role | undefined {
  const userType = profile?.string('user_type', USER_TYPE, 'optional') as Role | undefined;
  const isService = profile?.boolean('is_service') === true;
  const isAdmin = profile?.boolean('is_admin') === true;
  if (isService && isAdmin) throw invalidValue('A user is a service user or an admin, not both: is_service and is_admin are both true', { field: 'profile.is_service' });
  if (userType !== undefined && userType !== 'CLIENT') return userType;
  if (isService) return 'CLIENT_SERVICE';
  if (isAdmin) return 'CLIENT_ADMIN';
  return userType;
}
