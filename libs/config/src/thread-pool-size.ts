/**
 * Sizes libuv's thread pool unless `UV_THREADPOOL_SIZE` says otherwise. Name lookups
 * (getaddrinfo), password hashing and file I/O share that pool, 4 threads by default, so a few
 * slow name servers (a client's webhook host) could hold all of it. Call it first thing in a
 * service's main, before the first asynchronous file, DNS or crypto call starts the pool:
 * importing modules does not start it.
 */
export function sizeThreadPool(threads: number): void {
  process.env['UV_THREADPOOL_SIZE'] ??= String(threads);
}
