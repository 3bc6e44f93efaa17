import {
  decide,
  evolve,
  type FolderCommand,
  type FolderEvent,
  type FolderPolicy,
  type FolderState,
  initialFolderState,
} from '@forensics/domain';
import type { Decider } from '@forensics/event-store';

export type FolderDecider = Decider<FolderCommand, FolderEvent, FolderState>;

/** The folder aggregate with this deployment's limits bound in, as handleCommand wants it. */
export const folderDecider = (policy: FolderPolicy): FolderDecider => ({
  decide: (command, state) => decide(command, state, policy),
  evolve,
  initialState: initialFolderState,
});
