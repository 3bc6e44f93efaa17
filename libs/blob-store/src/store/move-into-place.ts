import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';

/**
 * Renames a complete temp file to its final name and makes the rename durable. Renaming over an
 * existing blob swaps in identical bytes atomically (the name is the content's hash), so writing the
 * same content twice, even concurrently, needs no lock and never exposes a partial file.
 */
export async function moveIntoPlace(tempPath: string, finalPath: string): Promise<void> {
  const dir = path.dirname(finalPath);
  await mkdir(dir, { recursive: true });
  await rename(tempPath, finalPath);
  // The rename lives in the directory: fsync it too, or a crash may forget the blob after we said it was stored.
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
