/**
 * The ids a log line about a request carries, read defensively: the payload may be the malformed
 * one that caused the error.
 */
export function requestLogFields(payload: unknown): { correlation_id: unknown; folder_id: unknown } {
  const fields = (value: unknown): Readonly<Record<string, unknown>> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const request = fields(payload);
  return {
    correlation_id: textOrNull(fields(request['metadata'])['correlation_id']),
    folder_id: textOrNull(fields(request['data'])['folder_id']),
  };
}

const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
