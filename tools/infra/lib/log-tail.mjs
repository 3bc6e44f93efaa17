// The broker's own logs explain most startup failures, so errors quote their last lines.
import fs from 'node:fs';
import { CONSOLE_LOG, SERVER_LOG, rel } from './paths.mjs';

/** Last `lines` lines of a file ('' when it does not exist). */
export function tail(file, lines = 40) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').slice(-lines - 1).join('\n').trimEnd();
  } catch {
    return '';
  }
}

/** The end of the log4j log and of the JVM console output, labelled, for an error message. */
export function logTails() {
  const parts = [];
  for (const file of [SERVER_LOG, CONSOLE_LOG]) {
    const text = tail(file);
    if (text) parts.push(`--- last lines of ${rel(file)} ---\n${text}`);
  }
  return parts.join('\n') || '(no log output)';
}

/** True when the broker's last attempt failed because a port was taken (no reformat helps). */
export function logsShowAddressInUse() {
  return /Address already in use/i.test(tail(SERVER_LOG, 80) + tail(CONSOLE_LOG, 80));
}
