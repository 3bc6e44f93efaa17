import { evolve, type FolderEvent, type FolderState, initialFolderState } from '@forensics/domain';
import { deliveryTrigger } from './delivery-trigger';

const metadata = { occurred_at: '2026-11-22T10:00:00.000Z', user_id: 'user-1', company_id: 'company-a', correlation_id: 'c-1' };
const created = (endpoint: string | null): FolderEvent =>
  ({ type: 'FolderCreated', data: { folder_id: 'f-1', company_id: 'company-a', user_id: 'user-1', meta_data: {}, resolution_endpoint: endpoint }, metadata }) as FolderEvent;
const submitted = (groupId: string, ids: string[], endpoint: string | null = null): FolderEvent =>
  ({
    type: 'AnalysisGroupSubmitted',
    data: { group_id: groupId, resolution_endpoint: endpoint, analyses: ids.map((analysis_id) => ({ analysis_id, type: 'QUALITY', source_media_ids: [], params: {}, meta_data: {} })) },
    metadata,
  }) as FolderEvent;
const finished = (analysisId: string, groupId: string, resolution: string): FolderEvent =>
  ({ type: 'AnalysisFinished', data: { analysis_id: analysisId, group_id: groupId, resolution, results_data: {}, results_media: [], model_versions: {}, duration_ms: 1 }, metadata }) as FolderEvent;
const resolved = (analysisId: string, resolution: string): FolderEvent =>
  ({ type: 'AnalysisResolvedByOperator', data: { analysis_id: analysisId, operator_user_id: 'op-1', resolution, comment: 'ok' }, metadata }) as FolderEvent;

/** The trigger of the last event, given the history before it. */
function triggerOf(history: FolderEvent[]) {
  const before: FolderState = history.slice(0, -1).reduce(evolve, initialFolderState());
  const last = history[history.length - 1] as FolderEvent;
  return deliveryTrigger(before, evolve(before, last), last);
}

describe('what triggers a webhook', () => {
  const base = (endpoint: string | null = 'https://hooks.example.com/f') => [created(endpoint), submitted('g-1', ['a-1', 'a-2'])];

  it('given a group with one analysis left, when it finishes, then GROUP_FINISHED to the folder endpoint', () => {
    expect(triggerOf([...base(), finished('a-1', 'g-1', 'SUCCESS'), finished('a-2', 'g-1', 'SUCCESS')])).toEqual({ reason: 'GROUP_FINISHED', targetUrl: 'https://hooks.example.com/f', groupId: 'g-1' });
  });

  it('given a group with analyses left, when one finishes, then nothing', () => {
    expect(triggerOf([...base(), finished('a-1', 'g-1', 'SUCCESS')])).toBeNull();
  });

  it('given no endpoint on the folder or the group, then nothing', () => {
    expect(triggerOf([...base(null), finished('a-1', 'g-1', 'SUCCESS'), finished('a-2', 'g-1', 'SUCCESS')])).toBeNull();
  });

  it("given an endpoint on the group, then the group's endpoint wins", () => {
    const history = [created('https://hooks.example.com/f'), submitted('g-1', ['a-1'], 'https://hooks.example.com/g'), finished('a-1', 'g-1', 'SUCCESS')];
    expect(triggerOf(history)?.targetUrl).toBe('https://hooks.example.com/g');
  });

  it('given a finished folder waiting on an operator, when the decision changes the verdict, then VERDICT_CHANGED', () => {
    const history = [...base(), finished('a-1', 'g-1', 'SUCCESS'), finished('a-2', 'g-1', 'OPERATOR_REQUIRED'), resolved('a-2', 'DECLINED')];
    expect(triggerOf(history)).toEqual({ reason: 'VERDICT_CHANGED', targetUrl: 'https://hooks.example.com/f', groupId: 'g-1' });
  });

  it('given a verdict already decided by a worse analysis, when the decision leaves it as it is, then nothing', () => {
    const history = [...base(), finished('a-1', 'g-1', 'DECLINED'), finished('a-2', 'g-1', 'OPERATOR_REQUIRED'), resolved('a-2', 'DECLINED')];
    expect(triggerOf(history)).toBeNull();
  });
});
