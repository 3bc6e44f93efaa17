import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The folder read models. Only the projection writes them and they can be rebuilt from the
 * events, so there are no foreign keys: they would slow the batched upsert and guard nothing the
 * per-folder version check does not. Ids are `varchar(128)`, text capped at the domain's limit.
 * Every update of a folder changes `time_updated`, so folder updates are never HOT and each index
 * costs write throughput: the folder indexes are the ones the list queries need, no more.
 */
export class CreateReadModel1732300000000 implements MigrationInterface {
  name = 'CreateReadModel1732300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE folders (
        folder_id varchar(128) PRIMARY KEY,
        company_id varchar(128) NOT NULL,
        user_id varchar(128) NOT NULL,
        meta_data jsonb NOT NULL,
        resolution_endpoint text,
        resolution_status text NOT NULL,
        system_resolution text NOT NULL,
        resolution_comment text NOT NULL,
        deciding_group_id varchar(128),
        time_created timestamptz NOT NULL,
        time_updated timestamptz NOT NULL,
        last_version integer NOT NULL CHECK (last_version > 0),
        state jsonb NOT NULL
      )`);
    // Clients see their company (CLIENT: their own folders); staff see every company. The
    // folder_id tail keeps offset paging stable when several folders share a creation time.
    await runner.query('CREATE INDEX folders_company_created ON folders (company_id, time_created DESC, folder_id)');
    await runner.query('CREATE INDEX folders_company_updated ON folders (company_id, time_updated DESC, folder_id)');
    await runner.query('CREATE INDEX folders_user_created ON folders (user_id, time_created DESC, folder_id)');
    await runner.query('CREATE INDEX folders_created ON folders (time_created DESC, folder_id)');
    // `meta_data=key==value` becomes `meta_data @> '{"key": "value"}'`, which jsonb_path_ops serves.
    await runner.query('CREATE INDEX folders_meta_data ON folders USING gin (meta_data jsonb_path_ops)');
    // The operators' queue is the one selective status filter; the common values (FINISHED,
    // SUCCESS) are found quickly by the time-ordered scans above.
    await runner.query(
      "CREATE INDEX folders_awaiting_operator ON folders (company_id, time_created DESC) WHERE system_resolution = 'OPERATOR_REQUIRED'",
    );

    await runner.query(`
      CREATE TABLE media (
        folder_id varchar(128) NOT NULL,
        media_id varchar(128) NOT NULL,
        company_id varchar(128) NOT NULL,
        position integer NOT NULL,
        media_type text NOT NULL,
        original_name text NOT NULL,
        tags text[] NOT NULL,
        info jsonb NOT NULL,
        meta_data jsonb NOT NULL,
        blob_sha256 text NOT NULL,
        blob_size bigint NOT NULL,
        blob_mime text NOT NULL,
        original_url text,
        thumb_url text,
        image_id varchar(128) NOT NULL,
        folder_time_created timestamptz NOT NULL,
        time_created timestamptz NOT NULL,
        time_updated timestamptz NOT NULL,
        changed_version integer NOT NULL,
        PRIMARY KEY (folder_id, media_id)
      )`);

    await runner.query(`
      CREATE TABLE analyses (
        folder_id varchar(128) NOT NULL,
        analysis_id varchar(128) NOT NULL,
        group_id varchar(128) NOT NULL,
        company_id varchar(128) NOT NULL,
        position integer NOT NULL,
        type text NOT NULL,
        state text NOT NULL,
        resolution_status text NOT NULL,
        resolution_operator varchar(128),
        resolution_comment text,
        source_media_ids text[] NOT NULL,
        params jsonb NOT NULL,
        meta_data jsonb NOT NULL,
        results_data jsonb,
        results_media jsonb NOT NULL,
        error_code integer,
        error_message text,
        model_versions jsonb,
        duration_ms integer,
        folder_time_created timestamptz NOT NULL,
        time_created timestamptz NOT NULL,
        time_updated timestamptz NOT NULL,
        changed_version integer NOT NULL,
        PRIMARY KEY (folder_id, analysis_id)
      )`);
    // `GET /api/analyses/{id}` knows no folder; analysis ids are unique per folder, not globally.
    await runner.query('CREATE INDEX analyses_analysis_id ON analyses (analysis_id)');

    await runner.query(`
      CREATE TABLE analysis_groups (
        folder_id varchar(128) NOT NULL,
        group_id varchar(128) NOT NULL,
        company_id varchar(128) NOT NULL,
        position integer NOT NULL,
        analysis_ids text[] NOT NULL,
        resolution_endpoint text,
        finished boolean NOT NULL,
        result text NOT NULL,
        time_created timestamptz NOT NULL,
        time_updated timestamptz NOT NULL,
        changed_version integer NOT NULL,
        PRIMARY KEY (folder_id, group_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE analysis_groups');
    await runner.query('DROP TABLE analyses');
    await runner.query('DROP TABLE media');
    await runner.query('DROP TABLE folders');
  }
}
