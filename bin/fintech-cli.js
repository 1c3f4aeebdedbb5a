#!/usr/bin/env node
// The only place that ends the process: main() returns the exit code and never exits itself.
//
// Written in syntax that old Nodes still parse, so that a Node older than package.json's `engines` gets one line
// naming the version needed instead of a failure deep inside dist/. CommonJS (bin/package.json): an ES module entry
// costs Node 20 some 14 million instructions at start.
/* global require */
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
  // dist/main.cjs compiles the chunks a command line needs with V8's code cache (scripts/dist-main.cjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose (above)
  require('../dist/main.cjs')
    .main(process.argv.slice(2))
    .then(function (code) {
      process.exitCode = code;
    });
}
