// given / when / then for the folder decider, in the manner of Emmett's DeciderSpecification.
import { DomainError, type FolderCommand, type FolderEvent, type OzErrorCode, decide } from '../src';
import { stateAfter } from './folder-history';

export const given = (history: readonly FolderEvent[]) => ({
  when: (command: FolderCommand) => {
    const run = () => decide(command, stateAfter(history));
    return {
      then: (expected: readonly FolderEvent[]) => expect(run()).toEqual(expected),
      thenEvents: (): FolderEvent[] => run(),
      thenRefuses: (code: OzErrorCode, message?: RegExp): DomainError => {
        let error: unknown;
        try {
          run();
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(DomainError);
        const domainError = error as DomainError;
        expect(domainError.code).toBe(code);
        if (message) expect(domainError.message).toMatch(message);
        return domainError;
      },
    };
  },
});
