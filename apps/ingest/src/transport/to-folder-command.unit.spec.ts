// Given a checked request, when ingest builds the domain command, then the type comes from the
// pattern, the time from ingest's clock, and the data and ids from the request unchanged.
import { toFolderCommand } from './to-folder-command';
import type { CheckedRequest } from './ingest-request.guard';

const actor = { user_id: 'u-1', company_id: 'c-1', role: 'CLIENT' } as const;
const checked: CheckedRequest = {
  folder_id: 'f-1',
  data: { folder_id: 'f-1', media: [] },
  metadata: { actor, correlation_id: 'req-1' },
};

describe('toFolderCommand', () => {
  it('sets the type and stamps the time in ISO-8601 UTC', () => {
    const command = toFolderCommand('AddMedia', checked, new Date(Date.UTC(2026, 10, 22, 9, 30, 5, 120)));

    expect(command).toEqual({
      type: 'AddMedia',
      data: { folder_id: 'f-1', media: [] },
      metadata: { now: '2026-11-22T09:30:05.120Z', actor, correlation_id: 'req-1' },
    });
  });

  it('passes the causation id on when the request has one', () => {
    const command = toFolderCommand('AddMedia', { ...checked, metadata: { ...checked.metadata, causation_id: 'evt-9' } }, new Date(0));

    expect(command.metadata.causation_id).toBe('evt-9');
  });
});
