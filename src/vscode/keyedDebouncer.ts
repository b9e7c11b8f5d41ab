// Pure (no vscode import) so it can be unit-tested in plain Node.

/**
 * One pending timer per key: scheduling a key again replaces its timer, and `dispose()` clears
 * every timer and forgets it. Controllers debounce per document or per root with it, so a
 * forgotten `clearTimeout` or a timer left in a map cannot happen in one of them and not the others.
 */
export class KeyedDebouncer {
	private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

	/** Runs `run` after `delayMs` unless the key is scheduled again or cancelled first. */
	schedule(key: string, delayMs: number, run: () => void): void {
		this.cancel(key);
		this.timers.set(key, setTimeout(() => {
			this.timers.delete(key);
			run();
		}, delayMs));
	}

	/** Drops the key's pending run, if any. */
	cancel(key: string): void {
		const pending = this.timers.get(key);
		if (pending !== undefined) {
			clearTimeout(pending);
			this.timers.delete(key);
		}
	}

	/** Whether a run is pending for the key. */
	has(key: string): boolean {
		return this.timers.has(key);
	}

	/** How many runs are pending (tests: leak checks). */
	get size(): number {
		return this.timers.size;
	}

	dispose(): void {
		for (const timer of this.timers.values()) {
			clearTimeout(timer);
		}
		this.timers.clear();
	}
}
