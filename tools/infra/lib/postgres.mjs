// The project's PostgreSQL databases: created on `up`, reported by `status`.
import { databaseUrls } from './config.mjs';
import { loadDependency } from './load-dependency.mjs';

/** A DB URL without its password, for printing. */
export function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

function dbName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function distinctUrls() {
  return [...new Set(Object.values(databaseUrls()))];
}

/**
 * Connects to the server's maintenance database: CREATE DATABASE cannot run while connected
 * to the database being created, and the project databases may not exist yet.
 */
export async function connectMaintenance(url) {
  const pg = await loadDependency('pg');
  let lastError;
  for (const db of ['postgres', 'template1']) {
    const u = new URL(url);
    u.pathname = `/${db}`;
    const client = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      return client;
    } catch (err) {
      lastError = err;
      await client.end().catch(() => {});
      if (err.code !== '3D000') break; // 3D000 = database does not exist: try the next one
    }
  }
  throw lastError;
}

/** Creates the main and test databases when missing. Idempotent. */
export async function ensureDatabases({ log = console.log } = {}) {
  const pg = await loadDependency('pg');
  const results = [];
  for (const url of distinctUrls()) {
    const name = dbName(url);
    const client = await connectMaintenance(url);
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      let created = false;
      if (!rowCount) {
        try {
          await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
          created = true;
          log(`Created database ${name}`);
        } catch (err) {
          // Someone created it in the meantime (42P04 duplicate_database, or 23505 when two
          // CREATE DATABASE race on pg_database's unique index): fine.
          if (err.code !== '42P04' && err.code !== '23505') throw err;
        }
      }
      results.push({ name, url: redactUrl(url), created });
    } finally {
      await client.end();
    }
  }
  return results;
}

/** Which of the project's databases exist, or the connection error; never throws. */
export async function postgresStatus() {
  const urls = distinctUrls();
  try {
    const client = await connectMaintenance(urls[0]);
    try {
      const { rows } = await client.query('SELECT datname FROM pg_database WHERE NOT datistemplate');
      const { rows: [{ server_version: version }] } = await client.query('SHOW server_version');
      const names = new Set(rows.map((r) => r.datname));
      const databases = urls.map((url) => ({ name: dbName(url), exists: names.has(dbName(url)) }));
      return { reachable: true, version, url: redactUrl(urls[0]), databases };
    } finally {
      await client.end();
    }
  } catch (err) {
    return { reachable: false, url: redactUrl(urls[0]), error: err.code || err.message };
  }
}
