import * as vscode from 'vscode';
import { Container } from './container';
import { createTestApi } from './testApi';
import type { TestApi } from './testApi';

/**
 * Only wires things together: nothing is read or parsed until a surface needs an answer. The
 * integration suites' API is returned only when VS Code runs extension tests (`ExtensionMode.Test`);
 * a user's extension exports nothing.
 */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
	const started = performance.now();
	let current = new Container(context);
	context.subscriptions.push(current);
	const activationMs = performance.now() - started;
	current.logger.info(`Activated in ${activationMs.toFixed(1)} ms`);
	current.logger.debug(`Activation steps (ms): ${current.timings.join(', ')}`);
	if (context.extensionMode !== vscode.ExtensionMode.Test) {
		return undefined;
	}
	return createTestApi(
		{
			current: () => current,
			dispose: () => current.dispose(),
			// Tests only: after `dispose`, a fresh container as a new activation would build it.
			restart: () => {
				if (!current.disposed) {
					throw new Error('restart() needs a disposed container');
				}
				current = new Container(context);
				context.subscriptions.push(current);
			},
		},
		activationMs,
	);
}

/** The container is in `context.subscriptions`: VS Code disposes it. */
export function deactivate(): void {
	// Nothing else to release.
}
