// Driving the VS Code web workbench the way a person does (keyboard, Quick Open, Command Palette),
// for uiSmoke.mjs and demo.mjs. Every step waits and retries instead of sleeping a fixed time: the
// workbench on a 2-core machine answers in anything from 50 ms to several seconds.
// Selectors are VS Code's own stable class names (.statusbar-item, .quick-input-widget, ...).

const quickInput = '.quick-input-widget';
const quickInputBox = `${quickInput} input`;
const quickInputRows = `${quickInput} .monaco-list-row`;

/** Waits until the workbench shell is there and the extension host had a moment to start. */
export async function waitForWorkbench(page, timeout = 60_000) {
	await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout });
	// The explorer shows the folder once the remote file system is connected.
	await page.locator('.explorer-folders-view, .explorer-viewlet, .welcome-view').first().waitFor({ timeout }).catch(() => undefined);
}

/** Gives the keyboard to the workbench, not to whatever chromium focused first. */
export async function focusWorkbench(page) {
	await page.locator('.monaco-workbench').click({ position: { x: 640, y: 760 }, force: true }).catch(() => undefined);
}

async function closeQuickInput(page) {
	if (await page.locator(quickInput).isVisible().catch(() => false)) {
		await page.keyboard.press('Escape');
		await page.locator(quickInput).waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
	}
}

async function withRetries(what, attempts, action) {
	let lastError;
	for (let attempt = 1; attempt <= attempts; attempt++) {
		try {
			return await action(attempt);
		} catch (error) {
			lastError = error;
			console.warn(`${what}: attempt ${attempt} failed: ${error?.message?.split('\n')[0] ?? error}`);
		}
	}
	throw new Error(`${what} failed after ${attempts} attempts: ${lastError?.message ?? lastError}`);
}

/** Opens a workspace file through Quick Open (Ctrl+P), by its workspace-relative path. */
export async function quickOpen(page, relativePath, { timeout = 15_000 } = {}) {
	const base = relativePath.split('/').at(-1);
	await withRetries(`Quick Open ${relativePath}`, 3, async () => {
		await closeQuickInput(page);
		await focusWorkbench(page);
		await page.keyboard.press('Control+P');
		await page.locator(quickInputBox).waitFor({ timeout: 5000 });
		await page.locator(quickInputBox).fill(relativePath);
		// The file index fills in after the folder opens; the row appears once the search finds it.
		await page.locator(quickInputRows, { hasText: base }).first().waitFor({ timeout });
		await page.keyboard.press('Enter');
		await page.locator('.editor-group-container .tab.active', { hasText: base }).first().waitFor({ timeout: 10_000 });
	});
	await page.locator('.editor-group-container .monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
}

/** Runs a command from the Command Palette (F1) by its full title, e.g. "Ownership Guardrails: Who Decides This?". */
export async function runCommand(page, title, { timeout = 15_000 } = {}) {
	await withRetries(`command "${title}"`, 3, async () => {
		await closeQuickInput(page);
		await focusWorkbench(page);
		await page.keyboard.press('F1');
		await page.locator(quickInputBox).waitFor({ timeout: 5000 });
		await page.locator(quickInputBox).fill(`>${title}`);
		await page.locator(quickInputRows, { hasText: title }).first().waitFor({ timeout });
		await page.keyboard.press('Enter');
	});
}

/**
 * Types lines into the focused editor. Escape before each Enter: with a completion list open
 * (YAML keys, CODEOWNERS owners), Enter would accept a suggestion instead of breaking the line.
 */
export async function typeLines(page, lines) {
	for (const line of lines) {
		await page.keyboard.type(line);
		await page.keyboard.press('Escape');
		await page.keyboard.press('Enter');
	}
}

/** Text and aria-label of every status bar item, for matching and for failure reports. */
export function statusBarItems(page) {
	return page.evaluate(() => [...document.querySelectorAll('.statusbar-item')].map((element) => ({
		id: element.id,
		text: (element.textContent ?? '').trim(),
		label: element.getAttribute('aria-label') ?? '',
	})));
}

/**
 * Waits for the extension's status bar item: its element id carries the item id
 * (ownershipGuardrails.status) in this VS Code, and its label or text names the domain. Returns
 * `{ text, label }` of the first item for which `matches(text + label)` holds.
 */
export async function waitForStatusItem(page, matches, timeout = 30_000) {
	const deadline = Date.now() + timeout;
	let items = [];
	while (Date.now() < deadline) {
		items = await statusBarItems(page);
		const ours = items.filter((item) => item.id.includes('ownershipGuardrails') || item.label.includes('Ownership Guardrails'));
		const found = [...ours, ...items].find((item) => matches(`${item.text} ${item.label}`));
		if (found) {
			return found;
		}
		await page.waitForTimeout(250);
	}
	throw new Error(`no matching status bar item; saw ${JSON.stringify(items.map((item) => item.text || item.label))}`);
}

/** Visible rows of the open quick pick (label and description), for assertions and reports. */
export function quickPickRows(page) {
	return page.locator(quickInputRows).evaluateAll((rows) => rows.map((row) => (row.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/** Visible rows of the Problems panel. */
export function problemRows(page) {
	return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => rows.map((row) => (row.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/** Opens the Problems panel through its command (Ctrl+Shift+M is a chromium shortcut too). */
export async function openProblems(page) {
	await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
	await page.locator('.markers-panel').first().waitFor({ timeout: 10_000 });
}

/** Everything a person would look at when a step fails, printed instead of a bare timeout. */
export async function describeScreen(page) {
	const lines = [];
	const add = async (title, read) => {
		try {
			lines.push(`${title}: ${JSON.stringify(await read())}`);
		} catch (error) {
			lines.push(`${title}: (could not read: ${error.message.split('\n')[0]})`);
		}
	};
	await add('status bar', async () => (await statusBarItems(page)).map((item) => item.text || item.label));
	await add('editor tabs', () => page.locator('.editor-group-container .tab').allInnerTexts());
	await add('quick input rows', () => quickPickRows(page));
	await add('notifications', () => page.locator('.notifications-toasts .notification-list-item').allInnerTexts());
	await add('problems rows', () => problemRows(page));
	return lines.join('\n');
}
