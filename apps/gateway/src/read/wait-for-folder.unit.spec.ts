import { readUntil, watchFolder } from './wait-for-folder';
import { announcements } from '../../test/announcements';

describe('reading a folder until a condition holds', () => {
  it('reads once, and answers at once when the condition already holds', async () => {
    const { updates } = announcements();
    const watch = watchFolder(updates, 'f1');
    const read = jest.fn(async () => 3);

    await expect(readUntil(watch, read, (v) => v >= 3, 1_000)).resolves.toEqual({ value: 3, timedOut: false });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again only when the folder is announced, never by polling', async () => {
    const { updates, announce } = announcements();
    const watch = watchFolder(updates, 'f1');
    let stored = 1;
    const read = jest.fn(async () => stored);
    const result = readUntil(watch, read, (v) => v >= 3, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read).toHaveBeenCalledTimes(1);

    stored = 2;
    announce('f2', 2); // another folder: no read
    announce('f1', 2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(read).toHaveBeenCalledTimes(2);
    stored = 3;
    announce('f1', 3);

    await expect(result).resolves.toEqual({ value: 3, timedOut: false });
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('judges a value already in hand without reading it again', async () => {
    const { updates, announce } = announcements();
    const watch = watchFolder(updates, 'f1');
    let stored = 1;
    const read = jest.fn(async () => stored);
    const first = await readUntil(watch, read, (v) => v >= 1, 1_000);

    const result = readUntil(watch, read, (v) => v >= 2, 5_000, first);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(read).toHaveBeenCalledTimes(1);
    stored = 2;
    announce('f1', 2);

    await expect(result).resolves.toEqual({ value: 2, timedOut: false });
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('does not miss an announcement that came between the read in hand and the wait', async () => {
    const { updates, announce } = announcements();
    const watch = watchFolder(updates, 'f1');
    let stored = 1;
    const read = jest.fn(async () => stored);
    const first = await readUntil(watch, read, (v) => v >= 1, 1_000);
    stored = 2;
    announce('f1', 2); // while the caller was busy with the first value

    await expect(readUntil(watch, read, (v) => v >= 2, 5_000, first)).resolves.toEqual({ value: 2, timedOut: false });
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('answers the folder as it stands when the time is up, after one last look', async () => {
    const { updates } = announcements();
    const watch = watchFolder(updates, 'f1');
    const read = jest.fn(async () => 1);

    await expect(readUntil(watch, read, (v) => v >= 2, 40)).resolves.toEqual({ value: 1, timedOut: true });
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('stops listening when closed', () => {
    const { updates, listening } = announcements();
    const watch = watchFolder(updates, 'f1');
    expect(listening('f1')).toBe(1);
    watch.close();
    expect(listening('f1')).toBe(0);
  });
});
