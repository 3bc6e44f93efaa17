import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';

/**
 * The ports the kernel hands out for port 0 and for outgoing connections. A port picked from that
 * range can be taken by any other test's `listen(0)` between the pick and the service's own
 * listen (EADDRINUSE, seen once in a full run): ports are picked below it instead.
 */
function ephemeralLow(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

const LOW = 20_000;
const issued = new Set<number>();

/** Whether nothing listens on 127.0.0.1:port right now. */
const isFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, for a service under test: random,
 * below the kernel's ephemeral range, and never the same twice in one process.
 */
export async function freePort(): Promise<number> {
  const high = Math.max(LOW + 1_000, ephemeralLow() - 1);
  for (let tries = 0; tries < 200; tries += 1) {
    const port = LOW + Math.floor(Math.random() * (high - LOW));
    if (issued.has(port) || !(await isFree(port))) continue;
    issued.add(port);
    return port;
  }
  throw new Error(`no free port found between ${LOW} and ${high}`);
}
