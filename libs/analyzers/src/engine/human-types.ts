// The few parts of @vladmandic/human and its tfjs that the engine uses. The node-wasm build is
// required by path (see human-config.ts), so TypeScript can't see its own declarations.

export type HumanFace = Readonly<{
  score: number;
  boxScore: number;
  box: [number, number, number, number];
  real?: number;
  live?: number;
  embedding?: number[];
  rotation?: { angle: { yaw: number; pitch: number; roll: number } } | null;
}>;

type Tensor = { readonly shape: number[] };

type Tfjs = {
  version_core: string;
  env(): { set(flag: string, value: boolean): void };
  getBackend(): string;
  memory(): { numTensors: number };
  tensor4d(values: Int32Array, shape: [number, number, number, number], dtype: 'int32'): Tensor;
  dispose(tensor: Tensor): void;
};

export type HumanInstance = {
  readonly version: string;
  readonly tf: Tfjs;
  init(): Promise<void>;
  load(config?: object): Promise<void>;
  detect(input: Tensor, config?: object): Promise<{ face: HumanFace[]; error?: string | null }>;
};

export type HumanModule = { Human: new (config: object) => HumanInstance };
