import type { OwnerResolution } from '../types';
import type { Accumulator, DirView } from './bucketLookup';
import { directoryView } from './bucketLookup';
import type { RuleBuckets } from './ruleBuckets';

// What a lookup remembers between paths. Bulk callers list paths grouped by directory, and many
// GitLab files share their section winners, so the work of one path is mostly the work of the
// last one: the directory's views are kept (the last directory, then a bounded memo of recent
// ones), and GitLab answers are kept by their winners. Both memos are bounded and self-clearing,
// so a long run cannot grow them.

/** The views of one directory, and a buffer of its segments with a slot for the base name. */
export class DirEntry {
	exclusions: DirView | undefined;

	constructor(
		readonly dir: string,
		/** Where the `/` before the base name sits in a path of this directory (-1: the root). */
		readonly slash: number,
		readonly segs: string[],
		readonly entries: DirView,
	) {}
}

/** Directories remembered at most (beyond the last one); the memo is dropped when it fills. */
const dirMemoLimit = 1024;

/** Whether `path` from `start` on is one plain path segment (not empty, not `.`, no `/` or `\\`). */
export function isPlainName(path: string, start: number): boolean {
	const length = path.length;
	if (length <= start || (length === start + 1 && path.charCodeAt(start) === 46)) {
		return false;
	}
	for (let i = start; i < length; i++) {
		const c = path.charCodeAt(i);
		if (c === 47 || c === 92) {
			return false;
		}
	}
	return true;
}

/** The entries' views of the directories asked about: the last one, and a bounded memo of recent ones. */
export class DirectoryMemo {
	/** The last directory asked about; `find` tests it inline (one call fewer per path). */
	last: DirEntry | undefined;
	private readonly memo = new Map<string, DirEntry>();
	/** Memo hits since it was last cleared, and how many new directories it skips while resting. */
	private hits = 0;
	private rest = 0;

	constructor(private readonly entries: RuleBuckets, private readonly acc: Accumulator) {}

	/** The views of a normal path's directory: the last one, a remembered one, or new ones. */
	entryOf(p: string): DirEntry {
		const slash = p.lastIndexOf('/');
		const dir = slash < 0 ? '' : p.slice(0, slash);
		// The memo pays off when directories come back (shuffled paths); a listing grouped by
		// directory never returns to one, so after a round without hits it rests for a while.
		const useMemo = this.rest === 0;
		let entry = useMemo ? this.memo.get(dir) : undefined;
		if (entry !== undefined) {
			this.hits++;
		} else {
			const segs = slash < 0 ? [''] : p.split('/');
			entry = new DirEntry(dir, slash, segs, directoryView(this.entries, segs, this.acc));
			if (useMemo) {
				if (this.memo.size >= dirMemoLimit) {
					const idle = this.hits < dirMemoLimit / 64;
					this.memo.clear();
					this.hits = 0;
					if (idle) {
						this.rest = dirMemoLimit * 4;
					}
				}
				this.memo.set(dir, entry);
			} else {
				this.rest--;
			}
		}
		this.last = entry;
		return entry;
	}
}

/** GitLab: distinct combinations of section winners remembered at most. */
const joinedMemoLimit = 4096;

function sameWinners(a: readonly number[], b: readonly number[], count: number): boolean {
	for (let k = 0; k < count; k++) {
		if (a[k] !== b[k]) {
			return false;
		}
	}
	return true;
}

/**
 * GitLab answers by their section winners. Most consecutive files change winners, so answers are
 * remembered by a hash of the winners (a bounded memo), not only the last one; the answer objects
 * are shared and frozen.
 */
export class JoinedAnswers {
	private readonly lastWinners: number[] = [];
	private lastCount = -1;
	private lastAnswer: OwnerResolution = { path: '', owners: [], rule: null, sections: [] };
	private readonly byHash = new Map<number, { winners: number[]; answer: OwnerResolution }[]>();

	/** `join` builds the answer for winners seen for the first time. */
	constructor(private readonly join: (winners: readonly number[], count: number) => OwnerResolution) {}

	/** The answer of the last `answerFor` call. */
	get last(): OwnerResolution {
		return this.lastAnswer;
	}

	/** The answer for the first `count` winners (one rule per surviving section, in section order). */
	answerFor(winners: readonly number[], count: number): OwnerResolution {
		let same = count === this.lastCount;
		for (let k = 0; same && k < count; k++) {
			same = this.lastWinners[k] === winners[k];
		}
		if (!same) {
			this.lastCount = count;
			let hash = count;
			for (let k = 0; k < count; k++) {
				this.lastWinners[k] = winners[k];
				hash = (Math.imul(hash, 31) + winners[k]) | 0;
			}
			this.lastAnswer = this.remembered(hash, winners, count);
		}
		return this.lastAnswer;
	}

	private remembered(hash: number, winners: readonly number[], count: number): OwnerResolution {
		let bucket = this.byHash.get(hash);
		if (bucket !== undefined) {
			for (const known of bucket) {
				if (known.winners.length === count && sameWinners(known.winners, winners, count)) {
					return known.answer;
				}
			}
		} else {
			if (this.byHash.size >= joinedMemoLimit) {
				this.byHash.clear();
			}
			bucket = [];
			this.byHash.set(hash, bucket);
		}
		const answer = this.join(winners, count);
		bucket.push({ winners: winners.slice(0, count), answer });
		return answer;
	}
}
