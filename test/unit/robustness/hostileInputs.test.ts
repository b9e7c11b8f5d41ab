// Engine-side classes of issue 14 (a hostile repository, second round): the brace-expansion guard
// against the matcher's real expansion (property), brace bombs behind an unbalanced `{`, the
// hardening every git run gets, read limits, line folding of workspace text, ADR numbers past
// 2^53, and an alias bomb that is not "empty".
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { braceExpand } from 'minimatch';
import { nextAdrNumber } from '../../../src/engine/guardrails/adr';
import { renderForecastMarkdown, renderForecastText } from '../../../src/engine/guardrails/forecast';
import { braceExpansionCount, compileGuardrails, compilePathList, maxBraceExpansions } from '../../../src/engine/guardrails/domainIndex';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { disarmDrivers, gitCandidates, hardenedGitArgs, hardenedGitEnv } from '../../../src/engine/safety/gitHardening';
import { codeownersReadLimit, exceedsReadLimit, guardrailsConfigReadLimit, ReadLimits, readLimitFor, tooLargeReason } from '../../../src/engine/safety/readLimits';
import { parseLsTreeLong, treeEntryRefusal } from '../../../src/engine/safety/treeEntries';
import { line, oneLine } from '../../../src/engine/safety/text';
import { loadWorkspaceModel } from '../../../src/engine/workspaceModel';
import type { EngineHost } from '../../../src/engine/types';
import { fuzzParameters } from './fuzzSettings';
import { oneDomainConfig } from './configFixtures';

