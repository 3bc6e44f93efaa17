import { quoted, rebuildSchemas } from './schema-names';

describe('rebuild schema names', () => {
  const at = new Date('2026-11-22T09:14:03.118Z');

  it('given the live schema and a time, then the rebuilt and retired schemas are named after both, to the millisecond', () => {
    expect(rebuildSchemas('read_model', at)).toEqual({
      live: 'read_model',
      rebuild: 'read_model_rebuild_20261122091403118',
      retired: 'read_model_retired_20261122091403118',
    });
  });

  it('given a live schema so long that PostgreSQL would cut the derived names, then it refuses and says how long it may be', () => {
    expect(() => rebuildSchemas('r'.repeat(37), at)).not.toThrow();
    expect(() => rebuildSchemas('r'.repeat(38), at)).toThrow(/longer than PostgreSQL's 63 characters: READ_MODEL_SCHEMA may have at most 37/);
  });

  it('given a name that is not a plain lower-case identifier, then it is never quoted into SQL', () => {
    expect(quoted('read_model')).toBe('"read_model"');
    expect(() => quoted('read_model"; DROP SCHEMA public; --')).toThrow(/not a lower-case schema name/);
  });
});
