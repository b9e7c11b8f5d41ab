// Entry point of the `guardrails` binary (bundled to dist/cli.js). All logic is in run.ts so tests
// can drive it without spawning a process.
import { run } from './run';

// `guardrails audit | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') {
		process.exit(process.exitCode ?? 0);
	}
	throw error;
});

void run(process.argv.slice(2), {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text),
	cwd: process.cwd(),
	env: process.env,
	stdin: async () => {
		const chunks: Buffer[] = [];
		for await (const chunk of process.stdin) {
			chunks.push(chunk as Buffer);
		}
		return Buffer.concat(chunks).toString('utf8');
	},
}).then((code) => {
	process.exitCode = code;
	// The answer is written: leave without waiting for what V8 still has queued (a garbage collection
	// finishing, freeing the heap), which took 20 ms or more after audit on a large repository. The
	// empty writes call back once everything before them is flushed, so a large answer on a slow
	// pipe still arrives whole.
	process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
