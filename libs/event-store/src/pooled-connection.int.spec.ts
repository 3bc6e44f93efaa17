// A connection checked out of the pool whose socket closes under a query (a network reset, a
// backend killed without a word) must fail that work, not the process: pg-pool removes its own
// error listener at checkout. The connection goes through a TCP relay the test can cut.
import net from 'node:net';
import type { PoolClient } from 'pg';
import { testInfra } from '@forensics/testing';
import { connectionPool, createDataSource, onPooledConnection } from './index';

/** A TCP relay to PostgreSQL; `cut()` closes every socket through it without a word to either side. */
async function relayToPostgres() {
  const target = new URL(testInfra.databaseUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(testInfra.databaseUrl);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    cut: () => sockets.forEach((s) => s.destroy()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('onPooledConnection', () => {
  it('given the socket closed under a query, then the work fails, the process lives on and the connection is not reused', async () => {
    const relay = await relayToPostgres();
    const dataSource = createDataSource({ url: relay.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      const running = onPooledConnection(dataSource, (client) => client.query('SELECT pg_sleep(5)'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      relay.cut();
      await expect(running).rejects.toThrow(/terminated|ended|closed/i);
      expect(connectionPool(dataSource).totalCount).toBe(0);
      // The pool opens a new connection for the next work.
      await expect(onPooledConnection(dataSource, async (client) => (await client.query('SELECT 1 AS one')).rows)).resolves.toEqual([{ one: 1 }]);
    } finally {
      await dataSource.destroy();
      await relay.close();
    }
  });

  it('given work that fails, then the connection is closed rather than given back; work that succeeds gives it back', async () => {
    const dataSource = createDataSource({ url: testInfra.databaseUrl, poolSize: 1 });
    await dataSource.initialize();
    try {
      const used = (work: (client: PoolClient) => Promise<unknown>) => {
        let seen: PoolClient | undefined;
        return onPooledConnection(dataSource, (client) => ((seen = client), work(client))).then(
          () => seen,
          () => seen,
        );
      };
      const first = await used((client) => client.query('SELECT 1'));
      expect(await used((client) => client.query('SELECT 1'))).toBe(first);
      const failing = await used((client) => client.query('SELECT no_such_column FROM pg_class'));
      expect(failing).toBe(first);
      expect(await used((client) => client.query('SELECT 1'))).not.toBe(failing);
    } finally {
      await dataSource.destroy();
    }
  });
});
