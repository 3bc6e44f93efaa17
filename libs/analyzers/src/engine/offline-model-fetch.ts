import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * Runs `load` with a global `fetch` that serves file:// URLs from disk and refuses every other URL.
 * Human's WASM build loads its models through `fetch`, which in Node can't read files; the refusal
 * makes "no model is downloaded at run time" a checked fact. The real fetch is back afterwards.
 */
export async function withOfflineModelFetch<T>(load: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = serveLocalFiles;
  try {
    return await load();
  } finally {
    globalThis.fetch = realFetch;
  }
}

async function serveLocalFiles(input: string | URL | Request): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith('file://')) throw new Error(`offline: refusing to fetch ${url}; models must ship in the package`);
  const body = await readFile(fileURLToPath(url));
  const type = url.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  return new Response(body, { status: 200, headers: { 'content-type': type } });
}
