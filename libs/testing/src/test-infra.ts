/** Where the int and e2e tiers find the real broker and database (`npm test` starts both). */
export const testInfra = {
  kafkaBrokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
  databaseUrl: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/forensics_test',
};
