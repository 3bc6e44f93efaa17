// How the relay waits for commits: a notification or an interrupt ends a wait, a timeout says so.
import { CommitNotifications } from './commit-notifications';

describe('CommitNotifications', () => {
  const notifications = () => new CommitNotifications('postgres://unused', 'unused_channel');

  it('given no notification, then a wait ends after its timeout and says it was not woken', async () => {
    expect(await notifications().wait(5)).toBe(false);
  });

  it('given an interrupt during a wait, then that wait and every later one end at once, woken', async () => {
    const waiting = notifications();
    const started = performance.now();
    const first = waiting.wait(10_000);
    waiting.interrupt();
    expect(await first).toBe(true);
    // An interrupt that came between two waits (a stop while a batch was being sent) is not lost.
    expect(await waiting.wait(10_000)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
