import { OzHttpError } from '../errors/oz-http-error';
import { flag, metaDataMatches, parseFolderListQuery } from './folder-list-query';

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

describe('the meta_data filter of the folder list', () => {
  const conditions = (meta_data: string | string[]) => parseFolderListQuery({ meta_data }).metaData;

  it('given one condition per parameter, or several joined by commas, then each is a condition', () => {
    expect(conditions(['transaction_id==t-1', 'channel!=web'])).toEqual([
      { key: 'transaction_id', value: 't-1', equal: true },
      { key: 'channel', value: 'web', equal: false },
    ]);
    expect(conditions('a==1,b!=2')).toEqual([
      { key: 'a', value: '1', equal: true },
      { key: 'b', value: '2', equal: false },
    ]);
  });

  it('given a value with a comma, then the comma stays in the value', () => {
    expect(conditions('name==Doe, John')).toEqual([{ key: 'name', value: 'Doe, John', equal: true }]);
    expect(conditions('name==Doe,John')).toEqual([{ key: 'name', value: 'Doe,John', equal: true }]);
  });

  it('given a value that spells a number, a boolean or null, then it matches that JSON value as well as the text', () => {
    expect(metaDataMatches('transaction_id', '42')).toEqual([{ transaction_id: '42' }, { transaction_id: 42 }]);
    expect(metaDataMatches('vip', 'true')).toEqual([{ vip: 'true' }, { vip: true }]);
    expect(metaDataMatches('order', 'o-7')).toEqual([{ order: 'o-7' }]);
    // Text that only looks like a number stays text: a zip code, a number too large for JSON.
    expect(metaDataMatches('zip', '01234')).toEqual([{ zip: '01234' }]);
    expect(metaDataMatches('big', '1e400')).toEqual([{ big: '1e400' }]);
  });

  it('given a dotted key, then it also matches the path into nested objects', () => {
    expect(metaDataMatches('person_info.last_name', 'Doe')).toEqual([{ 'person_info.last_name': 'Doe' }, { person_info: { last_name: 'Doe' } }]);
  });
});

describe('limits that keep a filter out of PostgreSQL errors', () => {
  it('given a time filter up to the end of the year 9999, then it is taken; past it, INVALID VALUE (code 4)', () => {
    expect(parseFolderListQuery({ 'time_created.min': '253402300799' }).timeCreatedMin).toBe(253402300799);
    for (const raw of ['253402300800', '10000000000000', '9'.repeat(400)]) {
      expect(() => parseFolderListQuery({ 'time_updated.max': raw })).toThrow(expect.objectContaining({ code: 4, details: { field: 'time_updated.max', value: raw } }));
    }
  });

  it('given a dotted meta_data key of 64 names, then it is taken; of 65, INVALID VALUE (code 4)', () => {
    const key = (names: number) => Array.from({ length: names }, () => 'a').join('.');
    expect(parseFolderListQuery({ meta_data: `${key(64)}==x` }).metaData).toHaveLength(1);
    expect(() => parseFolderListQuery({ meta_data: `${key(65)}==x` })).toThrow(expect.objectContaining({ code: 4, details: { field: 'meta_data', limit: 64 } }));
  });
});
