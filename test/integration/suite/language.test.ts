// CODEOWNERS and guardrails.yaml language support in a real VS Code, on a git copy of the demo.
// Edits are made with WorkspaceEdit and never saved; each test reverts what it changed.
import * as assert from 'assert';
import * as vscode from 'vscode';

const extensionId = 'ownership-guardrails.ownership-guardrails';
const source = 'Ownership Guardrails';

function root(): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'a workspace folder is open');
	return folder.uri;
}

async function open(path: string): Promise<vscode.TextDocument> {
	const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), ...path.split('/')));
	await vscode.window.showTextDocument(document);
	return document;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
	const code = diagnostic.code;
	return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
	return vscode.languages.getDiagnostics(uri).filter((d) => d.source === source);
}

/** Resolves once `predicate` holds for the document's diagnostics (checked on every change). */
function diagnosticsWhere(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
	return new Promise((resolve, reject) => {
		const check = (): boolean => {
			const diagnostics = ours(uri);
			if (predicate(diagnostics)) {
				subscription.dispose();
				clearTimeout(timer);
				resolve(diagnostics);
				return true;
			}
			return false;
		};
		const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
			if (e.uris.some((u) => u.toString() === uri.toString())) {
				check();
			}
		});
		// A generous upper bound on a cold 2-core machine, so a missing diagnostic fails instead of hanging.
		const timer = setTimeout(() => {
			subscription.dispose();
			reject(new Error(`timed out waiting for ${what}; have: ${ours(uri).map((d) => `${d.range.start.line}:${codeOf(d)}`).join(', ')}`));
		}, 20_000);
		check();
	});
}

async function append(document: vscode.TextDocument, text: string): Promise<void> {
	const edit = new vscode.WorkspaceEdit();
	edit.insert(document.uri, document.lineAt(document.lineCount - 1).range.end, text);
	assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
}

async function revert(document: vscode.TextDocument): Promise<void> {
	await vscode.window.showTextDocument(document);
	await vscode.commands.executeCommand('workbench.action.files.revert');
	assert.strictEqual(document.isDirty, false, 'document reverted');
}

function hoverText(hovers: vscode.Hover[]): string {
	return hovers
		.flatMap((hover) => hover.contents)
		.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
		.join('\n')
		// Our hovers escape workspace text (appendText turns spaces into &nbsp;); compare the readable text.
		.replace(/&nbsp;/g, ' ')
		.replace(/\\(.)/g, '$1');
}

function lineOf(document: vscode.TextDocument, startsWith: string): number {
	for (let line = 0; line < document.lineCount; line++) {
		if (document.lineAt(line).text.startsWith(startsWith)) {
			return line;
		}
	}
	assert.fail(`no line starts with ${startsWith}`);
}

