import { emptyProjection, type FolderWrite, type FolderWriteResult } from '@forensics/read-model';
import { GroupCommit } from './group-commit';

// The group commit looks at nothing but folder ids.
const write = (folderId: string): FolderWrite => ({ expectedVersion: 0, projection: { ...emptyProjection(folderId), version: 1 } });
const ids = (writes: readonly FolderWrite[]) => writes.map((w) => w.projection.folder_id);

/** A statement that answers when told to, recording which folders it got; `moved` ones conflict. */
function statements(moved: ReadonlySet<string> = new Set()) {
  const calls: { folders: string[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const commit = (writes: readonly FolderWrite[]) =>
    new Promise<FolderWriteResult>((resolve, reject) => {
      const folders = ids(writes);
      calls.push({
        folders,
        finish: () => resolve({ written: folders.filter((id) => !moved.has(id)), conflicts: folders.filter((id) => moved.has(id)) }),
        fail: reject,
      });
    });
  return { calls, commit };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('given batches handed over in the same turn, then they go in one statement and each hears of its own folders', async () => {
    const { calls, commit } = statements(new Set(['b2']));
    const group = new GroupCommit(commit, { inFlight: 2, maxFolders: 100 });
    const a = group.commit([write('a1'), write('a2')]);
    const b = group.commit([write('b1'), write('b2')]);
    await turn();
    expect(calls.map((c) => c.folders)).toEqual([['a1', 'a2', 'b1', 'b2']]);
    calls[0]?.finish();
    await expect(a).resolves.toEqual({ written: ['a1', 'a2'], conflicts: [] });
    await expect(b).resolves.toEqual({ written: ['b1'], conflicts: ['b2'] });
  });

  it('given the statements in flight at the limit, then later batches wait and go together in the next one', async () => {
    const { calls, commit } = statements();
    const group = new GroupCommit(commit, { inFlight: 1, maxFolders: 100 });
    const first = group.commit([write('a')]);
    await turn();
    const later = [group.commit([write('b')]), group.commit([write('c')])];
    await turn();
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    await first;
    await turn();
    expect(calls.map((c) => c.folders)).toEqual([['a'], ['b', 'c']]);
    calls[1]?.finish();
    await expect(Promise.all(later)).resolves.toEqual([{ written: ['b'], conflicts: [] }, { written: ['c'], conflicts: [] }]);
  });

  it('given a statement that fails, then every batch in it fails, and batches in other statements do not', async () => {
    const { calls, commit } = statements();
    const group = new GroupCommit(commit, { inFlight: 2, maxFolders: 2 });
    const inFailing = [group.commit([write('a')]), group.commit([write('b')])];
    const inOther = group.commit([write('c')]);
    await turn();
    expect(calls.map((c) => c.folders)).toEqual([['a', 'b'], ['c']]);
    calls[0]?.fail(new Error('connection lost'));
    calls[1]?.finish();
    for (const failed of inFailing) await expect(failed).rejects.toThrow('connection lost');
    await expect(inOther).resolves.toEqual({ written: ['c'], conflicts: [] });
  });

  it('never puts one folder twice in a statement, nor more folders than the limit (unless one batch alone is larger)', async () => {
    const { calls, commit } = statements();
    const group = new GroupCommit(commit, { inFlight: 3, maxFolders: 3 });
    const batches = [
      group.commit([write('x'), write('y')]),
      group.commit([write('x')]),
      group.commit([write('z')]),
      group.commit([write('p'), write('q'), write('r'), write('s')]),
    ];
    await turn();
    expect(calls.map((c) => c.folders)).toEqual([['x', 'y', 'z'], ['x'], ['p', 'q', 'r', 's']]);
    for (const call of calls) call.finish();
    await Promise.all(batches);
  });
});
