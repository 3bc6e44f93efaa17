import { EnvSettings } from './index';

describe('EnvSettings', () => {
  it('given nothing set (or empty), then every getter answers its default', () => {
    const settings = new EnvSettings({ EMPTY: '' });
    expect([settings.positiveInt('EMPTY', 3), settings.port('P', 8080), settings.identifier('S', 'public'), settings.flag('F', false), settings.brokers()]).toEqual([3, 8080, 'public', false, ['127.0.0.1:9092']]);
    expect(() => settings.check('test')).not.toThrow();
  });

  it('given values, then they are read and typed', () => {
    const settings = new EnvSettings({ N: '12', P: '0', S: 'read_model', F: 'true', KAFKA_BROKERS: 'a:1, b:2', DATABASE_URL: 'postgresql://x/y' });
    expect([settings.positiveInt('N', 1), settings.port('P', 1), settings.identifier('S', 'x'), settings.flag('F', false), settings.brokers(), settings.databaseUrl()]).toEqual([12, 0, 'read_model', true, ['a:1', 'b:2'], 'postgresql://x/y']);
  });

  it('given several bad values, then check names every one, and hides a password', () => {
    const settings = new EnvSettings({ N: '0', P: '70000', S: 'Bad-Name', F: 'yes', ADMIN_PASSWORD: 'short' });
    settings.positiveInt('N', 1);
    settings.port('P', 1);
    settings.identifier('S', 'x');
    settings.flag('F', false);
    settings.text('ADMIN_PASSWORD', 'long-enough', (v) => v.length >= 8, 'at least 8 characters');
    expect(() => settings.check('demo')).toThrow(
      'Invalid demo configuration: N must be a positive integer, got "0"; P must be a port number (0 picks a free one), got "70000"; S must be a lower-case identifier, got "Bad-Name"; F must be true or false, got "yes"; ADMIN_PASSWORD must be at least 8 characters, got "***"',
    );
  });
});
