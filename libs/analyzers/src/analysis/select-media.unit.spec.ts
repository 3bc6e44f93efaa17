import { selectMedia } from './select-media';

const media = [
  { media_id: 'video', tags: ['video_selfie', 'video_selfie_blank'] },
  { media_id: 'smile', tags: ['video_selfie_smile'] },
  { media_id: 'selfie', tags: ['photo_selfie'] },
  { media_id: 'id-front', tags: ['photo_id', 'photo_id_front'] },
  { media_id: 'id-back', tags: ['photo_id', 'photo_id_back'] },
];
const ids = (picked: readonly { media_id: string }[]) => picked.map((m) => m.media_id);

describe('selectMedia (DESIGN.md §4)', () => {
  it('given a folder of selfies and an ID, when QUALITY selects, then it takes video_selfie* and photo_selfie only', () => {
    expect(ids(selectMedia('QUALITY', media))).toEqual(['video', 'smile', 'selfie']);
  });

  it('given the same folder, when BIOMETRY selects, then it takes everything but photo_id_back', () => {
    expect(ids(selectMedia('BIOMETRY', media))).toEqual(['video', 'smile', 'selfie', 'id-front']);
  });

  it('given the request named its media, when any type selects, then exactly those are taken, whatever their tags', () => {
    expect(ids(selectMedia('BIOMETRY', media, ['id-back', 'selfie']))).toEqual(['selfie', 'id-back']);
  });

  it('given an empty list of named media, when QUALITY selects, then the tag rule applies', () => {
    expect(ids(selectMedia('QUALITY', media, []))).toEqual(['video', 'smile', 'selfie']);
  });
});
