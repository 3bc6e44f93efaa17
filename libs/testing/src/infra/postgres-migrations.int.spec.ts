// TypeORM 1.x runs a migration on the local PostgreSQL and reads the result back, bigint included
// (TypeORM returns bigint as a string unless a transformer says otherwise: DESIGN.md §6).
import { Column, DataSource, Entity, type MigrationInterface, PrimaryColumn, type QueryRunner } from 'typeorm';
import { testInfra, uniqueName } from '../index';

const schema = uniqueName('it_migrations');

@Entity({ name: 'probe_records', schema })
class ProbeRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  label!: string;

  @Column('bigint', { transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  position!: number;
}

class CreateProbeRecords1700000000000 implements MigrationInterface {
  name = 'CreateProbeRecords1700000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "${schema}".probe_records (id uuid PRIMARY KEY, label text NOT NULL, position bigint NOT NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schema}".probe_records`);
  }
}

describe('PostgreSQL with TypeORM migrations', () => {
  const dataSource = new DataSource({
    type: 'postgres',
    url: testInfra.databaseUrl,
    schema,
    entities: [ProbeRecord],
    migrations: [CreateProbeRecords1700000000000],
    migrationsTableName: 'migrations',
    synchronize: false,
  });

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it('applies a pending migration once, records it, and reads written rows back with their types', async () => {
    expect(await dataSource.showMigrations()).toBe(true);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(['CreateProbeRecords1700000000000']);
    expect(await dataSource.runMigrations()).toEqual([]);

    const recorded = await dataSource.query(`SELECT name FROM "${schema}".migrations`);
    expect(recorded).toEqual([{ name: 'CreateProbeRecords1700000000000' }]);

    const repository = dataSource.getRepository(ProbeRecord);
    const big = 2 ** 40 + 7;
    await repository.save({ id: '00000000-0000-4000-8000-000000000001', label: 'first', position: big });
    const row = await repository.findOneByOrFail({ id: '00000000-0000-4000-8000-000000000001' });
    expect(row).toEqual({ id: '00000000-0000-4000-8000-000000000001', label: 'first', position: big });
    expect(typeof row.position).toBe('number');
  });
});
