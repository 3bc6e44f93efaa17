import { InfraError } from './infra-error.mjs';

// pg and kafkajs are project dependencies; load them lazily so a missing `npm install`
// gives a clear message instead of a module resolution stack trace.
export async function loadDependency(name) {
  try {
    const mod = await import(name);
    return mod.default ?? mod;
  } catch (err) {
    if (err.code === 'ERR_MODULE_NOT_FOUND') {
      throw new InfraError(`The npm package "${name}" is not installed: run \`npm install\` at the repo root.`);
    }
    throw err;
  }
}