suite('language: CODEOWNERS and guardrails.yaml in a real VS Code', () => {
	suiteSetup(async () => {
		await vscode.extensions.getExtension(extensionId)?.activate();
	});

	teardown(async () => {
		for (const document of vscode.workspace.textDocuments) {
			if (document.isDirty) {
				await revert(document);
			}
		}
	});

	test('CODEOWNERS opens with the codeowners language (grammar and configuration registered)', async () => {
		const document = await open('.github/CODEOWNERS');
		assert.strictEqual(document.languageId, 'codeowners');
		const languages = await vscode.languages.getLanguages();
		assert.ok(languages.includes('codeowners'));
	});

	test('an inserted duplicate and a bad owner show as problems while typing, with a quick fix, and go away on revert', async () => {
		const document = await open('.github/CODEOWNERS');
		const ledger = lineOf(document, '/libs/ledger/');
		await diagnosticsWhere(document.uri, (ds) => !ds.some((d) => codeOf(d) === 'duplicate-pattern'), 'a clean start');
		await append(document, '\n/libs/ledger/ @acme-bank/payments\n/docs/ notanowner\n');
		const bad = document.lineCount - 2;
		const diagnostics = await diagnosticsWhere(document.uri,
			(ds) => ds.some((d) => codeOf(d) === 'duplicate-pattern') && ds.some((d) => d.range.start.line === bad),
			'duplicate-pattern and bad-owner problems');
		const duplicate = diagnostics.find((d) => codeOf(d) === 'duplicate-pattern');
		assert.ok(duplicate);
		assert.strictEqual(duplicate.range.start.line, ledger, 'the earlier, dead copy is flagged');
		assert.strictEqual(duplicate.severity, vscode.DiagnosticSeverity.Warning);
		const badOwner = diagnostics.find((d) => d.range.start.line === bad);
		assert.ok(badOwner);
		assert.strictEqual(badOwner.severity, vscode.DiagnosticSeverity.Error);
		assert.strictEqual(document.isDirty, true, 'problems come from the unsaved text');

		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, duplicate.range, vscode.CodeActionKind.QuickFix.value);
		const remove = actions.find((a) => a.title === `Remove line ${ledger + 1}`);
		assert.ok(remove?.edit, `a "Remove line" fix; got ${actions.map((a) => a.title).join(', ')}`);
		assert.ok(await vscode.workspace.applyEdit(remove.edit));
		assert.ok(!document.getText().startsWith('/libs/ledger/ '), 'sanity');
		assert.strictEqual(document.getText().split('\n').filter((l) => l.startsWith('/libs/ledger/')).length, 1, 'one /libs/ledger/ rule left');
		await diagnosticsWhere(document.uri, (ds) => !ds.some((d) => codeOf(d) === 'duplicate-pattern'), 'the duplicate problem to clear after the fix');

		await revert(document);
		await diagnosticsWhere(document.uri, (ds) => !ds.some((d) => d.range.start.line >= bad), 'problems of the reverted lines to clear');
	});

	test('a pattern matching no file and GitHub\'s never-matching "/" are flagged; "/" has a fix to "*"', async () => {
		const document = await open('.github/CODEOWNERS');
		await append(document, '\n/no/such/dir/ @acme-bank/payments\n/ @acme-bank/architecture\n');
		const noMatch = document.lineCount - 3;
		const root = document.lineCount - 2;
		const diagnostics = await diagnosticsWhere(document.uri,
			(ds) => ds.some((d) => codeOf(d) === 'no-match' && d.range.start.line === noMatch) && ds.some((d) => codeOf(d) === 'never-matches'),
			'no-match and never-matches problems');
		const never = diagnostics.find((d) => codeOf(d) === 'never-matches');
		assert.strictEqual(never?.range.start.line, root);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, never.range, vscode.CodeActionKind.QuickFix.value);
		const fix = actions.find((a) => a.title.startsWith('Replace "/" with "*"'));
		assert.ok(fix?.edit, `a "/" → "*" fix; got ${actions.map((a) => a.title).join(', ')}`);
		assert.ok(await vscode.workspace.applyEdit(fix.edit));
		assert.strictEqual(document.lineAt(root).text, '* @acme-bank/architecture');
	});

	test('creating a file the pattern matches clears its no-match problem (the file list follows VS Code\'s file operations)', async () => {
		const document = await open('.github/CODEOWNERS');
		await append(document, '\n/fresh-dir/ @acme-bank/payments\n');
		const line = document.lineCount - 2;
		const noMatchHere = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => codeOf(d) === 'no-match' && d.range.start.line === line);
		await diagnosticsWhere(document.uri, noMatchHere, 'no-match on /fresh-dir/');
		// Created and deleted as the Explorer does (a workspace edit): the file list has no watcher of
		// its own and follows VS Code's file operation events (docs/architecture.md, Extension).
		const created = vscode.Uri.joinPath(root(), 'fresh-dir', 'notes.md');
		const create = new vscode.WorkspaceEdit();
		create.createFile(created, { contents: new TextEncoder().encode('# new\n') });
		assert.ok(await vscode.workspace.applyEdit(create), 'fresh-dir/notes.md created');
		try {
			await diagnosticsWhere(document.uri, (ds) => !noMatchHere(ds), 'no-match to clear once fresh-dir/notes.md exists');
		} finally {
			const remove = new vscode.WorkspaceEdit();
			remove.deleteFile(vscode.Uri.joinPath(root(), 'fresh-dir'), { recursive: true, ignoreIfNotExists: true });
			assert.ok(await vscode.workspace.applyEdit(remove), 'fresh-dir deleted');
		}
		await diagnosticsWhere(document.uri, noMatchHere, 'no-match to come back once the file is deleted');
	});

	test('a CODEOWNERS under .gitlab/ is read as GitLab: sections are valid, a bad approval count is flagged', async () => {
		const uri = vscode.Uri.joinPath(root(), '.gitlab', 'CODEOWNERS');
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('[Payments] @acme-bank/payments\n/services/payments/\n^[Docs][2] @acme-bank/architecture\n/docs/\n'));
		try {
			const document = await open('.gitlab/CODEOWNERS');
			assert.strictEqual(document.languageId, 'codeowners');
			const diagnostics = await diagnosticsWhere(document.uri, (ds) => ds.some((d) => codeOf(d) === 'invalid-approval-requirement'), 'invalid-approval-requirement');
			assert.deepStrictEqual(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => `${d.range.start.line}:${codeOf(d)}`), ['2:invalid-approval-requirement'],
				'the [Payments] header and its entry are valid GitLab');
			const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1, 2)));
			assert.match(hover, /Owns \d+ of the \d+ files it matches/);
		} finally {
			await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
			await vscode.workspace.fs.delete(uri);
		}
	});

	test('hover on a pattern counts the files it owns and names the rule that shadows it', async () => {
		const document = await open('.github/CODEOWNERS');
		const ledger = lineOf(document, '/libs/ledger/');
		const owned = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(ledger, 3)));
		assert.match(owned, /Owns 3 of the 3 files it matches/);
		assert.match(owned, /libs\/ledger\/journal\.ts/);

		const star = lineOf(document, '*');
		const shadowed = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(star, 0)));
		assert.match(shadowed, /Owns \d+ of the \d+ files it matches/);
		assert.match(shadowed, new RegExp(`Shadowed by line ${lineOf(document, '/services/payments/ ') + 1} \\(/services/payments/\\)`));
	});

	test('hover on an owner names the guardrails.yaml team, its lead and domains, and links to the code host', async () => {
		const document = await open('.github/CODEOWNERS');
		const line = lineOf(document, '/services/payments/ ');
		const column = document.lineAt(line).text.indexOf('@acme-bank/payments') + 3;
		const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, column)));
		assert.match(text, /Team Payments in guardrails\.yaml/);
		assert.match(text, /Lead: Alice Ng/);
		assert.match(text, /Domains: Payments/);
		assert.match(text, /\(https:\/\/github\.com\/orgs\/acme-bank\/teams\/payments\)/);

		const security = lineOf(document, '/libs/security/');
		const person = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(security, document.lineAt(security).text.indexOf('@dweiss') + 2)));
		assert.match(person, /Dana Weiss/);
	});

	test('owners are document links to their code host pages', async () => {
		const document = await open('.github/CODEOWNERS');
		const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
		const targets = links.map((l) => l.target?.toString(true));
		assert.ok(targets.includes('https://github.com/orgs/acme-bank/teams/payments'), targets.join(', '));
		assert.ok(targets.includes('https://github.com/dweiss'), targets.join(', '));
		const security = lineOf(document, '/libs/security/');
		const dweiss = links.find((l) => l.target?.toString(true) === 'https://github.com/dweiss');
		assert.strictEqual(dweiss?.range.start.line, security);
		assert.strictEqual(document.getText(dweiss.range), '@dweiss');
	});

	test('completion offers guardrails.yaml handles and in-file owners after the pattern, and repository paths in it', async () => {
		const document = await open('.github/CODEOWNERS');
		await append(document, '\n/tools/ @\n/libs/');
		const ownerLine = document.lineCount - 2;
		const owners = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(ownerLine, 9), '@');
		const ownerLabels = owners.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
		for (const expected of ['@acme-bank/core-banking', '@chenli', '@acme-bank/architecture', '@dweiss']) {
			assert.ok(ownerLabels.includes(expected), `${expected} in ${ownerLabels.join(', ')}`);
		}
		const pathLine = document.lineCount - 1;
		const paths = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(pathLine, 6), '/');
		const pathLabels = paths.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
		for (const expected of ['ledger/', 'security/', 'shared-models/']) {
			assert.ok(pathLabels.includes(expected), `${expected} in ${pathLabels.join(', ')}`);
		}
		const ledger = paths.items.find((i) => i.label === 'ledger/');
		assert.strictEqual(ledger?.insertText, '/libs/ledger/');
	});

	test('guardrails.yaml: an unknown key is a problem while typing, gone after revert', async () => {
		const document = await open('guardrails.yaml');
		const unknownKey = (d: vscode.Diagnostic): boolean => codeOf(d) === 'unknown-key';
		await diagnosticsWhere(document.uri, (ds) => !ds.some(unknownKey), 'a guardrails.yaml without unknown keys');
		await append(document, '\nunknownSetting: true\n');
		const line = document.lineCount - 2;
		const diagnostics = await diagnosticsWhere(document.uri, (ds) => ds.some((d) => unknownKey(d) && d.range.start.line === line), 'an unknown-key problem on the inserted line');
		const problem = diagnostics.find((d) => unknownKey(d) && d.range.start.line === line);
		assert.ok(problem);
		assert.match(problem.message, /unknownSetting/);
		assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Error);
		assert.strictEqual(document.isDirty, true, 'found in the unsaved text');
		await revert(document);
		await diagnosticsWhere(document.uri, (ds) => !ds.some(unknownKey), 'the problem to clear after revert');
	});

	test('guardrails.yaml: a domain path that matches no file in the repository is flagged while typing', async () => {
		const document = await open('guardrails.yaml');
		const line = lineOf(document, '    paths: [infra/**, .github/workflows/**]');
		const nothing = (d: vscode.Diagnostic): boolean => codeOf(d) === 'pattern-matches-nothing' && d.range.start.line === line;
		await diagnosticsWhere(document.uri, (ds) => !ds.some(nothing), 'no pattern-matches-nothing problem at first');
		const edit = new vscode.WorkspaceEdit();
		const end = document.lineAt(line).text.lastIndexOf(']');
		edit.insert(document.uri, new vscode.Position(line, end), ', nowhere/**');
		assert.ok(await vscode.workspace.applyEdit(edit));
		const diagnostics = await diagnosticsWhere(document.uri, (ds) => ds.some(nothing), 'pattern-matches-nothing on the edited line');
		assert.match(diagnostics.find(nothing)?.message ?? '', /nowhere/);
	});
});
