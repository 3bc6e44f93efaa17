import { spawn } from 'node:child_process';

/**
 * Runs a command to completion; resolves { code, output } or { code: null, error, output }.
 * Output is captured rather than streamed so callers can show it only when something failed.
 */
export function runCapture(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', (error) => resolve({ code: null, error, output }));
    child.once('close', (code) => resolve({ code, output }));
  });
}
