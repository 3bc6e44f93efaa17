// Plain JavaScript, so the projection process loads no TypeScript compiler for it.
// Loaded with `-r` into the projection process when the benchmark profiles it with --cpu-prof,
// which writes the profile only on a normal exit: Nest closes the projection on SIGTERM and then
// raises SIGTERM again, and this listener turns that second one into `process.exit(0)`.
// (Nest also shuts down on SIGUSR2, so no signal can be used for marks: the benchmark cuts the
// profile by the shared monotonic clock instead.) The projection is unchanged.
let terms = 0;
process.on('SIGTERM', () => {
  if (++terms > 1) process.exit(0);
  setTimeout(() => process.exit(0), 10_000).unref();
});
