import type { AnalysisType } from '@forensics/domain';
import { type Caller, assertMayStartAnalyses } from './caller';

const callerAllowed = (...types: AnalysisType[]): Caller => ({ actor: { user_id: 'u1', company_id: 'c1', role: 'CLIENT' }, mayStartAnalyses: new Set(types) });

describe('assertMayStartAnalyses (the can_start_analyse_* flags)', () => {
  it('given every requested type allowed, in whatever case the client wrote it, then it lets the request through', () => {
    expect(() => assertMayStartAnalyses(callerAllowed('QUALITY', 'BIOMETRY'), [{ type: 'quality' }, { type: 'BIOMETRY' }])).not.toThrow();
  });

  it('given one requested type that is off, then it refuses the whole request with AUTH FORBIDDEN (403, code 9), naming the type', () => {
    expect(() => assertMayStartAnalyses(callerAllowed('QUALITY'), [{ type: 'quality' }, { type: 'collection' }])).toThrow(
      expect.objectContaining({ code: 9, status: 403, message: expect.stringMatching(/may not start COLLECTION analyses/) }),
    );
  });

  it('given a type that is not an analysis type at all, then it leaves the refusal to the validation (400, code 4)', () => {
    expect(() => assertMayStartAnalyses(callerAllowed(), [{ type: 'palmistry' }])).not.toThrow();
  });
});
