import { FaceEngine } from './face-engine';

let loading: Promise<FaceEngine> | undefined;

/** The engine of this process (or worker thread): loaded on first use, shared afterwards. */
export function loadFaceEngine(): Promise<FaceEngine> {
  loading ??= FaceEngine.load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
