import { MEDIA_MIME_TYPES } from '@forensics/domain';
import { ALLOWED_MIMES, MEDIA_TYPE_OF } from './sniffed-media';

describe('the media the store accepts', () => {
  it('given the domain\'s list of allowed content types, then the store accepts exactly those, with the same Oz media type', () => {
    expect(MEDIA_TYPE_OF).toEqual(MEDIA_MIME_TYPES);
    expect([...ALLOWED_MIMES].sort()).toEqual(Object.keys(MEDIA_MIME_TYPES).sort());
  });
});
