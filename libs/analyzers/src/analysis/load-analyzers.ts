import { loadFaceEngine } from '../engine/load-face-engine';
import { type Analyzer, createAnalyzer, MAX_ATTEMPTS } from './analyzer';

export type LoadedAnalyzers = Analyzer & Readonly<{ close: () => Promise<void> }>;

/**
 * The analyzers of this process, on its one face engine (loaded and warmed up here, a second or
 * so). Analyses share the engine and run their model calls one at a time; run more worker
 * processes (or threads) to use more cores.
 */
export async function loadAnalyzers(options: Readonly<{ maxAttempts?: number }> = {}): Promise<LoadedAnalyzers> {
  const engine = await loadFaceEngine();
  const analyzer = createAnalyzer(engine, options.maxAttempts ?? MAX_ATTEMPTS);
  // The engine stays loaded for the process's lifetime: its WASM memory is not given back anyway.
  return { analyze: (request) => analyzer.analyze(request), close: async () => undefined };
}
