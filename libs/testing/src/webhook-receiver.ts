// A real HTTP receiver on 127.0.0.1: answers with the statuses it is told, in order (then 200),
// and keeps every request it got.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedRequest = Readonly<{ path: string; headers: IncomingHttpHeaders; body: string }>;

export async function startWebhookReceiver() {
  const received: ReceivedRequest[] = [];
  const scripted = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.statusCode = scripted.get(path)?.shift() ?? 200;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    /** The next answers on this path, before the default 200. */
    answer: (path: string, ...statuses: number[]) => scripted.set(path, statuses),
    requests: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
