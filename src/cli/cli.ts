// The `guardrails` binary (dist/cli.js): starts the real CLI bundle (dist/cli-main.js, from main.ts)
// with its code cache, so that a call does not pre-parse half a megabyte of JavaScript first.
import * as path from 'node:path';
import { runBundle } from './codeCache';

runBundle(path.join(__dirname, 'cli-main.js'));
