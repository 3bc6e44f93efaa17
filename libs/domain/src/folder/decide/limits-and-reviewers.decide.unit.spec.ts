// What no command may do, whatever its type: make a group or an event too large for the
// distribution log, or let a reviewer (OPERATOR, CLIENT OPERATOR) change the folders it reviews.
import { MAX_EVENT_DATA_CHARACTERS, OzErrorCode } from '../../index';
import { MAX_ANALYSES_PER_GROUP, MAX_GROUPS_PER_FOLDER } from '../../analyses/analysis-group.validation';
import { given } from '../../../test/decider-specification';
import { addMedia, createFolder, mediaInput, submitGroup } from '../../../test/commands';
import { actors, folderCreated, groupSubmitted, mediaUploaded } from '../../../test/folder-history';

const withSelfie = [folderCreated(), mediaUploaded('selfie', ['photo_selfie'])];

describe('bounds on a group', () => {
  it(`given a group of ${MAX_ANALYSES_PER_GROUP} analyses, then it is submitted; one more, and it is refused with code 4`, () => {
    const analyses = (n: number) => Array.from({ length: n }, () => ({ type: 'quality' }));
    expect(given(withSelfie).when(submitGroup(analyses(MAX_ANALYSES_PER_GROUP))).thenEvents()).toHaveLength(1);
    given(withSelfie).when(submitGroup(analyses(MAX_ANALYSES_PER_GROUP + 1))).thenRefuses(OzErrorCode.INVALID_VALUE, /at most 20 analyses/);
  });

  it(`given a folder with ${MAX_GROUPS_PER_FOLDER} groups, then another is refused with code 4`, () => {
    const groups = Array.from({ length: MAX_GROUPS_PER_FOLDER }, (_, n) => groupSubmitted(`g-${n}`, { [`a-${n}`]: 'QUALITY' }));
    given([...withSelfie, ...groups]).when(submitGroup([{ type: 'quality' }], { group_id: 'one-more' })).thenRefuses(OzErrorCode.INVALID_VALUE, /at most 100 analysis groups/);
  });

  it('given a command whose event would be larger than the log takes, then it is refused with code 4 and nothing is decided', () => {
    const meta_data = { note: 'x'.repeat(MAX_EVENT_DATA_CHARACTERS) };
    given([]).when(createFolder({ meta_data })).thenRefuses(OzErrorCode.INVALID_VALUE, /larger than 256 KiB/);
  });
});

describe('reviewers read folders and decide, nothing else (reference/oz-api.md §9)', () => {
  it.each([
    ['an OPERATOR', actors.operator],
    ['a CLIENT OPERATOR', actors.clientOperator],
  ])('given %s, then adding media, submitting a group and creating a folder are refused with code 9', (_who, actor) => {
    given(withSelfie).when(addMedia([mediaInput('more', ['photo_selfie'])], actor)).thenRefuses(OzErrorCode.AUTH_FORBIDDEN, /reviews folders/);
    given(withSelfie).when(submitGroup([{ type: 'quality' }], {}, actor)).thenRefuses(OzErrorCode.AUTH_FORBIDDEN, /reviews folders/);
    given([]).when(createFolder({}, actor)).thenRefuses(OzErrorCode.AUTH_FORBIDDEN, /reviews folders/);
  });

  it("given a CLIENT OPERATOR of another company, then the folder does not exist for it (404), not forbidden", () => {
    given(withSelfie).when(submitGroup([{ type: 'quality' }], {}, actors.foreignOperator)).thenRefuses(OzErrorCode.NOT_EXIST);
  });
});
