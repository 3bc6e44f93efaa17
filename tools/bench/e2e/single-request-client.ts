// The benchmarks' client for single requests: each photo's multipart body is encoded once, up
// front, and sent with node:http over kept-alive connections, so what is timed is the request
// (from its body handed to node:http) and the system's answer, not the client building a FormData body on the cores the
// system shares (fetch with a FormData body took 2.2 ms p50 from the call to the gateway's first
// middleware on a slow day). The body is an ordinary multipart/form-data request, the same parts
// as `uploadForm` makes.
import http from 'node:http';

export type SingleRequestAnswer = Readonly<{
  status: number;
  body: { folder_id?: string; resolution_status?: string } | null;
  /** From the body handed to node:http to the last byte of the answer read (performance.now() ms). */
  sentAt: number;
  answeredAt: number;
  /** The same two moments on the wall clock (Date.now()), the clock of the services' log lines. */
  sentEpochMs: number;
  answeredEpochMs: number;
}>;

export type EncodedUpload = Readonly<{ contentType: string; bytes: Buffer }>;

const BOUNDARY = 'forensics-bench-4d1c9e07b2a5';

/** One file under `field`, then the `payload` part with this JSON. */
export function encodeUpload(field: string, file: Readonly<{ name: string; bytes: Buffer }>, payload: unknown): EncodedUpload {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n--${BOUNDARY}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${BOUNDARY}`, bytes: Buffer.concat([Buffer.from(head), file.bytes, Buffer.from(tail)]) };
}

/** Posts encoded uploads to the gateway's `POST /api/folders/`, connections kept alive between requests. */
export function singleRequestClient(baseUrl: string, token: string) {
  const agent = new http.Agent({ keepAlive: true });
  const { hostname, port } = new URL(baseUrl);
  return {
    post(upload: EncodedUpload, requestId: string): Promise<SingleRequestAnswer> {
      return new Promise((resolve, reject) => {
        const request = http.request(
          {
            agent,
            hostname,
            port,
            method: 'POST',
            path: '/api/folders/',
            headers: { 'content-type': upload.contentType, 'content-length': upload.bytes.length, 'x-forensic-access-token': token, 'x-request-id': requestId },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () => {
              const answeredAt = performance.now();
              const answeredEpochMs = Date.now();
              let body: SingleRequestAnswer['body'] = null;
              try {
                body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SingleRequestAnswer['body'];
              } catch {
                body = null;
              }
              resolve({ status: response.statusCode ?? 0, body, sentAt, answeredAt, sentEpochMs, answeredEpochMs });
            });
          },
        );
        request.on('error', reject);
        const sentEpochMs = Date.now();
        const sentAt = performance.now();
        request.end(upload.bytes);
      });
    },
    close: () => agent.destroy(),
  };
}
