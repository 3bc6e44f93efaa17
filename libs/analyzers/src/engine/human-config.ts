import path from 'node:path';
import { pathToFileURL } from 'node:url';

// human's package "exports" has keys without "./", which Node ignores, so its node-wasm build can't
// be required by name: resolve the package's main entry (never loaded: it needs tfjs-node) and go
// from its folder. The models ship in the same package, under models/.
const humanDir = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..');

/** The node-wasm build of @vladmandic/human (tfjs-core/-converter/-backend-wasm are its peers). */
export const HUMAN_WASM_BUILD = path.join(humanDir, 'dist', 'human.node-wasm.js');

/** Base config: WASM backend, models from the package folder, every cache and skip off. */
export const BASE_CONFIG = {
  backend: 'wasm',
  // A plain directory: emscripten in Node reads the .wasm files with fs, not fetch.
  wasmPath: `${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`,
  wasmPlatformFetch: false,
  modelBasePath: `${pathToFileURL(path.join(humanDir, 'models')).href}/`,
  cacheModels: false,
  // Frame cache off: otherwise a frame like the previous one is skipped and its old result returned.
  cacheSensitivity: 0,
  skipAllowed: false,
  warmup: 'none',
  debug: false,
  async: true,
  // Filters need a canvas in Node; the input is already an RGB tensor.
  filter: { enabled: false },
  gesture: { enabled: false },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  segmentation: { enabled: false },
  face: {
    enabled: true,
    detector: { modelPath: 'blazeface.json', rotation: false, maxDetected: 5, minConfidence: 0.5, return: false, skipFrames: 0, skipTime: 0 },
    // The mesh stays on in every mode: blazeface alone finds a "face" on the cat fixture.
    mesh: { enabled: true },
    attention: { enabled: false },
    iris: { enabled: false },
    emotion: { enabled: false },
    description: { enabled: false, skipFrames: 0, skipTime: 0 },
    antispoof: { enabled: false, skipFrames: 0, skipTime: 0 },
    liveness: { enabled: false, skipFrames: 0, skipTime: 0 },
  },
} as const;

// human.detect(input, config) merges config into the instance's config for good, so each mode
// sets every switch it depends on; otherwise one call's settings leak into the next.
const mode = (description: boolean, antispoof: boolean, liveness: boolean) => ({
  face: { mesh: { enabled: true }, description: { enabled: description }, antispoof: { enabled: antispoof }, liveness: { enabled: liveness } },
});

export const DETECT_MODE = mode(false, false, false);
export const QUALITY_MODE = mode(false, true, true);
export const BIOMETRY_MODE = mode(true, false, false);
export const ALL_MODELS = mode(true, true, true);
