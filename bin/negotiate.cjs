#!/usr/bin/env node
// CommonJS on purpose: Node starts it without setting up its ES module loader (see scripts/build.mjs).
require('../dist/cli.cjs').main(process.argv.slice(2));
