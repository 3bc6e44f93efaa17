import { checkTarget } from '@forensics/webhooks';
import { invalidValue } from '../errors/oz-http-error';

/**
 * Refuses, before anything is stored, a resolution_endpoint the dispatcher would refuse: not
 * http(s), or on a loopback, private or link-local address unless those are allowed. A name that
 * does not resolve right now is let through (DNS may be down for a moment); the dispatcher checks
 * every target again before each call.
 */
export async function checkResolutionEndpoint(url: string | null, allowPrivate: boolean): Promise<void> {
  if (url === null) return;
  const check = await checkTarget(url, allowPrivate);
  if (!check.ok && check.transient !== true) throw invalidValue(`"resolution_endpoint" is refused: ${check.reason}`, { field: 'resolution_endpoint', reason: check.reason });
}
