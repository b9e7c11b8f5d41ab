import * as assert from 'assert';
import { codeHostFor, mailtoUrl, ownerUrl, remoteUrlFromGitConfig, webBaseOfRemote } from '../../src/engine/codeHost';

suite('codeHost', () => {
	test('remoteUrlFromGitConfig prefers origin and ignores other sections', () => {
		const text = [
			'[core]',
			'\turl = not-a-remote',
			'[remote "upstream"]',
			'\turl = git@github.com:upstream/repo.git',
			'[remote "origin"]',
			'\turl = https://ghe.acme.example/acme-bank/monorepo.git',
			'\tfetch = +refs/heads/*:refs/remotes/origin/*',
		].join('\n');
		assert.strictEqual(remoteUrlFromGitConfig(text), 'https://ghe.acme.example/acme-bank/monorepo.git');
		assert.strictEqual(remoteUrlFromGitConfig('[remote "fork"]\n url = git@x.example:a/b\n'), 'git@x.example:a/b');
		assert.strictEqual(remoteUrlFromGitConfig('[core]\n\tbare = false\n'), undefined);
	});

	test('webBaseOfRemote understands scp-like, ssh and https remotes', () => {
		assert.strictEqual(webBaseOfRemote('git@github.com:acme/repo.git'), 'https://github.com');
		assert.strictEqual(webBaseOfRemote('ssh://git@gitlab.acme.example:2222/group/repo.git'), 'https://gitlab.acme.example');
		assert.strictEqual(webBaseOfRemote('https://token@github.com/acme/repo.git'), 'https://github.com');
		assert.strictEqual(webBaseOfRemote('/srv/git/repo.git'), undefined);
	});

	test('codeHostFor: the setting wins, then the remote, then the dialect default', () => {
		assert.deepStrictEqual(codeHostFor({ settingUrl: 'https://ghe.acme.example/', remoteUrl: 'git@github.com:a/b', dialect: 'github' }), { kind: 'github', baseUrl: 'https://ghe.acme.example' });
		assert.deepStrictEqual(codeHostFor({ remoteUrl: 'git@gitlab.acme.example:a/b', dialect: 'github' }), { kind: 'gitlab', baseUrl: 'https://gitlab.acme.example' });
		assert.deepStrictEqual(codeHostFor({ dialect: 'gitlab' }), { kind: 'gitlab', baseUrl: 'https://gitlab.com' });
		assert.deepStrictEqual(codeHostFor({ dialect: 'github' }), { kind: 'github', baseUrl: 'https://github.com' });
	});

	test('ownerUrl builds user, team, group and e-mail links and refuses roles and odd tokens', () => {
		const github = { kind: 'github', baseUrl: 'https://github.com' } as const;
		const gitlab = { kind: 'gitlab', baseUrl: 'https://gitlab.com' } as const;
		assert.strictEqual(ownerUrl('@dweiss', github), 'https://github.com/dweiss');
		assert.strictEqual(ownerUrl('@acme-bank/payments', github), 'https://github.com/orgs/acme-bank/teams/payments');
		assert.strictEqual(ownerUrl('@group/sub/group', gitlab), 'https://gitlab.com/group/sub/group');
		assert.strictEqual(ownerUrl('@a/b/c', github), undefined);
		assert.strictEqual(ownerUrl('@@maintainer', gitlab), undefined);
		assert.strictEqual(ownerUrl('dev@acme.example', github), 'mailto:dev@acme.example');
		assert.strictEqual(ownerUrl('@evil"><script>', github), undefined);
		assert.strictEqual(ownerUrl('notanowner', github), undefined);
	});

	test('mailto links encode what would end or break a Markdown link: ( ) [ ] < > ! \' * and more', () => {
		const github = { kind: 'github', baseUrl: 'https://github.com' } as const;
		assert.strictEqual(mailtoUrl('dev@acme.example'), 'mailto:dev@acme.example');
		assert.strictEqual(mailtoUrl('a.b-c_d~e@acme.example'), 'mailto:a.b-c_d~e@acme.example');
		// A `)` in the address would close `[Open on mail](mailto:…)` and turn the rest into Markdown.
		const hostile = 'x)[click](https://evil.example@acme.example';
		const url = ownerUrl(hostile, github);
		assert.strictEqual(url, 'mailto:x%29%5Bclick%5D%28https%3A%2F%2Fevil.example@acme.example');
		assert.strictEqual(ownerUrl("o'k!(*)@acme.example", github), 'mailto:o%27k%21%28%2A%29@acme.example');
		assert.strictEqual(mailtoUrl('a<b>`c\\d"e%f+g@acme.example'), 'mailto:a%3Cb%3E%60c%5Cd%22e%25f%2Bg@acme.example');
		// Nothing left in any produced URL that Markdown link syntax treats specially.
		for (const address of [hostile, "o'k!(*)@acme.example", 'a<b>[c]d@e.example', 'x](_y@e.example']) {
			const built = mailtoUrl(address);
			assert.doesNotMatch(built, /[()[\]<>`\\"'!*\s]/, built);
			assert.strictEqual(decodeURIComponent(built.slice('mailto:'.length)), address, 'decodes back to the address');
		}
	});
});
