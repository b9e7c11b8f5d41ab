import * as vscode from 'vscode';
import { commands } from '../constants';
import type { CommandId } from '../constants';
import type { Container } from '../container';
import { allowImport } from './allowImport';
import { copyContractRequest } from './copyContractRequest';
import { copyPullRequestComment } from './copyPullRequestComment';
import { copyReviewers } from './copyReviewers';
import { copyReviewRequest } from './copyReviewRequest';
import { createAdr } from './createAdr';
import { draftConfig } from './draftConfig';
import { openCodeownersRule } from './openCodeownersRule';
import { openDecisionCard } from './openDecisionCard';
import { refresh } from './refresh';
import { showOwnershipMap } from './showOwnershipMap';
import { showDomainDependencies } from './showDomainDependencies';
import { whoDecides } from './whoDecides';

/** Maps every contributed command id to its handler; the `Record` makes a missing one a compile error. */
export function registerCommands(container: Container): vscode.Disposable[] {
	const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
		[commands.whoDecides]: (arg) => whoDecides(container, arg),
		[commands.openCodeownersRule]: (arg) => openCodeownersRule(container, arg),
		[commands.copyReviewRequest]: (arg) => copyReviewRequest(container, arg),
		[commands.openDecisionCard]: (arg) => openDecisionCard(container, arg),
		[commands.createAdr]: (arg, title) => createAdr(container, arg, typeof title === 'string' ? title : undefined),
		[commands.copyReviewers]: () => copyReviewers(container),
		[commands.copyPullRequestComment]: () => copyPullRequestComment(container),
		[commands.refresh]: () => refresh(container),
		[commands.draftConfig]: (arg) => draftConfig(container, arg),
		[commands.showOwnershipMap]: () => showOwnershipMap(container),
		[commands.copyContractRequest]: (arg) => copyContractRequest(container, arg),
		[commands.allowImport]: (arg) => allowImport(container, arg),
		[commands.showDomainDependencies]: (arg) => showDomainDependencies(container, arg),
	};
	return Object.entries(handlers).map(([id, handler]) =>
		vscode.commands.registerCommand(id, async (...args: unknown[]) => {
			try {
				return await handler(...args);
			} catch (error) {
				container.logger.error(`${id} failed: ${String(error)}`);
				throw error;
			}
		}),
	);
}
