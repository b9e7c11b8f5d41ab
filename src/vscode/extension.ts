import type * as vscode from 'vscode';
import { Container } from './container';
import { createTestApi } from './testApi';
import type { TestApi } from './testApi';

let container: Container | undefined;

/** Only wires things together: nothing is read or parsed until a surface needs an answer. */
export function activate(context: vscode.ExtensionContext): TestApi {
	const started = performance.now();
	container = new Container(context);
	context.subscriptions.push(container);
	const activationMs = performance.now() - started;
	container.logger.info(`Activated in ${activationMs.toFixed(1)} ms`);
	container.logger.debug(`Activation steps (ms): ${container.timings.join(', ')}`);
	return createTestApi(container, activationMs);
}

export function deactivate(): void {
	container = undefined;
}
