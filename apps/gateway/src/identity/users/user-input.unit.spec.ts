import { OzErrorCode } from '@forensics/domain';
import { readUserInput } from './user-input';

const codeOf = (run: () => unknown): number | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: number }).code;
  }
};

describe('reading a user from a request', () => {
  const credentials = { email: 'ann@example.com', password: 'long enough' };

  it('reads the Oz shape: credentials and profile', () => {
    const input = readUserInput({ credentials, profile: { user_type: 'CLIENT', company_id: 'A0000000-0000-4000-8000-000000000000', first_name: 'Ann', can_start_analyse_quality: false } }, 'create');
    expect(input).toMatchObject({ email: 'ann@example.com', user_type: 'CLIENT', company_id: 'a0000000-0000-4000-8000-000000000000', first_name: 'Ann', can_start_analyse_quality: false });
  });

  it('takes API 5 flags as a role when user_type is absent', () => {
    expect(readUserInput({ credentials, profile: { is_service: true } }, 'create').user_type).toBe('CLIENT_SERVICE');
    expect(readUserInput({ credentials, profile: { is_admin: true } }, 'create').user_type).toBe('CLIENT_ADMIN');
  });

  it("takes API 5 flags with user_type CLIENT as Oz's documented body sends them: a service user or a company admin", () => {
    expect(readUserInput({ credentials, profile: { user_type: 'CLIENT', is_service: true } }, 'create').user_type).toBe('CLIENT_SERVICE');
    expect(readUserInput({ credentials, profile: { user_type: 'CLIENT', is_admin: true } }, 'create').user_type).toBe('CLIENT_ADMIN');
    expect(readUserInput({ credentials, profile: { user_type: 'CLIENT', is_admin: false, is_service: false } }, 'create').user_type).toBe('CLIENT');
    expect(readUserInput({ credentials, profile: { user_type: 'OPERATOR', is_admin: true } }, 'create').user_type).toBe('OPERATOR');
    expect(() => readUserInput({ credentials, profile: { is_admin: true, is_service: true } }, 'create')).toThrow(expect.objectContaining({ code: 4 }));
  });

  it('answers INVALID STRUCTURE for a missing part, INVALID TYPE for a wrong type, INVALID VALUE for a bad value', () => {
    expect(codeOf(() => readUserInput({ profile: {} }, 'create'))).toBe(OzErrorCode.INVALID_STRUCTURE);
    expect(codeOf(() => readUserInput({ credentials: { email: 'a@b' } }, 'create'))).toBe(OzErrorCode.INVALID_STRUCTURE);
    expect(codeOf(() => readUserInput([], 'create'))).toBe(OzErrorCode.INVALID_STRUCTURE);
    expect(codeOf(() => readUserInput({ credentials: { ...credentials, password: 12345678 } }, 'create'))).toBe(OzErrorCode.INVALID_TYPE);
    expect(codeOf(() => readUserInput({ credentials, profile: { is_active: 'yes' } }, 'create'))).toBe(OzErrorCode.INVALID_TYPE);
    expect(codeOf(() => readUserInput({ credentials: { ...credentials, password: 'short' } }, 'create'))).toBe(OzErrorCode.INVALID_VALUE);
    expect(codeOf(() => readUserInput({ credentials: { ...credentials, email: 'not an e-mail' } }, 'create'))).toBe(OzErrorCode.INVALID_VALUE);
    expect(codeOf(() => readUserInput({ credentials, profile: { user_type: 'SYSTEM' } }, 'create'))).toBe(OzErrorCode.INVALID_VALUE);
    expect(codeOf(() => readUserInput({ credentials, profile: { company_id: 'not-a-uuid' } }, 'create'))).toBe(OzErrorCode.INVALID_VALUE);
  });

  it('lets an edit say only what changes, but not nothing', () => {
    expect(readUserInput({ profile: { last_name: 'Lee' } }, 'edit')).toMatchObject({ last_name: 'Lee', email: undefined, password: undefined });
    expect(codeOf(() => readUserInput({}, 'edit'))).toBe(OzErrorCode.INVALID_STRUCTURE);
  });
});
