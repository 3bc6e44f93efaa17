// Reads the .cpuprofile of the projection process and says where its main thread spent the time in a phase:
// self time per part of the code (a builtin counts for the code that called it, except JSON.parse
// and JSON.stringify, which are named), in seconds and as a share of the profiled time.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; hitCount?: number; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const PARTS: readonly (readonly [string, RegExp])[] = [
  ['kafkajs (fetch, decode)', /node_modules\/kafkajs\//],
  ['pg driver (protocol, row parsing)', /node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z]+)\//],
  ['typeorm', /node_modules\/typeorm\//],
  ['metrics (prom-client)', /node_modules\/prom-client\//],
  ['envelope decoding (parseEnvelope)', /libs\/read-model\/src\/envelope\//],
  ['fold (projectFolder, evolve, folderStatus)', /libs\/(read-model\/src\/projection|domain\/src)\//],
  ['repository (rows to SQL and back)', /libs\/read-model\/src\/repository\//],
  ['foldBatch and wiring', /apps\/projection\/src\//],
  ['messaging adapter', /libs\/messaging\/src\//],
  ['event store (gap fills)', /libs\/event-store\/src\//],
  ['node core (sockets, buffers, timers)', /^node:/],
];

const SPECIAL: Readonly<Record<string, string>> = { '(garbage collector)': 'garbage collection', '(idle)': 'idle (waiting on I/O)', '(program)': 'V8 and native (program)' };

export type ProfileSummary = Readonly<{ profiledS: number; parts: Record<string, { s: number; share: number }> }>;

/** Reads a profile once; `summarize` then takes the samples between two marks on its clock (µs). */
function readCpuProfile(file: string): Profile {
  return JSON.parse(readFileSync(file, 'utf8')) as Profile;
}

function summarizeCpuProfile(profile: Profile, fromUs: number, toUs: number): ProfileSummary {
  if (fromUs < profile.startTime || toUs > profile.endTime) throw new Error(`marks ${fromUs}..${toUs} outside the profile ${profile.startTime}..${profile.endTime}`);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const partOf = (node: ProfileNode): string => {
    const special = SPECIAL[node.callFrame.functionName];
    if (special && node.callFrame.url === '') return special;
    for (let at: ProfileNode | undefined = node; at; at = byId.get(parent.get(at.id) ?? -1)) {
      const { url } = at.callFrame;
      const part = PARTS.find(([, pattern]) => pattern.test(url))?.[0] ?? (url ? 'other JavaScript' : null);
      if (part === null) continue;
      const name = node.callFrame.functionName;
      return node.callFrame.url === '' && (name === 'parse' || name === 'stringify') ? `JSON.${name} in ${part}` : part;
    }
    return 'V8 and native (program)';
  };
  // A sample stands for the time until the next one.
  const time = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const span = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(id);
    if (at < fromUs || at >= toUs || !node || node.callFrame.functionName === '(root)') return;
    const part = partOf(node);
    time.set(part, (time.get(part) ?? 0) + span);
    total += span;
  });
  const parts = Object.fromEntries(
    [...time.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([part, us]) => [part, { s: Math.round(us / 1e4) / 100, share: Math.round((us / Math.max(1, total)) * 1000) / 10 }]),
  );
  return { profiledS: Math.round(total / 1e5) / 10, parts };
}

/**
 * Summarizes the profile --cpu-prof wrote into `dir` (the process has exited) between each pair of
 * marks, e.g. `{ catchup: [from, to], live: [from, to] }`; keeps the marks next to the profile.
 */
export function summarizeProfilePhases(dir: string, phases: Readonly<Record<string, readonly [number, number]>>): Record<string, ProfileSummary> {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile in ${dir}`);
  const profile = readCpuProfile(path.join(dir, file));
  writeFileSync(path.join(dir, 'marks.json'), JSON.stringify(phases));
  return Object.fromEntries(Object.entries(phases).map(([phase, [from, to]]) => [phase, summarizeCpuProfile(profile, from, to)]));
}
