import { frameSpoofing, mediaSpoofing } from './confidence-spoofing';
import { qualityVerdict } from './quality-verdict';

describe('confidence_spoofing', () => {
  it('given a face both models call genuine, then it is near 0', () => {
    expect(frameSpoofing({ real: 1, live: 1 })).toBe(0);
  });

  it('given a face either model calls fake, then it is near 1', () => {
    expect(frameSpoofing({ real: 0, live: 1 })).toBe(1);
    expect(frameSpoofing({ real: 1, live: 0 })).toBe(1);
  });

  it('given both models are unsure, then the doubts add up: 1 - real x live', () => {
    expect(frameSpoofing({ real: 0.5, live: 0.8 })).toBeCloseTo(0.6);
  });

  it('given several frames, then the media value is their mean', () => {
    expect(mediaSpoofing([{ real: 1, live: 1 }, { real: 0.5, live: 1 }])).toBe(0.25);
  });
});

describe('qualityVerdict', () => {
  it('given every media below the threshold, then SUCCESS', () => {
    expect(qualityVerdict([0.2, 0.49], 0.5)).toBe('SUCCESS');
  });

  it('given the worst media at the threshold, then DECLINED (at or above is an attack)', () => {
    expect(qualityVerdict([0.1, 0.5], 0.5)).toBe('DECLINED');
  });

  it('given any scores at all, then it is never OPERATOR_REQUIRED', () => {
    for (const score of [0, 0.25, 0.5, 0.75, 1]) expect(['SUCCESS', 'DECLINED']).toContain(qualityVerdict([score], 0.5));
  });
});
