import type { FolderCommand } from '../commands/folder-command';
import { invalidStructure, invalidValue } from '../errors/domain-error';
import type { FolderEvent } from '../events/folder-event';
import { decideAddMedia } from './decide/add-media.decide';
import { decideChangeMetaData } from './decide/change-meta-data.decide';
import { decideCreateFolder } from './decide/create-folder.decide';
import { decideRecordAnalysisResult } from './decide/record-analysis-result.decide';
import { decideResolveAnalysisByOperator } from './decide/resolve-analysis-by-operator.decide';
import { decideSubmitAnalysisGroup } from './decide/submit-analysis-group.decide';
import { DEFAULT_FOLDER_POLICY, type FolderPolicy } from './folder-policy';
import type { FolderState } from './folder-state';

/**
 * Decides what a command means for a folder: the events to append, or a DomainError with the
 * Oz code that explains the refusal. An empty list means the command changes nothing.
 */
export function decide(command: FolderCommand, state: FolderState, policy: FolderPolicy = DEFAULT_FOLDER_POLICY): FolderEvent[] {
  return fitForTheLog(decideEvents(command, state, policy));
}

/**
 * Kafka refuses a message over 1 MB (its default), and the relay publishes in order: one event
 * too large would stop every folder behind it. An event's data stays far below that, whatever
 * the command (the request limits of ingest bound a request, not what it expands to).
 */
export const MAX_EVENT_DATA_CHARACTERS = 256 * 1024;

function fitForTheLog(events: FolderEvent[]): FolderEvent[] {
  for (const event of events) {
    const size = JSON.stringify(event.data).length;
    if (size > MAX_EVENT_DATA_CHARACTERS) throw invalidValue(`The request would record a ${event.type} event larger than ${MAX_EVENT_DATA_CHARACTERS / 1024} KiB`, { limit: MAX_EVENT_DATA_CHARACTERS, size });
  }
  return events;
}

function decideEvents(command: FolderCommand, state: FolderState, policy: FolderPolicy): FolderEvent[] {
  switch (command.type) {
    case 'CreateFolder':
      return decideCreateFolder(command, state, policy);
    case 'AddMedia':
      return decideAddMedia(command, state, policy);
    case 'SubmitAnalysisGroup':
      return decideSubmitAnalysisGroup(command, state);
    case 'RecordAnalysisResult':
      return decideRecordAnalysisResult(command, state);
    case 'ResolveAnalysisByOperator':
      return decideResolveAnalysisByOperator(command, state);
    case 'ChangeMetaData':
      return decideChangeMetaData(command, state);
    default: {
      const unknown: never = command;
      throw invalidStructure('Unknown command', { command: unknown });
    }
  }
}
