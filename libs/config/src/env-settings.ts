const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A service's settings from the environment: each getter checks its variable (an empty one counts
 * as unset and takes the default) and notes a bad value instead of throwing, so `check()` can
 * name every bad setting at once when the service starts.
 */
export class EnvSettings {
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The raw value, checked by `valid`; `expected` completes "KEY must be ...". */
  text(key: string, fallback: string, valid: (value: string) => boolean = (v) => v.length > 0, expected = 'not empty'): string {
    const value = this.env[key] === undefined || this.env[key] === '' ? fallback : (this.env[key] as string);
    if (!valid(value)) this.problems.push(`${key} must be ${expected}, got "${/PASSWORD|SECRET/.test(key) ? '***' : value}"`);
    return value;
  }

  positiveInt(key: string, fallback: number): number {
    return Number(this.text(key, String(fallback), (v) => /^[1-9][0-9]*$/.test(v), 'a positive integer'));
  }

  nonNegativeInt(key: string, fallback: number, expected = 'a whole number >= 0'): number {
    return Number(this.text(key, String(fallback), (v) => /^[0-9]+$/.test(v), expected));
  }

  port(key: string, fallback: number): number {
    return Number(this.text(key, String(fallback), (v) => /^[0-9]+$/.test(v) && Number(v) <= 65_535, 'a port number (0 picks a free one)'));
  }

  /** A lower-case SQL identifier: schemas reach `search_path` unquoted, where PostgreSQL folds case. */
  identifier(key: string, fallback: string): string {
    return this.text(key, fallback, (v) => IDENTIFIER.test(v), 'a lower-case identifier');
  }

  flag(key: string, fallback: boolean): boolean {
    return this.text(key, String(fallback), (v) => v === 'true' || v === 'false', 'true or false') === 'true';
  }

  databaseUrl(key = 'DATABASE_URL', fallback = 'postgres://postgres@127.0.0.1:5432/forensics'): string {
    return this.text(key, fallback, (v) => /^postgres(ql)?:\/\//.test(v), 'a postgres:// URL');
  }

  brokers(key = 'KAFKA_BROKERS', fallback = '127.0.0.1:9092'): string[] {
    return this.text(key, fallback)
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  }

  /** Throws one error that names every bad setting, if there was any. */
  check(service: string): void {
    if (this.problems.length > 0) throw new Error(`Invalid ${service} configuration: ${this.problems.join('; ')}`);
  }
}
