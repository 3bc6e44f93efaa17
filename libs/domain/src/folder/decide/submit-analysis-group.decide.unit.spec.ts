import { type AnalysisGroupSubmitted, OzErrorCode } from '../../index';
import { actors, folderCreated, folderWithMedia, groupSubmitted, mediaUploaded } from '../../../test/folder-history';
import { given } from '../../../test/decider-specification';
import { submitGroup } from '../../../test/commands';

const everyKindOfMedia = [
  folderCreated(),
  mediaUploaded('video', ['video_selfie', 'video_selfie_smile', 'orientation_portrait'], 'VIDEO_FOLDER'),
  mediaUploaded('selfie', ['photo_selfie']),
  mediaUploaded('id-front', ['photo_id', 'photo_id_front']),
  mediaUploaded('id-back', ['photo_id', 'photo_id_back']),
  mediaUploaded('untagged', []),
];

const submitted = (command: ReturnType<typeof submitGroup>, history = everyKindOfMedia) =>
  given(history).when(command).thenEvents()[0] as AnalysisGroupSubmitted;

describe('SubmitAnalysisGroup', () => {
  it('submits one group, types upper-cased, with params and metadata kept', () => {
    const event = submitted(
      submitGroup([{ type: 'quality', params: { threshold_spoofing: 0.4, extract_best_shot: false }, meta_data: { k: 'v' } }], {
        resolution_endpoint: 'https://client.example/hook',
      }),
    );
    expect(event).toMatchObject({
      type: 'AnalysisGroupSubmitted',
      data: {
        group_id: 'g1',
        resolution_endpoint: 'https://client.example/hook',
        analyses: [{ analysis_id: 'a1', type: 'QUALITY', params: { threshold_spoofing: 0.4, extract_best_shot: false }, meta_data: { k: 'v' } }],
      },
    });
  });

  describe('which media each analysis takes (DESIGN.md §4)', () => {
    const sourcesOf = (type: string) => submitted(submitGroup([{ type }])).data.analyses[0]?.source_media_ids;

    it('QUALITY takes media tagged video_selfie* or photo_selfie', () => {
      expect(sourcesOf('quality')).toEqual(['video', 'selfie']);
    });

    it('BIOMETRY takes every photo and video except photo_id_back', () => {
      expect(sourcesOf('biometry')).toEqual(['video', 'selfie', 'id-front', 'untagged']);
    });

    it('COLLECTION takes every media except photo_id_back', () => {
      expect(sourcesOf('collection')).toEqual(['video', 'selfie', 'id-front', 'untagged']);
    });

    it('source_media, when given, names the media exactly', () => {
      const event = submitted(submitGroup([{ type: 'biometry', source_media_ids: ['selfie', 'id-back'] }]));
      expect(event.data.analyses[0]?.source_media_ids).toEqual(['selfie', 'id-back']);
    });
  });

  describe('refusals', () => {
    it('an unknown folder, or another company\'s, is NOT EXIST', () => {
      given([]).when(submitGroup([{}])).thenRefuses(OzErrorCode.NOT_EXIST);
      given(everyKindOfMedia).when(submitGroup([{}], {}, actors.foreignClient)).thenRefuses(OzErrorCode.NOT_EXIST);
    });

    it('an unknown analysis type is INVALID VALUE', () => {
      given(everyKindOfMedia).when(submitGroup([{ type: 'palmistry' }])).thenRefuses(OzErrorCode.INVALID_VALUE, /Unknown analysis type/);
    });

    it.each([-0.1, 1.5, '0.5'])('threshold_spoofing %p is INVALID VALUE', (threshold) => {
      given(everyKindOfMedia)
        .when(submitGroup([{ params: { threshold_spoofing: threshold } }]))
        .thenRefuses(OzErrorCode.INVALID_VALUE, /threshold_spoofing/);
    });

    it('a non-boolean extract_best_shot is INVALID VALUE', () => {
      given(everyKindOfMedia).when(submitGroup([{ params: { extract_best_shot: 'yes' } }])).thenRefuses(OzErrorCode.INVALID_VALUE);
    });

    it('a resolution_endpoint that is not a URL is INVALID VALUE', () => {
      given(everyKindOfMedia).when(submitGroup([{}], { resolution_endpoint: 'call me' })).thenRefuses(OzErrorCode.INVALID_VALUE, /resolution_endpoint/);
    });

    it('BIOMETRY with fewer than 2 usable media is INVALID VALUE', () => {
      const oneUsable = [folderCreated(), mediaUploaded('selfie', ['photo_selfie']), mediaUploaded('back', ['photo_id_back'])];
      given(oneUsable).when(submitGroup([{ type: 'biometry' }])).thenRefuses(OzErrorCode.INVALID_VALUE, /BIOMETRY needs at least 2 suitable media, found 1/);
    });

    it('QUALITY without a selfie media is INVALID VALUE', () => {
      const onlyId = [folderCreated(), mediaUploaded('front', ['photo_id_front'])];
      given(onlyId).when(submitGroup([{ type: 'quality' }])).thenRefuses(OzErrorCode.INVALID_VALUE, /QUALITY needs at least 1/);
    });

    it('source_media naming a media of no folder is INVALID VALUE', () => {
      given(everyKindOfMedia).when(submitGroup([{ source_media_ids: ['ghost'] }])).thenRefuses(OzErrorCode.INVALID_VALUE, /source_media/);
    });

    it('an empty analyses list, or one that is not a list, is INVALID STRUCTURE', () => {
      given(everyKindOfMedia).when(submitGroup([])).thenRefuses(OzErrorCode.INVALID_STRUCTURE, /analyses/);
      given(everyKindOfMedia).when({ ...submitGroup([]), data: { folder_id: 'folder-1', group_id: 'g1', analyses: 'quality' as never } }).thenRefuses(OzErrorCode.INVALID_STRUCTURE);
    });

    it('reusing a group id or an analysis id is INVALID VALUE', () => {
      const withGroup = [...folderWithMedia(), groupSubmitted('g1', { a1: 'QUALITY' })];
      given(withGroup).when(submitGroup([{ analysis_id: 'new' }])).thenRefuses(OzErrorCode.INVALID_VALUE, /group/);
      given(withGroup).when(submitGroup([{}], { group_id: 'g2' })).thenRefuses(OzErrorCode.INVALID_VALUE, /analysis id/);
    });
  });
});
