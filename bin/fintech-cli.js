#!/usr/bin/env node
// The only place that ends the process: main() returns the exit code and never exits itself.
import module from 'node:module';

// Node 22.1 and later: keep V8's compiled code of dist/ on disk (in the OS temp folder), so that later starts skip
// compiling it. A no-op on Node 20, and when NODE_DISABLE_COMPILE_CACHE is set.
module.enableCompileCache?.();
const { main } = await import('../dist/main.js');

process.exitCode = await main(process.argv.slice(2));
