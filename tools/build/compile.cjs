// `npm run build`: compiles the apps and libs to plain CommonJS under dist/ with @swc/core, the
// compiler the tests already use (@swc/jest, @swc-node/register), so production processes run
// JavaScript instead of compiling TypeScript at start-up: the on-the-fly compiler costs about
// 74 MB of resident memory in every process (docs/benchmarks/projection.md). Type checking is
// `npm run typecheck`'s job; this only strips types, keeping decorator metadata for NestJS.
// `@forensics/*` imports become relative paths (tsconfig.base.json's `paths`).
// CommonJS, so that Jest's global set-up can require it.
const { mkdir, readdir, readFile, rm, writeFile } = require('node:fs/promises');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
const outDir = path.join(root, 'dist');

async function sources(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await sources(full)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.(unit|int|e2e)\.spec\.ts$/.test(entry.name)) found.push(full);
  }
  return found;
}

async function build() {
  const started = performance.now();
  const tsconfig = JSON.parse(await readFile(path.join(root, 'tsconfig.base.json'), 'utf8'));
  const projects = [];
  for (const kind of ['apps', 'libs']) {
    for (const entry of await readdir(path.join(root, kind), { withFileTypes: true })) if (entry.isDirectory()) projects.push(path.join(root, kind, entry.name, 'src'));
  }
  const files = (await Promise.all(projects.map(sources))).flat();
  await rm(outDir, { recursive: true, force: true });
  await Promise.all(
    files.map(async (file) => {
      const { code, map } = await swc.transformFile(file, {
        filename: file,
        sourceMaps: true,
        swcrc: false,
        module: { type: 'commonjs' },
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          baseUrl: root,
          paths: tsconfig.compilerOptions.paths,
          keepClassNames: true,
        },
      });
      const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      if (map) await writeFile(`${target}.map`, map);
    }),
  );
  return { files: files.length, ms: Math.round(performance.now() - started) };
}

module.exports = { build };

if (require.main === module) {
  build().then(
    ({ files, ms }) => console.log(`compiled ${files} files to dist/ in ${ms} ms`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
