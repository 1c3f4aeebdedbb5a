#!/usr/bin/env node
// The only place that ends the process: main() returns the exit code and never exits itself.
//
// Written in syntax that old Nodes still parse (no static import, no top-level await), so that a Node older than
// package.json's `engines` gets one line naming the version needed instead of a failure deep inside dist/.
'use strict';

var NEEDED = [20, 19];
var running = process.versions.node.split('.').map(Number);

if (running[0] < NEEDED[0] || (running[0] === NEEDED[0] && running[1] < NEEDED[1])) {
  process.stderr.write('fintech-cli needs Node.js ' + NEEDED.join('.') + ' or later; this is Node.js ' + process.versions.node + '.\n');
  process.exitCode = 2;
} else {
  start();
}

function start() {
  return import('node:module')
    .then(function (module) {
      // Node 22.1 and later: keep V8's compiled code of dist/ on disk (in the OS temp folder), so that later starts
      // skip compiling it. A no-op on Node 20, and when NODE_DISABLE_COMPILE_CACHE is set.
      if (module.enableCompileCache) module.enableCompileCache();
      return import('../dist/main.js');
    })
    .then(function (dist) {
      return dist.main(process.argv.slice(2));
    })
    .then(function (code) {
      process.exitCode = code;
    });
}
