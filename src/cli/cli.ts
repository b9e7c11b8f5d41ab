// The `guardrails` binary (dist/cli.js): starts the real CLI bundle (dist/cli-main.js, from main.ts)
// with its code cache, so that a call does not pre-parse half a megabyte of JavaScript first.
import * as path from 'node:path';
import { runBundle } from './codeCache';

// The parsed rules, the index and the file list all live until the process ends, so every young
// generation collection copies them. V8 sizes its young generation when the process starts (too
// late to pass a flag from here), but how fast it grows is read at each collection: growing 16
// times instead of twice halves the collections of a large audit.
runBundle(path.join(__dirname, 'cli-main.js'), '--semi-space-growth-factor=16');
