// `npm run check:relay-guard`: proves the out-of-order-commit tests guard something. It removes the
// relay's guard (the xid8 horizon in readAllAfter), runs those tests, expects them to FAIL, and
// restores the file whatever happens. It exits 0 only when the mutant is caught.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = path.join(root, 'libs', 'event-store', 'src', 'postgres-event-store.ts');
const guard = '(events.transaction_id >= horizon.xmin) AS held_back';
const original = readFileSync(file, 'utf8');
if (!original.includes(guard)) {
  console.error(`✖ the guard "${guard}" is not in ${path.relative(root, file)}: update this check`);
  process.exit(1);
}

const restore = () => writeFileSync(file, original);
process.on('SIGINT', () => (restore(), process.exit(130)));
let run;
try {
  writeFileSync(file, original.replace(guard, 'false AS held_back'));
  run = spawnSync(
    path.join(root, 'node_modules', '.bin', 'jest'),
    ['--selectProjects', 'int', '-t', 'took an earlier position', 'libs/event-store', 'apps/relay'],
    { cwd: root, encoding: 'utf8' },
  );
} finally {
  restore();
}
const failed = (run.stderr.match(/Tests:\s+(\d+) failed/) ?? [])[1];
if (run.status !== 0 && Number(failed) >= 2) {
  console.log(`✔ without the relay's guard, ${failed} out-of-order-commit tests fail: the guard is tested`);
  process.exit(0);
}
console.error(`✖ the out-of-order-commit tests did not catch the missing guard (jest exit ${run.status})\n${run.stderr.slice(-2000)}`);
process.exit(1);
