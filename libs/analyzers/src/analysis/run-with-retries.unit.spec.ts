import { runWithRetries } from './run-with-retries';

const failing = (times: number, error: Error = new Error('crash')) => {
  let calls = 0;
  const work = async () => {
    calls++;
    if (calls <= times) throw error;
    return 'done';
  };
  return { work, calls: () => calls };
};
const always = () => true;

describe('runWithRetries', () => {
  it('given work that crashes twice, when it may run 3 times, then the third attempt gives its value', async () => {
    const { work } = failing(2);
    await expect(runWithRetries(work, 3, always)).resolves.toEqual({ value: 'done', attempts: 3 });
  });

  it('given work that keeps crashing, when it may run 3 times, then it stops after 3 with the last error', async () => {
    const { work, calls } = failing(10);
    const result = await runWithRetries(work, 3, always);
    expect(result).toEqual({ error: new Error('crash'), attempts: 3 });
    expect(calls()).toBe(3);
  });

  it('given an error that is not retryable, then it stops after the first attempt', async () => {
    const { work, calls } = failing(10, new TypeError('broken media'));
    const result = await runWithRetries(work, 3, (e) => !(e instanceof TypeError));
    expect(result.attempts).toBe(1);
    expect(calls()).toBe(1);
  });
});
