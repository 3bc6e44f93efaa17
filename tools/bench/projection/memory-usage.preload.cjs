// Plain JavaScript, so the projection process loads no TypeScript compiler for it.
// Loaded with `-r` into the projection process: once a second, one JSON line on stderr with
// process.memoryUsage(), so the benchmark can say whether the resident memory is JavaScript heap,
// buffers or native. The timer is unref'd and the projection is unchanged.
const timer = setInterval(() => {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const mb = (bytes) => Math.round(bytes / 2 ** 20);
  process.stderr.write(`${JSON.stringify({ message: 'bench memory', rss: mb(rss), heap_total: mb(heapTotal), heap_used: mb(heapUsed), external: mb(external), array_buffers: mb(arrayBuffers) })}\n`);
}, 1000);
timer.unref();
