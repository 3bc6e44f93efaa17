import { loadWebhookDispatcherConfig } from './webhook-dispatcher.config';

describe('webhook dispatcher configuration', () => {
  it('given no settings, then the defaults: webhooks schema, 8 attempts, 10 s timeout, private targets refused', () => {
    const config = loadWebhookDispatcherConfig({});
    expect(config).toMatchObject({ webhookSchema: 'webhooks', maxAttempts: 8, timeoutMs: 10_000, allowPrivateTargets: false, backoffBaseMs: 1_000, backoffCapMs: 300_000, groupId: 'webhook-dispatcher', gatherMs: 250 });
  });

  it('given WEBHOOK_GATHER_MS, then 0 (at the first event) up to 1000 ms is taken, and more than the heartbeat interval is refused', () => {
    expect(loadWebhookDispatcherConfig({ WEBHOOK_GATHER_MS: '0' }).gatherMs).toBe(0);
    expect(loadWebhookDispatcherConfig({ WEBHOOK_GATHER_MS: '1000' }).gatherMs).toBe(1_000);
    expect(() => loadWebhookDispatcherConfig({ WEBHOOK_GATHER_MS: '5000' })).toThrow(/WEBHOOK_GATHER_MS must be a number of milliseconds from 0 to 1000/);
    expect(() => loadWebhookDispatcherConfig({ WEBHOOK_GATHER_MS: '-1' })).toThrow(/WEBHOOK_GATHER_MS/);
  });

  it('given WEBHOOK_ALLOW_PRIVATE_TARGETS=true, then private targets are allowed', () => {
    expect(loadWebhookDispatcherConfig({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }).allowPrivateTargets).toBe(true);
  });

  it('given PUBLIC_BASE_URL with a trailing slash, then links are made on it without the slash; a value that is not an http(s) URL is refused', () => {
    expect(loadWebhookDispatcherConfig({ PUBLIC_BASE_URL: 'https://kyc.example.com/' }).publicBaseUrl).toBe('https://kyc.example.com');
    expect(() => loadWebhookDispatcherConfig({ PUBLIC_BASE_URL: 'kyc.example.com' })).toThrow(/PUBLIC_BASE_URL must be an http\(s\) URL/);
  });

  it('given several bad values, then every one is named at once', () => {
    expect(() => loadWebhookDispatcherConfig({ WEBHOOK_MAX_ATTEMPTS: '0', WEBHOOK_TIMEOUT_MS: 'soon', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'yes', WEBHOOK_SCHEMA: 'Bad-Name' })).toThrow(
      /WEBHOOK_SCHEMA must be a lower-case identifier.*WEBHOOK_MAX_ATTEMPTS must be a positive integer.*WEBHOOK_TIMEOUT_MS must be a positive integer.*WEBHOOK_ALLOW_PRIVATE_TARGETS must be true or false/,
    );
  });
});
