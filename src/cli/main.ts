#!/usr/bin/env node
import { runCli } from './program.js';
import { installCleanup } from './signals.js';

installCleanup();
process.exitCode = await runCli(process.argv.slice(2));
