import * as assert from 'node:assert/strict';
import { analyseBottlenecks } from '../../../src/engine/history/bottlenecks';
import { DeciderCatalog } from '../../../src/engine/history/deciders';
import { renderBottlenecksHtml } from '../../../src/engine/history/htmlReport';
import { buildOwnershipMap } from '../../../src/engine/history/ownershipMap';
import { renderBottlenecksMarkdown, renderBottlenecksText } from '../../../src/engine/history/render';
import type { BottleneckCode, BottlenecksJson } from '../../../src/engine/history/types';
import { createDecisionContext } from '../../../src/engine/guardrails/whoDecides';
import { codeownersInput } from '../guardrails/helpers';
import { commit, context, history, repoFiles, window } from './fixture';

function run(commits = history(), ctx = context()): BottlenecksJson {
	return analyseBottlenecks(ctx, { commits, files: repoFiles, window }).json;
}

function subjects(report: BottlenecksJson, code: BottleneckCode): string[] {
	return report.findings.filter((f) => f.code === code).map((f) => f.subject).sort();
}

suite('analyseBottlenecks: review load', () => {
	test('counts every decider once per commit, with files, sole files, domains and contracts', () => {
		const report = run();
		assert.deepEqual(report.window, { ...window, commits: 6 });
		assert.equal(report.files, 9);
		const byId = new Map(report.deciders.map((d) => [d.id, d]));
		// c1 touches two payments files: Ann and @org/pay still count once for it.
		assert.deepEqual(byId.get('@ann-gh'), {
			id: '@ann-gh', kind: 'person', name: 'Ann Ash', commits: 3, share: 0.5, files: 3, soleFiles: 0,
			domains: ['payments'], contracts: ['pay-api', 'shared'],
		});
		assert.deepEqual(byId.get('@org/arch'), {
			id: '@org/arch', kind: 'team', name: 'Architecture Forum', commits: 3, share: 0.5, files: 3, soleFiles: 0,
			domains: [], contracts: ['core-schema'],
		});
		assert.deepEqual([...byId.entries()].map(([id, d]) => [id, d.commits, d.files, d.soleFiles]), [
			['@ann-gh', 3, 3, 0],
			['@org/arch', 3, 3, 0],
			['@cat-gh', 2, 3, 0],
			['@org/core', 2, 2, 0],
			['@org/pay', 2, 2, 0],
			['@eve-gh', 1, 1, 1],
			['@zed', 1, 1, 1],
		]);
		assert.equal(byId.get('@cat-gh')?.share, 0.3333);
		assert.deepEqual(report.unowned, { files: 1, commits: 1 });
	});

	test('the lead who is also the code owner is one decider, and a lone person with no deputy is sole', () => {
		const report = run();
		const eve = report.deciders.find((d) => d.id === '@eve-gh');
		// ops/deploy.sh: CODEOWNERS @eve-gh and lead eve are the same person; team Ops has no deputy.
		assert.deepEqual([eve?.kind, eve?.files, eve?.soleFiles, eve?.domains], ['person', 1, 1, ['ops']]);
	});

	test('GitHub: only the winning rule\'s owners; GitLab: every required section, optional ones not', () => {
		const github = createDecisionContext({ codeowners: codeownersInput('/api/ @a\n/api/auth/ @b\n', 'github', '.github/CODEOWNERS') });
		const gh = analyseBottlenecks(github, { commits: [commit('x', 'x@y.io', ['api/auth/y.ts'])], files: ['api/x.ts', 'api/auth/y.ts'], window }).json;
		assert.deepEqual(gh.deciders.map((d) => [d.id, d.commits, d.files]), [['@b', 1, 1], ['@a', 0, 1]]);

		const gitlabText = '[Backend]\n/api/ @be\n\n^[Docs]\n/api/ @docs\n\n[Security]\n/api/auth/ @sec\n';
		const gitlab = createDecisionContext({ codeowners: codeownersInput(gitlabText, 'gitlab', '.gitlab/CODEOWNERS') });
		const gl = analyseBottlenecks(gitlab, { commits: [commit('x', 'x@y.io', ['api/auth/y.ts'])], files: ['api/x.ts', 'api/auth/y.ts'], window }).json;
		assert.deepEqual(gl.deciders.map((d) => [d.id, d.commits, d.files, d.soleFiles]), [['@be', 1, 2, 1], ['@sec', 1, 1, 0]]);
	});

	test('resolves each distinct path once, however many commits touch it', () => {
		const ctx = context();
		const commits = Array.from({ length: 500 }, (_, i) => commit('Ann Ash', 'ann@x.io', [repoFiles[i % repoFiles.length], 'pay/a.ts']));
		const analysis = analyseBottlenecks(ctx, { commits, files: repoFiles, window });
		assert.equal(analysis.catalog.resolvedPaths, repoFiles.length);
		assert.equal(analysis.json.deciders.find((d) => d.id === '@ann-gh')?.commits, 500);
	});

	test('an empty window gives zero shares and no load findings', () => {
		const report = run([]);
		assert.equal(report.window.commits, 0);
		assert.ok(report.deciders.every((d) => d.commits === 0 && d.share === 0));
		assert.deepEqual(subjects(report, 'review-concentration'), []);
		assert.deepEqual(subjects(report, 'stale-owner'), []);
	});

	test('says when CODEOWNERS or guardrails.yaml changed during the window, and notes bulk commits', () => {
		const big = Array.from({ length: 1200 }, (_, i) => `gen/f${i}.ts`);
		const report = run([...history(), commit('Ann Ash', 'ann@x.io', ['.github/CODEOWNERS']), commit('Bot', 'bot@x.io', big)]);
		assert.deepEqual(report.notes, [
			'.github/CODEOWNERS changed during the window; every commit is measured against the current version.',
			'One commit touched 1000 files or more (bulk changes count once per decider like any other commit).',
		]);
	});
});

