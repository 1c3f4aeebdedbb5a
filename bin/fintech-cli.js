#!/usr/bin/env node
// The only place that ends the process: main() returns the exit code and never exits itself.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
