import { link, mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Gives a complete temp file its final name and makes that durable; answers whether the name is
 * new. `link` refuses an existing name atomically (the name is the content's hash, so an existing
 * file holds the same bytes): writing the same content twice, even concurrently, needs no lock,
 * never exposes a partial file, and tells exactly one writer that it created the file.
 */
export async function moveIntoPlace(tempPath: string, finalPath: string): Promise<boolean> {
  const dir = path.dirname(finalPath);
  await mkdir(dir, { recursive: true });
  let created = true;
  try {
    await link(tempPath, finalPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  }
  await unlink(tempPath);
  if (!created) return false;
  // The new name lives in the directory: fsync it too, or a crash may forget the blob after we said it was stored.
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}
