import { analysesOf } from './upload-payload';

// Decision 0003: a part of the wrong shape is INVALID STRUCTURE (3); a well-formed part with a
// value we refuse is INVALID VALUE (4).
describe('the analyses of a request', () => {
  it('given none, then there is no group', () => {
    expect(analysesOf(undefined)).toBeNull();
  });

  it.each([
    ['not a list', { type: 'quality' }],
    ['an empty list', []],
    ['an entry that is not an object', ['quality']],
  ])('given %s, then INVALID STRUCTURE (code 3)', (_what, value) => {
    expect(() => analysesOf(value)).toThrow(expect.objectContaining({ code: 3 }));
  });

  it.each([
    ['a type that is not a string', [{ type: 7 }]],
    ['source_media that is not a list of ids', [{ type: 'quality', source_media: 'm1' }]],
    ['params that are not an object', [{ type: 'quality', params: [] }]],
  ])('given %s, then INVALID VALUE (code 4)', (_what, value) => {
    expect(() => analysesOf(value)).toThrow(expect.objectContaining({ code: 4 }));
  });

  it('given well-formed entries, then each with its defaults', () => {
    expect(analysesOf([{ type: 'quality' }, { type: 'biometry', source_media: ['m1', 'm2'], params: { threshold_match: 0.8 } }])).toEqual([
      { type: 'quality', source_media: null, params: {}, meta_data: {} },
      { type: 'biometry', source_media: ['m1', 'm2'], params: { threshold_match: 0.8 }, meta_data: {} },
    ]);
  });
});
