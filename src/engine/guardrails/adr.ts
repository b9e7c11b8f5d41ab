import { parse as parseYaml } from 'yaml';
import type { EngineHost, Problem } from '../types';
import { staysInRepository } from './references';
import { isAdrPath, sortAdrs } from './adrOrder';

// Kept importable from here; they live apart so that answering needs no YAML code.
export { isAdrPath, sortAdrs };
import type { Adr, GuardrailsConfig } from './types';

function stringList(value: unknown): string[] {
	if (typeof value === 'string') {
		return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
	}
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function firstWord(text: string): string {
	const word = text.trim().replace(/^[*_`~[\]]+/, '').split(/[\s,.;:*_`~[\]()]+/)[0] ?? '';
	return word.toLowerCase() || 'unknown';
}

function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}

/**
 * Reads an ADR: the title is the first `# ` heading (else the file name); the status is the
 * front matter `status:` (log4brains), else a `- Status:` / `* Status:` bullet (MADR), else the
 * first non-empty line under `## Status` (Nygard, adr-tools), as its lower-cased first word, or
 * `unknown`. Front matter `domains:` and `contracts:` link the ADR to domains and contracts.
 */
export function parseAdr(text: string, path: string): Adr {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	let body = 0;
	let status: string | undefined;
	let domains: string[] = [];
	let contracts: string[] = [];
	let title: string | undefined;
	if (lines[0]?.trim() === '---') {
		const end = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
		if (end > 0) {
			body = end + 1;
			try {
				const front: unknown = parseYaml(lines.slice(1, end).join('\n'));
				if (typeof front === 'object' && front !== null && !Array.isArray(front)) {
					const record = front as Record<string, unknown>;
					if (typeof record.status === 'string') {
						status = firstWord(record.status);
					}
					if (typeof record.title === 'string') {
						title = record.title.trim();
					}
					domains = stringList(record.domains);
					contracts = stringList(record.contracts);
				}
			} catch {
				// Broken front matter: fall back to the Markdown conventions below.
			}
		}
	}
	let inStatusSection = false;
	for (let i = body; i < lines.length; i++) {
		const line = lines[i];
		const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
		if (heading) {
			if (heading[1] === '#' && title === undefined) {
				title = heading[2].trim();
			}
			inStatusSection = heading[1].length >= 2 && /^status$/i.test(heading[2].trim());
			continue;
		}
		if (status !== undefined) {
			if (title !== undefined) {
				break;
			}
			continue;
		}
		const bullet = /^\s*[-*]\s+\**status\**\s*:\s*\**\s*(.+)$/i.exec(line);
		if (bullet) {
			status = firstWord(bullet[1]);
			continue;
		}
		if (inStatusSection && line.trim() !== '') {
			status = firstWord(line.replace(/^\s*[-*>]\s*/, ''));
		}
	}
	return { path, title: title ?? baseName(path), status: status ?? 'unknown', domains, contracts };
}

/** The ADRs read from disk, and `adr-missing` problems for config references that do not exist. */
export interface LoadedAdrs {
	adrs: Map<string, Adr>;
	problems: Problem[];
}

/**
 * Reads every ADR under `adrs.roots` (the file list comes from the caller, or from
 * `host.listFiles` when it has one) plus every ADR the config names, once each. A path the config
 * names that cannot be read is an `adr-missing` problem at the reference.
 */
export async function loadAdrs(host: EngineHost, config: GuardrailsConfig, adrFiles?: readonly string[]): Promise<LoadedAdrs> {
	const candidates = new Set<string>();
	let listed: readonly string[] | undefined = adrFiles;
	if (!listed && host.listFiles) {
		const found: string[] = [];
		for (const root of config.adrRoots) {
			found.push(...((await host.listFiles(root).catch(() => undefined)) ?? []));
		}
		listed = found;
	}
	for (const file of listed ?? []) {
		if (isAdrPath(config, file) && !/(^|\/)(README|index|template)[^/]*$/i.test(file)) {
			candidates.add(file);
		}
	}
	const references: { path: string; key: string }[] = [];
	for (const domain of config.domains.values()) {
		domain.adrs.forEach((path, i) => references.push({ path, key: `domains.${domain.id}.adrs.${i}` }));
	}
	for (const contract of config.contracts.values()) {
		contract.adrs.forEach((path, i) => references.push({ path, key: `contracts.${contract.id}.adrs.${i}` }));
	}
	// Escaping references are reported by the parser (path-outside-repository) and never read.
	const inside = references.filter((ref) => staysInRepository(ref.path));
	for (const ref of inside) {
		candidates.add(ref.path);
	}
	const adrs = new Map<string, Adr>();
	await Promise.all([...candidates].map(async (path) => {
		const text = await host.readFile(path).catch(() => undefined);
		if (text !== undefined) {
			adrs.set(path, parseAdr(text, path));
		}
	}));
	const problems: Problem[] = [];
	for (const ref of inside) {
		if (!adrs.has(ref.path)) {
			const source = config.sources?.get(ref.key);
			problems.push({
				code: 'adr-missing',
				severity: 'warning',
				file: config.file,
				line: source?.line ?? 1,
				column: source?.column ?? 1,
				message: host.unreadableReason?.(ref.path) !== undefined
					? `ADR ${ref.path} (${ref.key}) is not read: ${host.unreadableReason(ref.path)}.`
					: `ADR ${ref.path} (${ref.key}) does not exist.`,
			});
		}
	}
	return { adrs, problems };
}

/**
 * The next ADR number after the highest `NNNN-` prefix among `names`, zero-padded to 4 digits.
 * Counted exactly in any size (a record numbered 2^53 or more must not give a "next" number equal
 * to its own, which plain numbers would), and the width of the widest existing number is kept.
 */
export function nextAdrNumber(names: readonly string[]): string {
	let max = 0n;
	for (const name of names) {
		const match = /^(\d+)-/.exec(name);
		if (match) {
			const n = BigInt(match[1]);
			if (n > max) {
				max = n;
			}
		}
	}
	return String(max + 1n).padStart(4, '0');
}
