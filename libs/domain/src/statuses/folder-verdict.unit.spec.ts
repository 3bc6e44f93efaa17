// DESIGN.md §3: a group's result is the worst of its analyses; the folder's verdict is the result
// of the group whose finishing event comes last in the stream.
import {
  failed,
  finished,
  folderWithMedia,
  groupSubmitted,
  resolvedByOperator,
  statusAfter,
} from '../../test/folder-history';

const folder = folderWithMedia();

describe('the folder verdict across groups', () => {
  it('a newer group that finishes before an older one leaves the verdict to the older one', () => {
    const status = statusAfter([
      ...folder,
      groupSubmitted('older', { o1: 'QUALITY' }),
      groupSubmitted('newer', { n1: 'QUALITY' }),
      finished('n1', 'newer', 'SUCCESS'),
      finished('o1', 'older', 'DECLINED'),
    ]);
    expect(status.deciding_group_id).toBe('older');
    expect(status.system_resolution).toBe('DECLINED');
    expect(status.resolution_status).toBe('FINISHED');
  });

  it('a re-check that succeeds after a DECLINED replaces the verdict', () => {
    const status = statusAfter([
      ...folder,
      groupSubmitted('first', { f1: 'QUALITY' }),
      finished('f1', 'first', 'DECLINED'),
      groupSubmitted('recheck', { r1: 'QUALITY' }),
      finished('r1', 'recheck', 'SUCCESS'),
    ]);
    expect(status.system_resolution).toBe('SUCCESS');
    expect(status.groups.find((g) => g.group_id === 'first')?.result).toBe('DECLINED');
  });

  it('an old failure does not poison the folder once a later group finishes cleanly', () => {
    const status = statusAfter([
      ...folder,
      groupSubmitted('first', { f1: 'QUALITY' }),
      failed('f1', 'first'),
      groupSubmitted('retry', { r1: 'QUALITY' }),
      finished('r1', 'retry', 'SUCCESS'),
    ]);
    expect(status.resolution_status).toBe('FINISHED');
    expect(status.system_resolution).toBe('SUCCESS');
  });

  it('the folder is PROCESSING again while a re-check runs, whatever the earlier verdict', () => {
    const status = statusAfter([
      ...folder,
      groupSubmitted('first', { f1: 'QUALITY' }),
      finished('f1', 'first', 'SUCCESS'),
      groupSubmitted('recheck', { r1: 'QUALITY' }),
    ]);
    expect(status.resolution_status).toBe('PROCESSING');
    expect(status.system_resolution).toBe('PROCESSING');
    expect(status.deciding_group_id).toBeNull();
  });

  it('with no group the folder is INITIAL', () => {
    expect(statusAfter(folder)).toMatchObject({ resolution_status: 'INITIAL', system_resolution: 'INITIAL', groups: [] });
  });
});

describe('the result of one group is the worst of its analyses', () => {
  const oneGroup = (...results: ReturnType<typeof finished>[]) =>
    statusAfter([...folder, groupSubmitted('g', { a: 'QUALITY', b: 'BIOMETRY', c: 'COLLECTION' }), ...results]);

  it('FAILED and DECLINED in one group give FAILED, and the folder stage is FAILED', () => {
    const status = oneGroup(failed('a', 'g'), finished('b', 'g', 'DECLINED'), finished('c', 'g', 'SUCCESS'));
    expect(status.system_resolution).toBe('FAILED');
    expect(status.resolution_status).toBe('FAILED');
  });

  it('OPERATOR_REQUIRED with a DECLINED in the same group gives DECLINED', () => {
    const status = oneGroup(finished('a', 'g', 'SUCCESS'), finished('b', 'g', 'OPERATOR_REQUIRED'), finished('c', 'g', 'DECLINED'));
    expect(status.system_resolution).toBe('DECLINED');
  });

  it('OPERATOR_REQUIRED without a DECLINED gives OPERATOR_REQUIRED', () => {
    const status = oneGroup(finished('a', 'g', 'SUCCESS'), finished('b', 'g', 'OPERATOR_REQUIRED'), finished('c', 'g', 'SUCCESS'));
    expect(status.system_resolution).toBe('OPERATOR_REQUIRED');
  });

  it('only SUCCESS gives SUCCESS', () => {
    const status = oneGroup(finished('a', 'g', 'SUCCESS'), finished('b', 'g', 'SUCCESS'), finished('c', 'g', 'SUCCESS'));
    expect(status.system_resolution).toBe('SUCCESS');
  });

  it('a group with an analysis still running is PROCESSING, even next to a FAILED one', () => {
    const status = oneGroup(failed('a', 'g'), finished('b', 'g', 'DECLINED'));
    expect(status.groups[0]).toMatchObject({ finished: false, result: 'PROCESSING' });
  });
});

describe('an operator decision', () => {
  const waitingForOperator = [
    ...folder,
    groupSubmitted('older', { o1: 'BIOMETRY' }),
    finished('o1', 'older', 'OPERATOR_REQUIRED'),
    groupSubmitted('newer', { n1: 'BIOMETRY', n2: 'QUALITY' }),
    finished('n1', 'newer', 'OPERATOR_REQUIRED'),
    finished('n2', 'newer', 'SUCCESS'),
  ];

  it('on the last-finished group changes the folder verdict and names the operator', () => {
    const status = statusAfter([...waitingForOperator, resolvedByOperator('n1', 'DECLINED')]);
    expect(status.system_resolution).toBe('DECLINED');
    expect(status.analyses.find((a) => a.analysis_id === 'n1')).toMatchObject({
      state: 'FINISHED',
      resolution_status: 'DECLINED',
      resolution_operator: 'user-operator',
      resolution_comment: 'checked by hand',
    });
  });

  it('on an older group changes that group only: the last-finished group still decides', () => {
    const status = statusAfter([...waitingForOperator, resolvedByOperator('o1', 'SUCCESS')]);
    expect(status.groups.find((g) => g.group_id === 'older')?.result).toBe('SUCCESS');
    expect(status.deciding_group_id).toBe('newer');
    expect(status.system_resolution).toBe('OPERATOR_REQUIRED');
  });

  it('to SUCCESS on the deciding group makes the folder SUCCESS', () => {
    expect(statusAfter([...waitingForOperator, resolvedByOperator('n1', 'SUCCESS')]).system_resolution).toBe('SUCCESS');
  });
});
