import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalysisMedia } from '../src';

/** The fixtures copied from the shared folder (see fixtures/media/PROVENANCE.md). */
export const FIXTURE_DIR = path.join(__dirname, 'fixtures', 'media');

const MIME: Readonly<Record<string, string>> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.mp4': 'video/mp4' };

/** A fixture as the worker would hand it over, with its tags. */
export function fixtureMedia(file: string, tags: readonly string[], mediaId = file): AnalysisMedia {
  return { media_id: mediaId, tags, mime: MIME[path.extname(file)] ?? 'application/octet-stream', bytes: readFileSync(path.join(FIXTURE_DIR, file)) };
}