suite('robustness: hostile inputs to the engine (issue 14)', function () {
	this.timeout(60000);

	suite('4. the brace-expansion guard counts as the matcher expands', () => {
		test('property: the guard\'s count is never below minimatch\'s real expansion (capped just above the limit)', () => {
			// Brace-heavy patterns: unbalanced and nested braces, sequences, escapes, `$`, commas.
			const piece = fc.constantFrom('{', '}', ',', 'a', 'b', '/', '*', '..', '1', '9', '\\', '$', '{a,b}', '{1..3}', '{,}', '{a}', 'x/');
			const pattern = fc.array(piece, { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));
			fc.assert(fc.property(pattern, fc.integer({ min: 1, max: 64 }), (p, limit) => {
				const real = braceExpand(p).length;
				const estimate = braceExpansionCount(p, limit);
				return estimate >= Math.min(real, limit + 1);
			}), fuzzParameters(2000));
		});

		test('property: a pattern the guard lets through compiles to at most the limit of patterns', () => {
			const piece = fc.constantFrom('{', '}', ',', 'a', 'b', '/', '{a,b}', '{a,b,c,d}', '{1..9}', '**');
			const pattern = fc.array(piece, { minLength: 1, maxLength: 60 }).map((parts) => parts.join(''));
			fc.assert(fc.property(pattern, (p) => {
				if (braceExpansionCount(p) > maxBraceExpansions) {
					return compilePathList([p]).include.length === 0;
				}
				return compilePathList([p]).include.every((glob) => glob.matcher.set.length <= maxBraceExpansions);
			}), fuzzParameters(500));
		});

		const bypasses: [string, string][] = [
			['one unbalanced leading "{"', `{${'{a,b}'.repeat(20)}`],
			['an unbalanced "{" in the middle', `src/${'{a,b}'.repeat(10)}{/${'{c,d}'.repeat(10)}`],
			['"{}" at the start (kept literal by the matcher)', `{}${'{a,b}'.repeat(20)}`],
			['the "{a},b}" rewrite', `{a},b}${'{c,d}'.repeat(20)}`],
			['"${" before a group', `\${x}${'{a,b}'.repeat(20)}`],
			['nested single-part braces', `{{a,b}}`.repeat(20)],
		];
		for (const [name, bomb] of bypasses) {
			test(`${name}: refused by lint (pattern-too-complex) and never expanded`, () => {
				const started = Date.now();
				const configText = oneDomainConfig([bomb, bomb, bomb, bomb, bomb, 'src/**']);
				const config = parseGuardrails(configText, 'guardrails.yaml');
				const index = compileGuardrails(config);
				const ms = Date.now() - started;
				assert.ok(config.problems.filter((p) => p.code === 'pattern-too-complex').length >= 5, JSON.stringify(config.problems.map((p) => p.code)));
				assert.ok(ms < 3000, `${ms} ms`);
				assert.equal(index.domainOf('src/x.ts')?.domain.id, 'd');
				assert.ok(braceExpand(bomb).length > maxBraceExpansions, 'the matcher really would expand it past the limit');
			});
		}

		test('the count stays cheap on adversarial patterns of the longest length compiled', () => {
			for (const p of [`{${'{a,b}'.repeat(800)}`, '{a,{b,c}'.repeat(500), `${'{0000..0999}'.repeat(370)}`]) {
				const started = Date.now();
				assert.ok(braceExpansionCount(p.slice(0, 4096)) > maxBraceExpansions);
				assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
			}
		});
	});

	suite('1. git hardening (pure part)', () => {
		test('every run turns off hooks, fsmonitor, pagers, transports, credential helpers and signatures', () => {
			const args = hardenedGitArgs(['status', '--porcelain']).join(' ');
			for (const setting of ['core.hooksPath=/dev/null', 'core.fsmonitor=false', 'core.pager=cat', 'protocol.allow=never', 'credential.helper=', 'log.showSignature=false', 'diff.ignoreSubmodules=dirty']) {
				assert.ok(args.includes(`-c ${setting}`), setting);
			}
			assert.ok(args.endsWith('status --porcelain'));
		});

		test('diffing commands get --no-ext-diff --no-textconv right after the subcommand', () => {
			for (const command of ['diff', 'log', 'show', 'diff-tree', 'diff-index', 'diff-files', 'format-patch']) {
				const args = hardenedGitArgs([command, 'HEAD', '--', 'x']);
				const at = args.indexOf(command);
				assert.deepEqual(args.slice(at), [command, '--no-ext-diff', '--no-textconv', 'HEAD', '--', 'x'], command);
			}
			assert.deepEqual(hardenedGitArgs(['blame', 'x']).slice(-3), ['blame', '--no-textconv', 'x']);
			assert.ok(!hardenedGitArgs(['ls-files']).includes('--no-ext-diff'));
		});

		test('every configured filter, diff and merge driver is disarmed, whatever its name', () => {
			const output = ['filter.lfs.clean', 'filter.lfs.smudge', 'filter.a=b.c.process', 'diff.evil.textconv', 'diff.evil.command', 'merge.m.driver', 'filter.x'].join('\0');
			const pairs = disarmDrivers(output);
			const map = new Map(pairs);
			assert.equal(map.get('filter.lfs.clean'), '');
			assert.equal(map.get('filter.lfs.process'), '');
			assert.equal(map.get('filter.lfs.required'), 'false');
			assert.equal(map.get('filter.a=b.c.clean'), '');
			assert.equal(map.get('filter.a=b.c.required'), 'false');
			assert.equal(map.get('diff.evil.textconv'), '');
			assert.equal(map.get('diff.evil.command'), '');
			assert.equal(map.get('merge.m.driver'), '');
			assert.ok(!pairs.some(([key]) => key.startsWith('filter.x.')), 'a key without a driver name is not a driver');
		});

		test('the environment drops program variables, adds the hardening and appends GIT_CONFIG_COUNT pairs', () => {
			const env = hardenedGitEnv({ PATH: '/usr/bin', GIT_EXTERNAL_DIFF: '/evil', GIT_SSH_COMMAND: '/evil', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'a.b', GIT_CONFIG_VALUE_0: 'c' }, [['filter.x.clean', '']]);
			assert.equal(env.GIT_EXTERNAL_DIFF, undefined);
			assert.equal(env.GIT_SSH_COMMAND, undefined);
			assert.equal(env.GIT_CONFIG_NOSYSTEM, '1');
			assert.equal(env.GIT_TERMINAL_PROMPT, '0');
			assert.equal(env.GIT_CONFIG_COUNT, '2');
			assert.equal(env.GIT_CONFIG_KEY_0, 'a.b');
			assert.equal(env.GIT_CONFIG_KEY_1, 'filter.x.clean');
			assert.equal(env.GIT_CONFIG_VALUE_1, '');
		});

		test('git is looked for on absolute PATH entries only (".", "" and relative entries would find the repository\'s own)', () => {
			assert.deepEqual(gitCandidates('.:/usr/bin::bin:/opt/git/', 'linux'), ['/usr/bin/git', '/opt/git/git']);
			assert.deepEqual(gitCandidates('.;C:\\Git\\cmd;;tools;"D:\\x y"', 'win32'), ['C:\\Git\\cmd\\git.exe', 'D:\\x y\\git.exe']);
			assert.deepEqual(gitCandidates(undefined, 'linux'), []);
		});
	});

	suite('2 and 7. read limits by kind', () => {
		test('each kind of file has its documented limit', () => {
			const MB = 1024 * 1024;
			const expected: [string, number][] = [
				['.github/CODEOWNERS', 3 * MB], ['CODEOWNERS', 3 * MB], ['.gitlab/CODEOWNERS', 3 * MB],
				['guardrails.yaml', 4 * MB], ['.config/guardrails.yaml', 4 * MB], ['guardrails.json', 4 * MB],
				['docs/adr/0001-x.md', 1 * MB], ['catalog-info.yaml', 1 * MB], ['svc/catalog-info.yaml', 1 * MB],
				['package.json', 1 * MB], ['libs/a/package.json', 1 * MB], ['tsconfig.json', 1 * MB], ['tsconfig.base.json', 1 * MB],
				['pyproject.toml', 1 * MB], ['go.mod', 1 * MB], ['.git/config', 1 * MB], ['anything/else.bin', 4 * MB],
			];
			for (const [path, bytes] of expected) {
				assert.equal(readLimitFor(path).maxBytes, bytes, path);
				assert.equal(exceedsReadLimit(path, bytes), false, path);
				assert.equal(exceedsReadLimit(path, bytes + 1), true, path);
			}
			assert.equal(tooLargeReason('.github/CODEOWNERS', 52428800), '52,428,800 bytes, larger than the 3 MB limit for CODEOWNERS');
		});

		test('a CODEOWNERS of 3 MB or more is sized, never read, and owns nothing in both dialects, saying why with the size', async () => {
			for (const dialect of ['github', 'gitlab'] as const) {
				const read: string[] = [];
				const host: EngineHost = {
					readFile: async (path) => {
						read.push(path);
						return path === 'CODEOWNERS' ? '* @a\n' : undefined;
					},
					fileSize: async (path) => (path === 'CODEOWNERS' ? 50 * 1024 * 1024 : undefined),
				};
				const model = await loadWorkspaceModel(host, { dialect });
				assert.ok(!read.includes('CODEOWNERS'), `${dialect}: read ${read.join(', ')}`);
				assert.equal(model.codeowners?.file, 'CODEOWNERS');
				assert.deepEqual(model.owners('a.ts')?.owners, []);
				const problem = model.problems().find((p) => p.code === 'file-too-large');
				assert.ok(problem, dialect);
				assert.match(problem.message, /52,428,800 bytes/);
			}
		});

		test('a file named for a role takes that role\'s limit whatever its name (--codeowners owners.md is not an ADR)', () => {
			const limits = new ReadLimits();
			assert.equal(limits.for('owners.md').kind, 'ADR');
			limits.assign('owners.md', codeownersReadLimit);
			limits.assign('rules.txt', guardrailsConfigReadLimit);
			assert.equal(limits.for('owners.md').maxBytes, 3 * 1024 * 1024);
			assert.equal(limits.tooLargeReason('owners.md', 4_000_000), '4,000,000 bytes, larger than the 3 MB limit for CODEOWNERS');
			assert.equal(limits.for('rules.txt').kind, 'guardrails config');
			assert.equal(limits.for('docs/adr/0001-x.md').kind, 'ADR');
		});

		test('rule files at a commit: ls-tree -l entries parsed; links, submodules, folders and blobs over the limit refused', () => {
			const sha = 'a'.repeat(40);
			const entries = parseLsTreeLong([
				`100644 blob ${sha}     120\t.github/CODEOWNERS`,
				`120000 blob ${sha}      22\tguardrails.yaml`,
				`160000 commit ${sha}       -\tCODEOWNERS`,
				`040000 tree ${sha}       -\tdocs/CODEOWNERS`,
				`100755 blob ${sha} 5242880\tweird\tname\nwith breaks`,
				'',
			].join('\0'));
			assert.deepEqual([...entries.keys()], ['.github/CODEOWNERS', 'guardrails.yaml', 'CODEOWNERS', 'docs/CODEOWNERS', 'weird\tname\nwith breaks']);
			const commit = 'b'.repeat(40);
			const refusal = (path: string, limit = codeownersReadLimit): string | undefined => treeEntryRefusal(entries.get(path)!, limit, commit);
			assert.equal(refusal('.github/CODEOWNERS'), undefined);
			assert.equal(refusal('guardrails.yaml'), 'a symbolic link at bbbbbbbbbbbb; not followed');
			assert.equal(refusal('CODEOWNERS'), 'a submodule at bbbbbbbbbbbb, not a file');
			assert.equal(refusal('docs/CODEOWNERS'), 'not a regular file at bbbbbbbbbbbb (a tree)');
			assert.equal(refusal('weird\tname\nwith breaks', guardrailsConfigReadLimit), '5,242,880 bytes at bbbbbbbbbbbb, larger than the 4 MB limit for guardrails config');
		});
	});

	suite('6. workspace text stays on its line', () => {
		test('oneLine folds LF, CRLF, CR, VT, FF, NEL, LS and PS', () => {
			assert.equal(oneLine('a\nb\r\nc\rd\u000be\u000cf\u0085g\u2028h\u2029i'), 'a b c d e f g h i');
			assert.equal(line`x ${'a\n::error::b'} y\n`, 'x a ::error::b y\n');
		});

		test('forecast text and Markdown: a title or guidance with line breaks cannot start a line', async () => {
			const text = oneDomainConfig(['src/**']).replace('  d:\n', '  d:\n    title: "D\\n::error::title\\u2028## heading"\n');
			const host: EngineHost = { readFile: async (path) => (path === 'guardrails.yaml' ? text : undefined) };
			const model = await loadWorkspaceModel(host, {});
			const forecast = model.forecast([{ path: 'src/a\n::warning::path.ts', status: 'modified' }]);
			for (const rendered of [renderForecastText(forecast), renderForecastMarkdown(forecast)]) {
				for (const l of rendered.split(/\r\n|[\n\r\u2028\u2029\u0085]/)) {
					assert.doesNotMatch(l, /^\s*(::|## heading)/, JSON.stringify(l));
				}
			}
		});
	});

	suite('9 and 10. ADR numbers and alias bombs', () => {
		test('the next ADR number is exact beyond 2^53 and never equals an existing one', () => {
			assert.equal(nextAdrNumber([]), '0001');
			assert.equal(nextAdrNumber(['0001-a.md', '0007-b.md', 'template.md']), '0008');
			assert.equal(nextAdrNumber(['9007199254740992-big.md']), '9007199254740993');
			assert.equal(nextAdrNumber(['9007199254740993-big.md']), '9007199254740994');
			const huge = `${'9'.repeat(40)}-x.md`;
			assert.equal(nextAdrNumber([huge]), `1${'0'.repeat(40)}`);
			fc.assert(fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 30n }), { maxLength: 10 }), (numbers) => {
				const names = numbers.map((n) => `${String(n).padStart(4, '0')}-x.md`);
				const next = nextAdrNumber(names);
				return !names.some((name) => name.startsWith(`${next}-`)) && numbers.every((n) => BigInt(next) > n);
			}), fuzzParameters(300));
		});

		test('a refused YAML alias bomb is reported as refused, not as "The file is empty"', () => {
			const lines = ['version: 1', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
			for (let i = 1; i < 12; i++) {
				lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
			}
			const config = parseGuardrails(`${lines.join('\n')}\n`, 'guardrails.yaml');
			assert.ok(config.problems.some((p) => /Cannot read the document/.test(p.message)), JSON.stringify(config.problems));
			assert.ok(!config.problems.some((p) => p.code === 'empty-config'), JSON.stringify(config.problems.map((p) => p.message)));
		});
	});
});
