import { OzHttpError } from '../errors/oz-http-error';
import { flag } from './folder-list-query';

describe('a boolean query parameter (with_analyses, total_omit, keep_open)', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['0', false],
  ])('given %p, as the HTTP clients of different languages send it, then %p', (raw, expected) => {
    expect(flag({ with_analyses: raw }, 'with_analyses')).toBe(expected);
  });

  it('given nothing, then false', () => {
    expect(flag({}, 'with_analyses')).toBe(false);
  });

  it.each(['yes', '', '2', 'truee'])('given %p, then INVALID VALUE (code 4) naming the parameter', (raw) => {
    expect(() => flag({ with_analyses: raw }, 'with_analyses')).toThrow(expect.objectContaining({ code: 4, details: { field: 'with_analyses', value: raw } }));
    expect(() => flag({ with_analyses: raw }, 'with_analyses')).toThrow(OzHttpError);
  });
});
