import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export type PostAnswer = Readonly<{ status: number }>;

/**
 * POSTs a JSON body and answers the status code; the answer's body is read and dropped. Plain
 * node:http(s) rather than fetch, because the connection must use the given `lookup` (the one
 * that refuses private addresses at connect time); redirects are not followed.
 */
export function postWebhook(url: URL, body: string, headers: Readonly<Record<string, string>>, options: Readonly<{ timeoutMs: number; lookup: LookupFunction }>): Promise<PostAnswer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, lookup: options.lookup, timeout: options.timeoutMs }, (response) => {
      response.resume();
      response.once('end', () => resolve({ status: response.statusCode ?? 0 }));
      response.once('error', reject);
    });
    // `timeout` fires on an idle socket; the whole exchange also has the same bound.
    const deadline = setTimeout(() => request.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })), options.timeoutMs);
    request.once('timeout', () => request.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    request.once('close', () => clearTimeout(deadline));
    request.once('error', reject);
    request.end(body);
  });
}
