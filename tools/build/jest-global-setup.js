// Tests that start a service as a process run its compiled JavaScript, as production does: build
// dist/ once before any test file runs, so it is never older than the sources under test.
module.exports = async function buildBeforeTests() {
  const { build } = require('./compile.cjs');
  await build();
};
