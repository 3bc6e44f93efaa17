// The lint step is a check that can fail: these snippets break the architecture, and ESLint with
// the project's own configuration must refuse each one.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

type LintResult = { messages: { ruleId: string | null; message: string; severity: number }[] };

/** Lints a snippet as if it were the given file, with the ESLint CLI the lint step runs. */
async function problems(file: string, code: string): Promise<string[]> {
  const run = spawnSync(
    path.join(root, 'node_modules', '.bin', 'eslint'),
    ['--stdin', '--stdin-filename', path.join(root, file), '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  const [result] = JSON.parse(run.stdout) as LintResult[];
  const errors = (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
  // The exit code and the report must agree: a refused snippet fails the lint step.
  expect(run.status).toBe(errors.length > 0 ? 1 : 0);
  return errors;
}

beforeAll(() => {
  // @nx/enforce-module-boundaries skips itself without a cached project graph; build it first.
  execFileSync(path.join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    stdio: 'ignore',
  });
}, 60_000);

describe('libs/domain stays pure', () => {
  it.each([
    ["import { Injectable } from '@nestjs/common';", /framework/],
    ["import { DataSource } from 'typeorm';", /framework/],
    ["import { Kafka } from 'kafkajs';", /framework/],
    ["import { Pool } from 'pg';", /framework/],
  ])('refuses %s', async (line, reason) => {
    const found = await problems('libs/domain/src/probe.ts', `${line}\nexport const probe = 1;\n`);
    expect(found.join('\n')).toMatch(reason);
    expect(found.join('\n')).toMatch(/@nx\/enforce-module-boundaries: A project tagged with "type:domain" is not allowed/);
  });

  it.each([
    ['export const now = Date.now();', /reads no clock/],
    ['export const now = new Date();', /reads no clock/],
    ['export const id = Math.random();', /no randomness/],
    ["import { randomUUID } from 'node:crypto';\nexport const id = randomUUID();", /no randomness/],
    ['export const id = crypto.randomUUID();', /makes no ids/],
    ["export const env = process.env['X'];", /environment/],
  ])('refuses %s', async (code, reason) => {
    expect((await problems('libs/domain/src/probe.ts', `${code}\n`)).join('\n')).toMatch(reason);
  });

  it('accepts a date built from a value that came in with a command', async () => {
    expect(await problems('libs/domain/src/probe.ts', "export const at = (iso: string) => new Date(iso);\n")).toEqual([]);
  });
});

describe('libs are imported through their public index only', () => {
  it('refuses a deep import into another lib', async () => {
    const found = await problems('libs/testing/src/probe.ts', "import { evolve } from '@forensics/domain/src/folder/folder.evolve';\nexport const probe = evolve;\n");
    expect(found.join('\n')).toMatch(/public index/);
  });

  it('refuses a relative import into another lib', async () => {
    const found = await problems('libs/testing/src/probe.ts', "import { evolve } from '../../domain/src/folder/folder.evolve';\nexport const probe = evolve;\n");
    expect(found.join('\n')).toMatch(/enforce-module-boundaries/);
  });

  it('accepts the public index', async () => {
    expect(await problems('libs/testing/src/probe.ts', "import { evolve } from '@forensics/domain';\nexport const probe = evolve;\n")).toEqual([]);
  });
});
