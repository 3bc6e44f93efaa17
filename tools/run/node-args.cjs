// Node flags a service asks for in its package.json (`forensics.nodeArgs`), such as a heap limit:
// `npm start`, the tests that start services as processes and the benchmarks all run it so.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

/** @param {string} app the folder under apps/ @returns {string[]} */
function nodeArgsOf(app) {
  const manifest = JSON.parse(readFileSync(path.join(root, 'apps', app, 'package.json'), 'utf8'));
  return manifest.forensics?.nodeArgs ?? [];
}

module.exports = { nodeArgsOf };
