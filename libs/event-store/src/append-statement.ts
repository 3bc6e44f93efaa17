/**
 * The whole append as one statement, so one round trip and one short transaction per command:
 * - `current` reads the stream's version; nothing is written unless it is the expected one;
 * - `claim` takes the idempotency key (a concurrent holder of the key makes this wait for it);
 * - `appended` inserts the events in version order, so positions follow versions within the
 *   transaction; a concurrent writer of the same version fails on the unique constraint;
 * - `notified` wakes the readers, delivered by PostgreSQL on commit.
 * Parameters: $1 stream id, $2 expected version, $3 idempotency key or null, $4 events as JSON,
 * $5 the notification channel.
 */
export const APPEND_STATEMENT = `
WITH current AS (
  SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = $1
), incoming AS (
  SELECT (e.value->>'event_id')::uuid AS event_id, e.value->>'type' AS type,
    (e.value->>'schema_version')::integer AS schema_version, e.value->'data' AS data, e.value->'metadata' AS metadata, e.ord
  FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(value, ord)
), claim AS (
  INSERT INTO idempotency_keys (idempotency_key, stream_id, first_version, last_version)
  SELECT $3, $1, $2 + 1, $2 + (SELECT count(*) FROM incoming)
  FROM current WHERE current.version = $2 AND $3::text IS NOT NULL
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING 1
), appended AS (
  INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
  SELECT incoming.event_id, $1, $2 + incoming.ord, incoming.type, incoming.schema_version, incoming.data, incoming.metadata
  FROM incoming
  WHERE (SELECT version FROM current) = $2 AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM claim))
  ORDER BY incoming.ord
  RETURNING global_position::text AS global_position, event_id, stream_id, stream_version, type, schema_version,
    data, metadata, recorded_at, transaction_id::text AS transaction_id
), notified AS (
  SELECT pg_notify($5, $1) FROM (SELECT 1 FROM appended LIMIT 1) AS any_appended
)
SELECT (SELECT version FROM current) AS current_version,
       (SELECT count(*) FROM claim)::integer AS claimed,
       (SELECT count(*) FROM notified)::integer AS notified,
       coalesce((SELECT json_agg(appended ORDER BY appended.stream_version) FROM appended), '[]'::json) AS events`;
