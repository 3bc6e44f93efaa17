// evolve, one event type at a time: given a history, when an event arrives, then the state.
import { evolve } from '../index';
import {
  failed,
  finished,
  folderCreated,
  folderWithMedia,
  groupSubmitted,
  mediaUploaded,
  metaDataChanged,
  resolvedByOperator,
  stateAfter,
} from '../../test/folder-history';

const existing = (events: Parameters<typeof stateAfter>[0]) => {
  const state = stateAfter(events);
  if (state.status !== 'existing') throw new Error('expected an existing folder');
  return state;
};

describe('evolve', () => {
  it('ignores an event of a type it does not know', () => {
    const state = stateAfter(folderWithMedia());
    expect(evolve(state, { type: 'FolderArchived', data: {}, metadata: {} } as never)).toBe(state);
  });

  describe('FolderCreated', () => {
    it('opens the folder with its owner, metadata and webhook target', () => {
      expect(existing([folderCreated('https://client.example/hook')])).toMatchObject({
        folder_id: 'folder-1',
        company_id: 'company-a',
        user_id: 'user-client',
        resolution_endpoint: 'https://client.example/hook',
        media: [],
        groups: [],
      });
    });

    it('is ignored when the folder already exists', () => {
      const state = stateAfter(folderWithMedia());
      expect(evolve(state, folderCreated('https://other.example'))).toBe(state);
    });
  });

  describe('MediaUploaded', () => {
    it('adds the media in upload order', () => {
      expect(existing(folderWithMedia()).media.map((m) => m.media_id)).toEqual(['selfie', 'id-front']);
    });

    it('is ignored before the folder exists', () => {
      expect(stateAfter([mediaUploaded('m', ['photo_selfie'])])).toEqual({ status: 'absent' });
    });
  });

  describe('AnalysisGroupSubmitted', () => {
    it('adds the group and its analyses as PROCESSING', () => {
      const state = existing([...folderWithMedia(), groupSubmitted('g1', { q1: 'QUALITY', b1: 'BIOMETRY' })]);
      expect(state.groups).toEqual([{ group_id: 'g1', analysis_ids: ['q1', 'b1'], resolution_endpoint: null }]);
      expect(state.analyses.map((a) => [a.analysis_id, a.type, a.state])).toEqual([
        ['q1', 'QUALITY', 'PROCESSING'],
        ['b1', 'BIOMETRY', 'PROCESSING'],
      ]);
    });

    it('is ignored when it reuses an analysis id of another group', () => {
      const state = stateAfter([...folderWithMedia(), groupSubmitted('g1', { q1: 'QUALITY' })]);
      expect(evolve(state, groupSubmitted('g2', { q1: 'QUALITY' }))).toBe(state);
    });
  });

  describe('AnalysisFinished', () => {
    it('finishes the analysis, and the group once its last analysis ends', () => {
      const base = [...folderWithMedia(), groupSubmitted('g1', { q1: 'QUALITY', b1: 'BIOMETRY' })];
      const half = existing([...base, finished('q1', 'g1', 'SUCCESS')]);
      expect(half.analyses[0]).toMatchObject({ state: 'FINISHED', resolution: 'SUCCESS' });
      expect(half.finished_group_ids).toEqual([]);
      const whole = existing([...base, finished('q1', 'g1', 'SUCCESS'), finished('b1', 'g1', 'DECLINED')]);
      expect(whole.finished_group_ids).toEqual(['g1']);
    });

    it('is ignored for an unknown analysis, or when it names the wrong group', () => {
      const state = stateAfter([...folderWithMedia(), groupSubmitted('g1', { q1: 'QUALITY' })]);
      expect(evolve(state, finished('nope', 'g1', 'SUCCESS'))).toBe(state);
      expect(evolve(state, finished('q1', 'g2', 'SUCCESS'))).toBe(state);
    });

    it('keeps the first result: a later, different result is ignored', () => {
      const state = stateAfter([...folderWithMedia(), groupSubmitted('g1', { q1: 'QUALITY' }), finished('q1', 'g1', 'SUCCESS')]);
      expect(evolve(state, finished('q1', 'g1', 'DECLINED'))).toBe(state);
      expect(evolve(state, failed('q1', 'g1'))).toBe(state);
    });
  });

  describe('AnalysisFailed', () => {
    it('fails the analysis without a resolution and can finish the group', () => {
      const state = existing([...folderWithMedia(), groupSubmitted('g1', { q1: 'QUALITY' }), failed('q1', 'g1')]);
      expect(state.analyses[0]).toMatchObject({ state: 'FAILED', resolution: null });
      expect(state.finished_group_ids).toEqual(['g1']);
    });
  });

  describe('AnalysisResolvedByOperator', () => {
    const waiting = [...folderWithMedia(), groupSubmitted('g1', { b1: 'BIOMETRY' }), finished('b1', 'g1', 'OPERATOR_REQUIRED')];

    it('records the decision next to the machine verdict, and does not finish the group again', () => {
      const state = existing([...waiting, resolvedByOperator('b1', 'SUCCESS')]);
      expect(state.analyses[0]).toMatchObject({
        resolution: 'OPERATOR_REQUIRED',
        operator: { user_id: 'user-operator', resolution: 'SUCCESS', comment: 'checked by hand' },
      });
      expect(state.finished_group_ids).toEqual(['g1']);
    });

    it('is ignored for an analysis that does not wait for an operator', () => {
      const state = stateAfter([...folderWithMedia(), groupSubmitted('g1', { b1: 'BIOMETRY' }), finished('b1', 'g1', 'DECLINED')]);
      expect(evolve(state, resolvedByOperator('b1', 'SUCCESS'))).toBe(state);
    });

    it('keeps the first decision', () => {
      const state = stateAfter([...waiting, resolvedByOperator('b1', 'SUCCESS')]);
      expect(evolve(state, resolvedByOperator('b1', 'DECLINED'))).toBe(state);
    });
  });

  describe('MetaDataChanged', () => {
    const base = [...folderWithMedia(), groupSubmitted('g1', { q1: 'QUALITY' })];

    it('sets the whole new object on the folder, a media or an analysis, and on nothing else', () => {
      const state = existing([
        ...base,
        metaDataChanged('FOLDER', 'folder-1', { transaction_id: 't-1', old: true }),
        metaDataChanged('FOLDER', 'folder-1', { transaction_id: 't-2' }),
        metaDataChanged('MEDIA', 'id-front', { side: 'front' }),
        metaDataChanged('ANALYSIS', 'q1', { reviewed: true }),
      ]);
      expect(state.meta_data).toEqual({ transaction_id: 't-2' });
      expect(state.media.map((m) => [m.media_id, m.meta_data])).toEqual([
        ['selfie', {}],
        ['id-front', { side: 'front' }],
      ]);
      expect(state.analyses.map((a) => [a.analysis_id, a.meta_data])).toEqual([['q1', { reviewed: true }]]);
    });

    it("an analysis starts with the metadata it was submitted with", () => {
      expect(existing(base).analyses[0]?.meta_data).toEqual({});
    });

    it('is ignored for a media or an analysis the folder does not have, or another folder', () => {
      const state = stateAfter(base);
      expect(evolve(state, metaDataChanged('MEDIA', 'ghost', { k: 1 }))).toBe(state);
      expect(evolve(state, metaDataChanged('ANALYSIS', 'ghost', { k: 1 }))).toBe(state);
      expect(evolve(state, metaDataChanged('FOLDER', 'folder-2', { k: 1 }))).toBe(state);
      expect(evolve(state, metaDataChanged('USER' as never, 'folder-1', { k: 1 }))).toBe(state);
    });

    it('is ignored before the folder exists', () => {
      expect(stateAfter([metaDataChanged('FOLDER', 'folder-1', { k: 1 })])).toEqual({ status: 'absent' });
    });
  });
});
