import { singleFaceFrames } from './face-presence';

describe('singleFaceFrames', () => {
  it('given frames with one face or none, then it keeps the frames with one face', () => {
    expect(singleFaceFrames([{ frame: 0, faces: ['a'] }, { frame: 1, faces: [] }, { frame: 2, faces: ['c'] }])).toEqual([
      { frame: 0, face: 'a' },
      { frame: 2, face: 'c' },
    ]);
  });

  it('given no face in any frame, then the reason is no_face', () => {
    expect(singleFaceFrames([{ frame: 0, faces: [] }, { frame: 1, faces: [] }])).toBe('no_face');
  });

  it('given two faces in one frame of many, then the reason is several_faces', () => {
    expect(singleFaceFrames([{ frame: 0, faces: ['a'] }, { frame: 1, faces: ['a', 'b'] }])).toBe('several_faces');
  });
});
