import { ALL_MODELS, BASE_CONFIG, BIOMETRY_MODE, DETECT_MODE, HUMAN_WASM_BUILD, QUALITY_MODE } from './human-config';
import type { BiometryFace, DetectedFace, QualityFace } from './detected-face';
import type { HumanFace, HumanInstance, HumanModule } from './human-types';
import { withOfflineModelFetch } from './offline-model-fetch';
import type { RgbFrame } from '../media/rgb-frame';

/** The face models of one process or worker thread, loaded once; calls run one at a time. */
export class FaceEngine {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly human: HumanInstance,
    /** Versions for an outcome's `model_versions`. */
    readonly modelVersions: Readonly<Record<string, string>>,
  ) {}

  /** Loads every model from the package folder (never the network) and warms each mode up once. */
  static async load(): Promise<FaceEngine> {
    const { Human } = require(HUMAN_WASM_BUILD) as HumanModule;
    const human = new Human(BASE_CONFIG);
    // One WASM thread: concurrency comes from worker threads or processes, one engine each.
    human.tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await withOfflineModelFetch(async () => {
      await human.init();
      await human.load(ALL_MODELS);
    });
    const engine = new FaceEngine(human, {
      human: human.version,
      tfjs: human.tf.version_core,
      backend: human.tf.getBackend(),
      face_models: 'blazeface+facemesh+antispoof+liveness+faceres',
    });
    await engine.warmUp();
    return engine;
  }

  /** Detection with the anti-spoofing and liveness scores of every face. */
  async detectForQuality(frame: RgbFrame): Promise<QualityFace[]> {
    const faces = await this.detect(frame, QUALITY_MODE);
    return faces.map((face) => ({ ...pose(face), real: face.real ?? 0, live: face.live ?? 0 }));
  }

  /** Detection with the 1024-value descriptor of every face. */
  async detectForBiometry(frame: RgbFrame): Promise<BiometryFace[]> {
    const faces = await this.detect(frame, BIOMETRY_MODE);
    return faces.map((face) => ({ ...pose(face), embedding: face.embedding ?? [] }));
  }

  /** Detection alone (detector and mesh), about a quarter of the descriptor's cost. */
  async detectFaces(frame: RgbFrame): Promise<DetectedFace[]> {
    return (await this.detect(frame, DETECT_MODE)).map(pose);
  }

  /** Tensors alive in the backend, to check that analyses leak none. */
  tensorCount(): number {
    return this.human.tf.memory().numTensors;
  }

  private detect(frame: RgbFrame, mode: object): Promise<HumanFace[]> {
    const run = this.queue.then(() => this.detectNow(frame, mode));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async detectNow(frame: RgbFrame, mode: object): Promise<HumanFace[]> {
    const { tf } = this.human;
    // human takes an int32 [1, h, w, 3] tensor; the bundle lacks chained ops such as expandDims.
    const input = tf.tensor4d(Int32Array.from(frame.data), [1, frame.height, frame.width, 3], 'int32');
    try {
      const result = await this.human.detect(input, mode);
      if (result.error) throw new Error(`face model failed: ${result.error}`);
      return result.face;
    } finally {
      tf.dispose(input);
    }
  }

  // The first call of each mode compiles kernels and takes seconds; pay that at start, not in an analysis.
  private async warmUp(): Promise<void> {
    const side = 256;
    const data = new Uint8Array(side * side * 3).map((_, i) => (i * 7) % 251);
    const frame = { width: side, height: side, data };
    await this.detectForQuality(frame);
    await this.detectForBiometry(frame);
  }
}

function pose(face: HumanFace): DetectedFace {
  const angle = face.rotation?.angle;
  return { score: face.score, boxScore: face.boxScore, box: face.box, yaw: angle?.yaw ?? 0, pitch: angle?.pitch ?? 0 };
}
