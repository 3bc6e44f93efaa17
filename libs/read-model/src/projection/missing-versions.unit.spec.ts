import { missingVersions, projectFolder } from '../index';
import * as story from '../../test/events-md-history';

describe('missingVersions', () => {
  it('given a folder at version 3, when versions 6 and 7 arrive, then 4 and 5 are missing', () => {
    const current = projectFolder(null, story.upTo(3));
    expect(missingVersions(current, [story.V6_BIOMETRY_FINISHED, story.EVENTS_MD_HISTORY[6]!])).toEqual([4, 5]);
  });

  it('given no projection yet, when a consumer first sees version 3, then versions 1 and 2 are missing', () => {
    expect(missingVersions(null, [story.V3_ID_UPLOADED])).toEqual([1, 2]);
  });

  it('given a batch with holes between its own events, then only the holes are missing', () => {
    const current = projectFolder(null, story.upTo(1));
    expect(missingVersions(current, [story.V2_SELFIE_UPLOADED, story.V4_G1_SUBMITTED, story.V6_BIOMETRY_FINISHED])).toEqual([3, 5]);
  });

  it('given only redeliveries and the next versions, then nothing is missing', () => {
    const current = projectFolder(null, story.upTo(5));
    expect(missingVersions(current, [story.V4_G1_SUBMITTED, story.V5_QUALITY_FINISHED, story.V6_BIOMETRY_FINISHED])).toEqual([]);
    expect(missingVersions(current, [])).toEqual([]);
  });
});