suite('analyseBottlenecks: findings', () => {
	test('a decider on more than a third of the commits, with the areas it approves', () => {
		const report = run();
		assert.deepEqual(subjects(report, 'review-concentration'), ['@ann-gh', '@org/arch']);
		const ann = report.findings.find((f) => f.code === 'review-concentration' && f.subject === '@ann-gh');
		assert.equal(ann?.severity, 'warning');
		assert.equal(ann?.message, 'Ann Ash (@ann-gh) must approve 50% of the window\'s commits (3 of 6).');
		assert.deepEqual(ann?.evidence, { commits: 3, total: 6, share: 0.5, areas: ['pay/ (2)', 'shared/ (1)'] });
		// @cat-gh is on exactly a third (2 of 6): not more than a third.
		assert.ok(!subjects(report, 'review-concentration').includes('@cat-gh'));
	});

	test('domains whose team has a lead and no deputy, naming candidates', () => {
		const report = run();
		assert.deepEqual(subjects(report, 'lead-without-deputy'), ['ops', 'payments']);
		const payments = report.findings.find((f) => f.subject === 'payments');
		assert.deepEqual(payments?.evidence, { team: 'pay', lead: '@ann-gh', files: 2, commits: 2 });
		const suggestion = report.suggestions.find((s) => s.subject === 'payments');
		assert.equal(suggestion?.text, 'Name a deputy for Payments in team Payments. Ben Birch wrote 1 of its 2 commits in the window.');
	});

	test('contracts whose approvals need every person who can give them', () => {
		const report = run();
		// pay-api: owner level, lead Ann and no deputy; shared: 2 approvals from exactly Ann and Cat.
		// core-schema goes to the forum (Ann and Cat) for one approval: not a single point.
		assert.deepEqual(subjects(report, 'single-approver-contract'), ['pay-api', 'shared']);
		const shared = report.findings.find((f) => f.subject === 'shared');
		assert.deepEqual(shared?.evidence, { approvals: 2, people: ['Ann Ash', 'Cat Cole'] });
		assert.equal(report.findings.find((f) => f.subject === 'pay-api')?.message, 'Contract "Payments API" can only be approved by Ann Ash.');
	});

	test('teams with one member, and single people required on more than a fifth of the files', () => {
		const report = run();
		assert.deepEqual(subjects(report, 'single-member-team'), ['solo']);
		assert.deepEqual(subjects(report, 'single-person-owner'), ['@ann-gh', '@cat-gh']);
	});

	test('stale owners: no commit in the window while their files changed, matched through handles and e-mails', () => {
		const report = run();
		assert.deepEqual(subjects(report, 'stale-owner'), ['@eve-gh', '@zed']);
		// Eve commits through GitHub's no-reply address: her handle matches, she is not stale.
		const withEve = run([...history(), commit('E.', '99+eve-gh@users.noreply.github.com', ['ops/deploy.sh'])]);
		assert.deepEqual(subjects(withEve, 'stale-owner'), ['@zed']);
		// Without guardrails.yaml a bare handle is matched to the e-mail's local part.
		const bare = run([...history(), commit('Zed', 'zed@elsewhere.io', ['README.md'])], context(null));
		assert.ok(!subjects(bare, 'stale-owner').includes('@zed'));
	});

	test('unowned changes, and every finding has one suggestion', () => {
		const report = run();
		const unowned = report.findings.find((f) => f.code === 'unowned-changes');
		assert.deepEqual(unowned?.evidence, { commits: 1, files: 1, areas: ['vendor/ (1)'] });
		assert.equal(report.suggestions.length, report.findings.length);
		assert.deepEqual(report.suggestions.map((s) => s.subject), report.findings.map((f) => f.subject));
	});

	test('without guardrails.yaml: CODEOWNERS owners only, no domain findings', () => {
		const report = run(history(), context(null));
		assert.deepEqual(report.findings.map((f) => f.code).filter((c) => c === 'lead-without-deputy' || c === 'single-member-team'), []);
		assert.deepEqual(report.deciders.map((d) => d.id).sort(), ['@eve-gh', '@org/arch', '@org/core', '@org/pay', '@zed']);
	});
});

