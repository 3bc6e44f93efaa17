import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two lookups behind the file URLs were scans of their whole table: a media by its id alone
 * (`/api/media/{id}/original`, its metadata), and the analysis that made a best shot, by the
 * image's hash in `results_media` (`/api/output-images/{sha256}`). Any caller looping over
 * random ids could keep the read model's connections busy; both are index lookups now.
 */
export class IndexFileLookups1733400000000 implements MigrationInterface {
  name = 'IndexFileLookups1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX media_media_id ON media (media_id)');
    await runner.query('CREATE INDEX analyses_results_media ON analyses USING gin (results_media jsonb_path_ops)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX analyses_results_media');
    await runner.query('DROP INDEX media_media_id');
  }
}
