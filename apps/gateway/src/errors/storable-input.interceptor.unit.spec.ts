import { DomainError } from '@forensics/domain';
import { checkStorableInput } from './storable-input.interceptor';

describe('the input a route may hand to PostgreSQL', () => {
  const refusal = (input: Parameters<typeof checkStorableInput>[0]) => {
    try {
      checkStorableInput(input);
    } catch (error) {
      return error;
    }
    return null;
  };

  it('given ordinary text in the path, the query and a JSON body, then it passes', () => {
    expect(refusal({ params: { id: 'f-1' }, query: { meta_data: ['a==b'], limit: '5' }, body: { meta_data: { name: 'Zoë 😀', list: [1, 'x'] } } })).toBeNull();
  });

  it.each([
    ['a NUL in a path id', { params: { folderId: 'a\u0000' } }, 'folderId'],
    ['a NUL in a query value', { query: { search_text: ['x', '\u0000'] } }, 'search_text[1]'],
    ['a lone surrogate in a body value', { body: { meta_data: { note: 'x\ud800' } } }, 'meta_data.note'],
    ['a NUL in a body key', { body: { credentials: { 'e\u0000': 'x' } } }, 'credentials["e\\u0000"]'],
    ['a NUL under a body key named data (no envelope here)', { body: { data: { name: 'x\u0000' } } }, 'data.name'],
    ['a number JSON.parse read as Infinity (1e400)', { body: { meta_data: { score: Infinity } } }, 'meta_data.score'],
  ])('given %s, then INVALID VALUE (code 4) naming the field', (_what, input, field) => {
    expect(refusal(input)).toEqual(expect.objectContaining({ code: 4, details: { field } }));
    expect(refusal(input)).toBeInstanceOf(DomainError);
  });

  it('given a JSON body nested past 64 levels, then INVALID VALUE (code 4), without a stack overflow', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 20_000; level++) deep = [deep];
    expect(refusal({ body: { note: deep } })).toEqual(expect.objectContaining({ code: 4, details: expect.objectContaining({ limit: 64 }) }));
    expect(refusal({ body: [deep] })).toEqual(expect.objectContaining({ code: 4 }));
  });

  it('given a body that is not parsed JSON (a raw buffer, nothing), then it is left to the route', () => {
    expect(refusal({ body: Buffer.from([0]) })).toBeNull();
    expect(refusal({ params: undefined, query: undefined, body: undefined })).toBeNull();
  });
});
