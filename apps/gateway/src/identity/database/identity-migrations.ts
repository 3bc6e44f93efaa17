import { CreateIdentity1732500000000 } from './migrations/1732500000000-create-identity';
import { CreateLoginFailures1733100000000 } from './migrations/1733100000000-create-login-failures';
import { AddCompanyBiometrySettings1733300000000 } from './migrations/1733300000000-add-company-biometry-settings';
import { NotifyIdentityChanges1733600000000 } from './migrations/1733600000000-notify-identity-changes';

/** The identity schema's migrations, in order. */
export const IDENTITY_MIGRATIONS = [CreateIdentity1732500000000, CreateLoginFailures1733100000000, AddCompanyBiometrySettings1733300000000, NotifyIdentityChanges1733600000000];
