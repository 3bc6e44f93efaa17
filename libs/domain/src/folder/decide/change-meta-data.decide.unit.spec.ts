import { type MetaDataChanged, type MetaDataTarget, MAX_META_DATA_BYTES, OzErrorCode } from '../../index';
import { actors, folderWithMedia, groupSubmitted, metaDataChanged, T0 } from '../../../test/folder-history';
import { given } from '../../../test/decider-specification';
import { changeMetaData } from '../../../test/commands';

// A folder whose own metadata holds two keys; its media and its analysis have none yet.
const history = [
  ...folderWithMedia(),
  groupSubmitted('g1', { q1: 'QUALITY' }),
  metaDataChanged('FOLDER', 'folder-1', { transaction_id: 't-1', client_iin: '770101300123' }),
];

const folder: MetaDataTarget = { kind: 'FOLDER' };
const media: MetaDataTarget = { kind: 'MEDIA', media_id: 'selfie' };
const analysis: MetaDataTarget = { kind: 'ANALYSIS', analysis_id: 'q1' };

/** The data of the one event a command records. */
const recorded = (command: ReturnType<typeof changeMetaData>) => {
  const events = given(history).when(command).thenEvents();
  expect(events.map((e) => e.type)).toEqual(['MetaDataChanged']);
  return (events[0] as MetaDataChanged | undefined)?.data;
};

