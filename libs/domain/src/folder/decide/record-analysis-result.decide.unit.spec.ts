import { type FolderCommand, OzErrorCode } from '../../index';
import { actors, folderWithMedia, groupSubmitted } from '../../../test/folder-history';
import { given } from '../../../test/decider-specification';
import { recordFinished } from '../../../test/commands';

const running = [...folderWithMedia(), groupSubmitted('g1', { q1: 'QUALITY', b1: 'BIOMETRY' })];

const recordFailed: FolderCommand = {
  ...recordFinished('b1', 'SUCCESS'),
  data: { folder_id: 'folder-1', analysis_id: 'b1', outcome: { status: 'FAILED', error_code: 11, error_message: 'cannot decode video', attempts: 3 } },
};

describe('RecordAnalysisResult', () => {
  it('records AnalysisFinished with the group of the analysis', () => {
    expect(given(running).when(recordFinished('b1', 'OPERATOR_REQUIRED')).thenEvents()).toEqual([
      expect.objectContaining({
        type: 'AnalysisFinished',
        data: expect.objectContaining({ analysis_id: 'b1', group_id: 'g1', resolution: 'OPERATOR_REQUIRED', duration_ms: 120 }),
      }),
    ]);
  });

  it('records AnalysisFailed with the error', () => {
    expect(given(running).when(recordFailed).thenEvents()).toEqual([
      expect.objectContaining({
        type: 'AnalysisFailed',
        data: { analysis_id: 'b1', group_id: 'g1', error_code: 11, error_message: 'cannot decode video', attempts: 3 },
      }),
    ]);
  });

  it('records nothing for an analysis that already has a result', () => {
    const done = given(running).when(recordFinished('q1', 'SUCCESS')).thenEvents();
    given([...running, ...done]).when(recordFinished('q1', 'DECLINED')).then([]);
  });

  it('refuses OPERATOR_REQUIRED for a QUALITY analysis: liveness never needs an operator', () => {
    given(running).when(recordFinished('q1', 'OPERATOR_REQUIRED')).thenRefuses(OzErrorCode.INVALID_VALUE, /QUALITY/);
  });

  it('refuses an unknown analysis as NOT EXIST, and a resolution outside the enum', () => {
    given(running).when(recordFinished('zz', 'SUCCESS')).thenRefuses(OzErrorCode.NOT_EXIST);
    given(running).when(recordFinished('b1', 'MAYBE')).thenRefuses(OzErrorCode.INVALID_VALUE);
  });

  it('accepts results from the analysis workers only', () => {
    given(running).when(recordFinished('q1', 'SUCCESS', actors.operator)).thenRefuses(OzErrorCode.AUTH_FORBIDDEN);
  });
});
