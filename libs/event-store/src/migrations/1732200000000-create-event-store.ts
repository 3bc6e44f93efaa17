import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only events table. `global_position` comes from a sequence, and sequence values can
 * commit out of order, so every event also records the id of the transaction that wrote it: a
 * reader takes only events of transactions older than every running one (DESIGN.md §6).
 */
export class CreateEventStore1732200000000 implements MigrationInterface {
  name = 'CreateEventStore1732200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE events (
        global_position bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version > 0),
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`);
    await runner.query(`CREATE INDEX events_commit_order ON events (transaction_id, global_position)`);
    // Events are history: nobody updates or deletes them, not even by mistake.
    await runner.query(`
      CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'events are append-only'; END $$`);
    await runner.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_are_immutable()`);
    await runner.query(`
      CREATE TABLE idempotency_keys (
        idempotency_key text PRIMARY KEY,
        stream_id text NOT NULL,
        first_version integer,
        last_version integer,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await runner.query(`
      CREATE TABLE checkpoints (
        name text PRIMARY KEY,
        transaction_id xid8 NOT NULL,
        global_position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE checkpoints');
    await runner.query('DROP TABLE idempotency_keys');
    await runner.query('DROP TABLE events');
    await runner.query('DROP FUNCTION events_are_immutable');
  }
}
