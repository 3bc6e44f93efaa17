// Prints the calibration table of docs/decisions/0008-analyzers.md: the liveness scores of every
// fixture, the similarity of every pair, and the defaults chosen. Run from the repository root:
//   node -r @swc-node/register libs/analyzers/calibration/calibrate.ts
import { readdirSync } from 'node:fs';
import { allPairs } from '../src/biometry/media-pairs';
import { describeMedia } from '../src/biometry/media-descriptor';
import { cosineSimilarity, DEFAULT_GREY_BAND_LOW, DEFAULT_MATCH_THRESHOLD, DEFAULT_THRESHOLD_SPOOFING, decodeMedia, frameSpoofing, loadFaceEngine, mediaSpoofing } from '../src';
import { FIXTURE_DIR, fixtureMedia } from '../test/fixture-media';

const fmt = (x: number): string => x.toFixed(3);

async function main(): Promise<void> {
  process.stderr.write('loading the face models...\n');
  const engine = await loadFaceEngine();
  const files = readdirSync(FIXTURE_DIR).filter((f) => !f.endsWith('.md')).sort();
  console.log(`models: ${JSON.stringify(engine.modelVersions)}\n`);
  console.log('| fixture | frames | faces per frame | real (min-max) | live (min-max) | 1 - real x live per frame | confidence_spoofing |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const described = [];
  for (const file of files) {
    process.stderr.write(`${file}\n`);
    const media = fixtureMedia(file, []);
    try {
      const frames = await decodeMedia(media.mime, media.bytes);
      const perFrame = [];
      for (const frame of frames) perFrame.push(await engine.detectForQuality(frame));
      const single = perFrame.flatMap((faces) => (faces.length === 1 ? faces : []));
      const range = (xs: number[]): string => (xs.length ? `${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))}` : '-');
      const spoof = single.length ? fmt(mediaSpoofing(single)) : 'no face: DECLINED';
      console.log(`| ${file} | ${frames.length} | ${perFrame.map((f) => f.length).join(' ')} | ${range(single.map((f) => f.real))} | ${range(single.map((f) => f.live))} | ${single.map((f) => fmt(frameSpoofing(f))).join(' ')} | ${spoof} |`);
      const descriptor = await describeMedia(engine, media);
      if ('embedding' in descriptor) described.push(descriptor);
    } catch (error) {
      console.log(`| ${file} | - | - | - | - | - | FAILED: ${(error as Error).message} |`);
    }
  }
  console.log('\n| pair | identity | cosine similarity |');
  console.log('| --- | --- | --- |');
  const identity = (id: string): string => id.split(/[-.]/)[0] ?? id;
  for (const [a, b] of allPairs(described)) {
    const same = identity(a.media_id) === identity(b.media_id) ? 'same' : 'different';
    console.log(`| ${a.media_id} + ${b.media_id} | ${same} | ${fmt(cosineSimilarity(a.embedding, b.embedding))} |`);
  }
  console.log(`\ndefaults: threshold_spoofing=${DEFAULT_THRESHOLD_SPOOFING} threshold_match=${DEFAULT_MATCH_THRESHOLD} grey_band_low=${DEFAULT_GREY_BAND_LOW}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
