// The three kinds of analysis `bench:workers` times, as the folders a client would create.
export type Scenario = Readonly<{
  key: 'photo_liveness' | 'video_liveness' | 'photo_biometry';
  title: string;
  analyses: number;
  type: 'quality' | 'biometry';
  /** Fixture files and tags of one folder; folders alternate between the two identities. */
  media: (n: number) => readonly { file: string; tags: string[] }[];
  target_per_min: number;
}>;

const identity = (n: number) => (n % 2 === 0 ? { photo: 'astronaut.png', video: 'astronaut-selfie.mp4' } : { photo: 'footballer.jpg', video: 'footballer-selfie.mp4' });

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'photo_liveness',
    title: 'photo liveness (QUALITY, one selfie photo, best shot on)',
    analyses: Number(process.env['BENCH_PHOTO_LIVENESS'] ?? 300),
    type: 'quality',
    media: (n) => [{ file: identity(n).photo, tags: ['photo_selfie'] }],
    target_per_min: 600,
  },
  {
    key: 'video_liveness',
    title: 'video liveness (QUALITY, one 3 s 480x480 selfie video, best shot on)',
    analyses: Number(process.env['BENCH_VIDEO_LIVENESS'] ?? 80),
    type: 'quality',
    media: (n) => [{ file: identity(n).video, tags: ['video_selfie'] }],
    target_per_min: 120,
  },
  {
    key: 'photo_biometry',
    title: 'photo-pair biometry (BIOMETRY, a selfie photo and an ID photo)',
    analyses: Number(process.env['BENCH_PHOTO_BIOMETRY'] ?? 120),
    type: 'biometry',
    media: (n) => [
      { file: identity(n).photo, tags: ['photo_selfie'] },
      { file: identity(n + (n % 3 === 0 ? 1 : 0)).photo, tags: ['photo_id_front'] },
    ],
    target_per_min: 150,
  },
];
