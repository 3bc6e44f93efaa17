import type { Counter, Gauge } from 'prom-client';
import { SlidingRate } from './sliding-rate';

/**
 * Keeps `gauge` at the rate of `counter` (all its label values together) over the last
 * `windowSeconds`: a figure an operator reads at a glance, next to the counter Prometheus rates.
 * Start it with the counter, at 0 (at the service's start): the rate counts from that moment.
 * Answers a function that stops it.
 */
export function trackRate(counter: Counter, gauge: Gauge, windowSeconds: number, perSeconds = 1): () => void {
  const rate = new SlidingRate(windowSeconds, perSeconds);
  const timer = setInterval(async () => {
    const total = (await counter.get()).values.reduce((sum, v) => sum + v.value, 0);
    gauge.set(rate.add(total));
  }, 1_000);
  // A figure for the operator never keeps a stopping process alive.
  timer.unref();
  return () => clearInterval(timer);
}