describe('ChangeMetaData', () => {
  describe('REPLACE', () => {
    it.each([
      ['the folder', folder, 'folder-1'],
      ['a media', media, 'selfie'],
      ['an analysis', analysis, 'q1'],
    ] as const)('sets the whole object of %s', (_name, target, targetId) => {
      expect(recorded(changeMetaData(target, { op: 'REPLACE', meta_data: { channel: 'web' } }))).toEqual({
        target: target.kind,
        target_id: targetId,
        meta_data: { channel: 'web' },
      });
    });

    it('records who changed it and when, in the folder\'s company', () => {
      given(history)
        .when(changeMetaData(folder, { op: 'REPLACE', meta_data: {} }, actors.admin))
        .then([
          {
            type: 'MetaDataChanged',
            data: { target: 'FOLDER', target_id: 'folder-1', meta_data: {} },
            metadata: { occurred_at: T0, user_id: 'user-admin', company_id: 'company-a', correlation_id: 'request-1' },
          },
        ]);
    });
  });

  describe('MERGE', () => {
    it('sets the given top-level keys and keeps the others, and the event carries the whole result', () => {
      const data = recorded(changeMetaData(folder, { op: 'MERGE', meta_data: { client_iin: '880202400456', channel: { app: 'web', v: 2 } } }));
      expect(data?.meta_data).toEqual({ transaction_id: 't-1', client_iin: '880202400456', channel: { app: 'web', v: 2 } });
    });

    it('merges into the empty metadata of a media or an analysis', () => {
      expect(recorded(changeMetaData(media, { op: 'MERGE', meta_data: { camera: 'front' } }))?.meta_data).toEqual({ camera: 'front' });
      expect(recorded(changeMetaData(analysis, { op: 'MERGE', meta_data: { reviewed: false } }))?.meta_data).toEqual({ reviewed: false });
    });
  });

  describe('DELETE', () => {
    it('removes the listed keys, and a key the object does not hold is no error', () => {
      expect(recorded(changeMetaData(folder, { op: 'DELETE', keys: ['client_iin', 'never-set'] }))?.meta_data).toEqual({ transaction_id: 't-1' });
    });

    it('removes every key when no keys are listed', () => {
      expect(recorded(changeMetaData(folder, { op: 'DELETE', keys: null }))?.meta_data).toEqual({});
    });
  });

  describe('a change that changes nothing records nothing', () => {
    it.each([
      ['REPLACE with the same object, keys in another order', folder, { op: 'REPLACE', meta_data: { client_iin: '770101300123', transaction_id: 't-1' } }],
      ['MERGE of values the object already holds', folder, { op: 'MERGE', meta_data: { transaction_id: 't-1' } }],
      ['MERGE of nothing', media, { op: 'MERGE', meta_data: {} }],
      ['DELETE of keys the object does not hold', folder, { op: 'DELETE', keys: ['never-set'] }],
      ['DELETE of everything on an empty object', analysis, { op: 'DELETE', keys: null }],
    ] as const)('%s', (_name, target, change) => {
      given(history).when(changeMetaData(target, change)).then([]);
    });
  });

  describe('who may change it', () => {
    it('the owner, its CLIENT ADMIN and an ADMIN may', () => {
      for (const actor of [actors.client, actors.clientAdmin, actors.admin]) {
        expect(given(history).when(changeMetaData(media, { op: 'REPLACE', meta_data: { k: 'v' } }, actor)).thenEvents()).toHaveLength(1);
      }
    });

    it('an OPERATOR and a CLIENT OPERATOR, who review folders, may not: AUTH FORBIDDEN', () => {
      given(history).when(changeMetaData(folder, { op: 'REPLACE', meta_data: {} }, actors.operator)).thenRefuses(OzErrorCode.AUTH_FORBIDDEN);
      given(history).when(changeMetaData(folder, { op: 'REPLACE', meta_data: {} }, actors.clientOperator)).thenRefuses(OzErrorCode.AUTH_FORBIDDEN);
    });

    it("another company's folder, or a colleague's for a CLIENT, is NOT EXIST exactly like an unknown folder", () => {
      const unknown = given([]).when(changeMetaData(folder, { op: 'DELETE', keys: null })).thenRefuses(OzErrorCode.NOT_EXIST);
      const foreign = given(history).when(changeMetaData(folder, { op: 'DELETE', keys: null }, actors.foreignClient)).thenRefuses(OzErrorCode.NOT_EXIST);
      given(history).when(changeMetaData(folder, { op: 'DELETE', keys: null }, actors.colleague)).thenRefuses(OzErrorCode.NOT_EXIST);
      expect([foreign.message, foreign.details]).toEqual([unknown.message, unknown.details]);
      expect(foreign.details).toEqual({ folder_id: 'folder-1' });
    });
  });

  describe('refusals', () => {
    it('a media or an analysis the folder does not have is NOT EXIST, naming it', () => {
      const noMedia = given(history).when(changeMetaData({ kind: 'MEDIA', media_id: 'ghost' }, { op: 'DELETE', keys: null })).thenRefuses(OzErrorCode.NOT_EXIST, /Media ghost/);
      expect(noMedia.details).toEqual({ media_id: 'ghost' });
      const noAnalysis = given(history).when(changeMetaData({ kind: 'ANALYSIS', analysis_id: 'a9' }, { op: 'DELETE', keys: null })).thenRefuses(OzErrorCode.NOT_EXIST, /Analysis a9/);
      expect(noAnalysis.details).toEqual({ analysis_id: 'a9' });
    });

    it('metadata that is not a JSON object is INVALID VALUE; none at all is INVALID STRUCTURE', () => {
      given(history).when(changeMetaData(folder, { op: 'REPLACE', meta_data: ['a'] as never })).thenRefuses(OzErrorCode.INVALID_VALUE, /JSON object/);
      given(history).when(changeMetaData(folder, { op: 'MERGE', meta_data: 'k=v' as never })).thenRefuses(OzErrorCode.INVALID_VALUE, /JSON object/);
      given(history).when(changeMetaData(folder, { op: 'MERGE' } as never)).thenRefuses(OzErrorCode.INVALID_STRUCTURE, /meta_data/);
    });

    it('keys that are not a list of names, and an unknown operation, are INVALID VALUE', () => {
      given(history).when(changeMetaData(folder, { op: 'DELETE', keys: 'client_iin' as never })).thenRefuses(OzErrorCode.INVALID_VALUE, /keys/);
      given(history).when(changeMetaData(folder, { op: 'DELETE', keys: [''] })).thenRefuses(OzErrorCode.INVALID_VALUE, /keys/);
      given(history).when(changeMetaData(folder, { op: 'APPEND' } as never)).thenRefuses(OzErrorCode.INVALID_VALUE, /change.op/);
    });

    it('a target that is not an object is INVALID STRUCTURE, an unknown kind INVALID VALUE, a media without an id INVALID STRUCTURE', () => {
      given(history).when(changeMetaData('FOLDER' as never, { op: 'DELETE', keys: null })).thenRefuses(OzErrorCode.INVALID_STRUCTURE, /target/);
      given(history).when(changeMetaData({ kind: 'USER' } as never, { op: 'DELETE', keys: null })).thenRefuses(OzErrorCode.INVALID_VALUE, /target.kind/);
      given(history).when(changeMetaData({ kind: 'MEDIA' } as never, { op: 'DELETE', keys: null })).thenRefuses(OzErrorCode.INVALID_STRUCTURE, /media_id/);
    });

    it('a result larger than the metadata limit is INVALID VALUE, also when merges grow it bit by bit', () => {
      const half = 'x'.repeat(MAX_META_DATA_BYTES / 2);
      const grown = [...history, metaDataChanged('FOLDER', 'folder-1', { a: half })];
      given(grown).when(changeMetaData(folder, { op: 'MERGE', meta_data: { b: 'y' } })).thenEvents();
      const refusal = given(grown).when(changeMetaData(folder, { op: 'MERGE', meta_data: { b: half } })).thenRefuses(OzErrorCode.INVALID_VALUE, /at most/);
      expect(refusal.details).toMatchObject({ field: 'meta_data', limit: MAX_META_DATA_BYTES });
    });
  });
});
