import { OzErrorCode } from '../../index';
import { actors, finished, folderWithMedia, groupSubmitted, resolvedByOperator } from '../../../test/folder-history';
import { given } from '../../../test/decider-specification';
import { operatorDecision } from '../../../test/commands';

const waiting = [...folderWithMedia(), groupSubmitted('g1', { b1: 'BIOMETRY', q1: 'QUALITY' }), finished('b1', 'g1', 'OPERATOR_REQUIRED'), finished('q1', 'g1', 'SUCCESS')];

describe('ResolveAnalysisByOperator', () => {
  it('records who decided what, with the comment', () => {
    given(waiting).when(operatorDecision('b1', 'DECLINED')).then([
      {
        type: 'AnalysisResolvedByOperator',
        data: { analysis_id: 'b1', operator_user_id: 'user-operator', resolution: 'DECLINED', comment: 'looked at it' },
        metadata: { occurred_at: '2026-11-22T10:00:00.000Z', user_id: 'user-operator', company_id: 'company-a', correlation_id: 'request-1' },
      },
    ]);
  });

  it('lets a CLIENT OPERATOR decide in its own company; another company\'s sees NOT EXIST', () => {
    expect(given(waiting).when(operatorDecision('b1', 'SUCCESS', actors.clientOperator)).thenEvents()).toHaveLength(1);
    given(waiting).when(operatorDecision('b1', 'SUCCESS', actors.foreignOperator)).thenRefuses(OzErrorCode.NOT_EXIST);
  });

  it('refuses an ADMIN, who sees everything but may not decide, and a CLIENT', () => {
    given(waiting).when(operatorDecision('b1', 'SUCCESS', actors.admin)).thenRefuses(OzErrorCode.AUTH_FORBIDDEN);
    given(waiting).when(operatorDecision('b1', 'SUCCESS', actors.client)).thenRefuses(OzErrorCode.AUTH_FORBIDDEN);
  });

  it('refuses an analysis that does not wait for an operator, and a second decision', () => {
    given(waiting).when(operatorDecision('q1', 'SUCCESS')).thenRefuses(OzErrorCode.INVALID_VALUE, /does not wait/);
    given([...waiting, resolvedByOperator('b1', 'SUCCESS')]).when(operatorDecision('b1', 'DECLINED')).thenRefuses(OzErrorCode.INVALID_VALUE);
  });

  it('refuses a resolution other than SUCCESS or DECLINED', () => {
    given(waiting).when(operatorDecision('b1', 'OPERATOR_REQUIRED')).thenRefuses(OzErrorCode.INVALID_VALUE, /SUCCESS, DECLINED/);
  });
});
