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
    // Only the images' hashes are indexed, not all of results_media: a GIN index over the whole
    // document cost a third of the plain INSERT speed of the analyses (projection benchmark).
    await runner.query(`CREATE INDEX analyses_output_images ON analyses USING gin ((jsonb_path_query_array(results_media, '$[*].output_images[*].sha256')))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX analyses_output_images');
    await runner.query('DROP INDEX media_media_id');
  }
}
