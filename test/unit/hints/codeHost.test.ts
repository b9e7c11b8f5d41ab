import * as assert from 'assert';
import { codeHostFor, ownerUrl, remoteUrlFromGitConfig, webBaseOfRemote } from '../../../src/vscode/language/codeHost';

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
});
