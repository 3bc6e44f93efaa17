import type { AnalysisType } from '@forensics/domain';
import { type Caller, assertMayStartAnalyses, withCompanyBiometrySettings } from './caller';

const callerAllowed = (...types: AnalysisType[]): Caller => ({ actor: { user_id: 'u1', company_id: 'c1', role: 'CLIENT' }, sessionId: 's1', mayStartAnalyses: new Set(types), companyBiometry: null });
const companySettings = (settings: Caller['companyBiometry']): Caller['companyBiometry'] => settings;
const analysis = (type: string, params: Record<string, unknown> = {}) => ({ type, params, source_media: null, meta_data: {} });

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

describe("withCompanyBiometrySettings (DESIGN.md §3: OPERATOR_REQUIRED only when the folder's company's settings turn review on)", () => {
  it('given a company with review on and its own band, then its BIOMETRY analyses carry them, and QUALITY is left alone', () => {
    const settings = companySettings({ operator_review: true, threshold_match: 0.9, grey_band_low: 0.3 });
    expect(withCompanyBiometrySettings(settings, [analysis('quality'), analysis('biometry')])).toEqual([
      analysis('quality'),
      analysis('biometry', { threshold_match: 0.9, grey_band_low: 0.3, operator_review: true }),
    ]);
  });

  it('given a company with no settings (or a user without a company), then review is off', () => {
    expect(withCompanyBiometrySettings(companySettings(null), [analysis('BIOMETRY')])).toEqual([analysis('BIOMETRY', { operator_review: false })]);
    expect(withCompanyBiometrySettings(companySettings({ operator_review: false }), [analysis('collection')])).toEqual([analysis('collection', { operator_review: false })]);
  });

  it("given a request with a threshold of its own, then it takes none of the company's band, but still the company's review setting", () => {
    const settings = companySettings({ operator_review: true, threshold_match: 0.9, grey_band_low: 0.3 });
    expect(withCompanyBiometrySettings(settings, [analysis('biometry', { threshold_match: 0.95 })])).toEqual([analysis('biometry', { threshold_match: 0.95, operator_review: true })]);
  });

  it("given a company match threshold, then a request may raise it but not lower it (code 4): the company's check is a floor", () => {
    const settings = companySettings({ operator_review: true, threshold_match: 0.8, grey_band_low: 0.6 });
    expect(withCompanyBiometrySettings(settings, [analysis('biometry', { threshold_match: 0.9 })])).toEqual([analysis('biometry', { threshold_match: 0.9, operator_review: true })]);
    expect(() => withCompanyBiometrySettings(settings, [analysis('biometry', { threshold_match: 0 })])).toThrow(expect.objectContaining({ code: 4, details: { field: 'params.threshold_match', minimum: 0.8 } }));
  });

  it('given a request that sets operator_review itself, then INVALID VALUE (code 4): it is the company setting', () => {
    expect(() => withCompanyBiometrySettings(companySettings({ operator_review: true }), [analysis('biometry', { operator_review: true })])).toThrow(
      expect.objectContaining({ code: 4, details: { field: 'params.operator_review' } }),
    );
  });
});
