import { type FolderEvent, type FolderState, folderStatus } from '@forensics/domain';
import type { DeliveryReason } from '@forensics/webhooks';

export type DeliveryTrigger = Readonly<{ reason: DeliveryReason; targetUrl: string; groupId: string | null }>;

/**
 * Whether an event calls for a webhook, from the folder's state just before and just after it:
 * a group that became finished, or an operator decision that changed `system_resolution`. The
 * target is the group's `resolution_endpoint`, else the folder's; none means no delivery.
 */
export function deliveryTrigger(before: FolderState, after: FolderState, event: FolderEvent): DeliveryTrigger | null {
  if (after.status !== 'existing') return null;
  const endpointOf = (groupId: string | null) => after.groups.find((g) => g.group_id === groupId)?.resolution_endpoint ?? after.resolution_endpoint;
  const was = folderStatus(before);
  const now = folderStatus(after);
  const finishedBefore = new Set(was.groups.filter((g) => g.finished).map((g) => g.group_id));
  const finished = now.groups.find((g) => g.finished && !finishedBefore.has(g.group_id));
  if (finished) {
    const targetUrl = endpointOf(finished.group_id);
    return targetUrl ? { reason: 'GROUP_FINISHED', targetUrl, groupId: finished.group_id } : null;
  }
  if (event.type === 'AnalysisResolvedByOperator' && was.system_resolution !== now.system_resolution) {
    const targetUrl = endpointOf(now.deciding_group_id);
    return targetUrl ? { reason: 'VERDICT_CHANGED', targetUrl, groupId: now.deciding_group_id } : null;
  }
  return null;
}