suite('DeciderCatalog', () => {
	test('an owner token names the configured person or team, case-insensitively', () => {
		const catalog = new DeciderCatalog(context());
		assert.equal(catalog.owner('@ANN-GH').id, '@ann-gh');
		assert.equal(catalog.owner('ann@x.io').id, '@ann-gh');
		assert.equal(catalog.owner('@org/pay').kind, 'team');
		assert.deepEqual(catalog.owner('@org/pay').people, ['ann', 'ben']);
		assert.equal(catalog.owner('someone@else.io').kind, 'email');
		assert.equal(catalog.owner('@@maintainer').kind, 'alias');
	});
});

suite('bottlenecks renderers', () => {
	test('text and Markdown list five findings of a code and say how many more the JSON has', () => {
		const base = analyseBottlenecks(context(), { commits: history(), files: repoFiles, window }).json;
		const many = Array.from({ length: 8 }, (_, i) => ({ code: 'stale-owner' as const, severity: 'info' as const, subject: `@p${i}`, message: `@p${i} is quiet.`, evidence: {} }));
		const report = { ...base, findings: many, suggestions: many.map((f) => ({ code: f.code, subject: f.subject, text: `Ask ${f.subject}.` })) };
		const text = renderBottlenecksText(report);
		assert.match(text, /@p4 is quiet\./);
		assert.doesNotMatch(text, /@p5 is quiet\./);
		assert.match(text, /… and 3 more stale-owner findings \(--json lists all\)/);
		const markdown = renderBottlenecksMarkdown(report);
		assert.match(markdown, /`@p4` is quiet\./);
		assert.doesNotMatch(markdown, /@p5/);
	});

	test('Markdown escapes markup and puts handles in code spans; HTML escapes everything', () => {
		const base = analyseBottlenecks(context(), { commits: history(), files: repoFiles, window }).json;
		const evil = { code: 'stale-owner' as const, severity: 'warning' as const, subject: '@x', message: 'Name <img src=x onerror=alert(1)> and @someone in `dir/<b>`.', evidence: {} };
		const report = { ...base, findings: [evil], suggestions: [{ code: evil.code, subject: '@x', text: 'Ping @team/sub *now*.' }] };
		const markdown = renderBottlenecksMarkdown(report);
		assert.match(markdown, /Name \\<img src=x onerror=alert\(1\)\\> and `@someone` in `dir\/<b>`\./);
		assert.match(markdown, /Ping `@team\/sub` \\\*now\\\*\./);
		const analysis = analyseBottlenecks(context(), { commits: history(), files: [...repoFiles, 'docs/<script>x</script>.md'], window });
		const html = renderBottlenecksHtml(report, buildOwnershipMap(analysis.catalog, null, analysis.files, analysis.pathCommits), 'repo"<x>');
		assert.doesNotMatch(html, /<img|<script|<b>/);
		assert.match(html, /Name &lt;img src=x onerror=alert\(1\)&gt;/);
		assert.match(html, /<title>Decision load: repo&quot;&lt;x&gt;<\/title>/);
	});
});

suite('buildOwnershipMap', () => {
	test('groups by domain, marks unowned and contract files, and keeps areas inside the picture', () => {
		const ctx = context();
		const analysis = analyseBottlenecks(ctx, { commits: history(), files: repoFiles, window });
		const map = buildOwnershipMap(analysis.catalog, ctx.config, analysis.files, analysis.pathCommits, { width: 400, height: 300 });
		assert.equal(map.groupedBy, 'domain');
		assert.deepEqual(map.groups.map((g) => [g.title, g.files]), [['@org/arch', 2], ['Core', 2], ['Payments', 2], ['@zed', 1], ['Operations', 1], ['Unowned', 1]]);
		assert.equal(map.groups[map.groups.length - 1].colour, -1);
		assert.equal(map.leaves.reduce((n, l) => n + l.files, 0), repoFiles.length);
		assert.equal(map.leaves.find((l) => l.path === 'pay/api/openapi.yaml')?.contractFiles, 1);
		assert.equal(map.leaves.find((l) => l.path === 'vendor/lib.js')?.unowned, 1);
		assert.equal(map.leaves.find((l) => l.path === 'pay/a.ts')?.changes, 2);
		assert.ok(map.leaves.every((l) => l.x0 >= 0 && l.y0 >= 0 && l.x1 <= 400 && l.y1 <= 300 && l.x1 > l.x0 && l.y1 > l.y0));
	});

	test('without guardrails.yaml groups by CODEOWNERS owner; a large repository is folded to about maxLeaves areas', () => {
		const ctx = context(null);
		const files = Array.from({ length: 20_000 }, (_, i) => `pkg${i % 40}/sub${i % 7}/f${i}.ts`);
		const analysis = analyseBottlenecks(ctx, { commits: [], files, window });
		const map = buildOwnershipMap(analysis.catalog, null, analysis.files, analysis.pathCommits, { maxLeaves: 200 });
		assert.equal(map.groupedBy, 'owner');
		assert.deepEqual(map.groups.map((g) => g.title), ['@org/arch']);
		assert.ok(map.leaves.length <= 400, `${map.leaves.length} areas`);
		assert.equal(map.leaves.reduce((n, l) => n + l.files, 0), 20_000);
	});
});
