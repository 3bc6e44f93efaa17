import { execFileSync } from 'node:child_process';
import { repoRoot } from '../bench-report';

/** The commit measured, and whether the projection's or the libraries' files differed from it. */
export function codeVersion(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  const dirty = git('status', '--porcelain', '--', 'apps/projection', 'libs') !== '';
  return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in apps/projection or libs' : ''}`;
}
