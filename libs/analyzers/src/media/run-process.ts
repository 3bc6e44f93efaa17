import { spawn } from 'node:child_process';

/** `signal`: what ended the process when it did not exit by itself (null when it did). */
export type ProcessResult = Readonly<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean; stdout: Buffer; stderr: string }>;

// ffmpeg can print a line per frame on a broken stream; the diagnosis is in the first lines.
const MAX_STDERR_CHARS = 64_000;

/** Runs a binary, collects its output, and kills it (SIGKILL) when it runs longer than `timeoutMs`. */
export function runProcess(bin: string, args: readonly string[], timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout: Buffer.concat(chunks), stderr });
    });
  });
}
