import * as vscode from 'vscode';
import { isCodeownersStandIn } from '../../../engine/guardrails/decisionRender';
import { commands, contextKeys, statusBarItemId } from '../../constants';
import type { FileAnswer } from '../../repo/ownershipService';
import { decisionTooltip, hasData, ownersSummary, ownerTitle } from '../../presentation';
import { ToggledFeature } from '../feature';
import type { FeatureHost } from '../feature';

/** What the item shows, kept so the flicker guard can compare states. */
export interface StatusBarState {
	visible: boolean;
	text: string;
	/** The tooltip's Markdown source. */
	tooltip: string;
	/** The tooltip as plain text (escapes undone), for reading and tests. */
	tooltipText: string;
	warning: boolean;
	accessibilityLabel: string;
}

const hideDelayMs = 150;
const hidden: StatusBarState = { visible: false, text: '', tooltip: '', tooltipText: '', warning: false, accessibilityLabel: '' };

/**
 * One quiet item: the owning domain and lead of the active file. Exists, with its listeners, only
 * while `statusBar.enabled` is on. Updates only what changed, so switching between files of the
 * same owner does not make it flicker.
 */
export class StatusBarController extends ToggledFeature {
	private item: vscode.StatusBarItem | undefined;
	private state: StatusBarState = hidden;
	private generation = 0;
	private hideTimer: ReturnType<typeof setTimeout> | undefined;
	private contextHasOwner: boolean | undefined;
	private contextIsContract: boolean | undefined;
	/** Resolves when the latest update has been applied (an answer may still be computing). */
	private pending: Promise<void> = Promise.resolve();

	constructor(private readonly host: FeatureHost) {
		super(['statusBar']);
		this.start();
	}

	/** The real item, while the setting is on and the controller is not disposed. */
	get statusBarItem(): vscode.StatusBarItem | undefined {
		return this.item;
	}

	/** Timers still pending (the delayed hide), for leak checks. */
	get pendingTimers(): number {
		return this.hideTimer === undefined ? 0 : 1;
	}

	/** Waits for the update triggered by the last event. */
	settled(): Promise<void> {
		return this.pending;
	}

	protected enable(): void {
		this.item = this.track(vscode.window.createStatusBarItem(statusBarItemId, vscode.StatusBarAlignment.Right, 100));
		this.item.name = vscode.l10n.t('Ownership Guardrails');
		this.item.command = commands.whoDecides;
		this.state = hidden;
		this.track(vscode.window.onDidChangeActiveTextEditor((editor) => this.update(editor)));
		this.track(this.host.service.onDidChangeModel(() => this.update(vscode.window.activeTextEditor)));
		// Not during activation: the first answer is computed once activate() has returned.
		const scheduledAt = this.generation;
		setTimeout(() => {
			if (this.item && this.generation === scheduledAt) {
				this.update(vscode.window.activeTextEditor);
			}
		}, 0);
	}

	/** Recomputes for an editor; synchronous when the model is already built. */
	update(editor: vscode.TextEditor | undefined): void {
		const started = performance.now();
		const generation = ++this.generation;
		if (this.hideTimer) {
			clearTimeout(this.hideTimer);
			this.hideTimer = undefined;
		}
		const uri = editor?.document.uri;
		if (!uri) {
			// Switching editors passes through "no editor" for a moment; hiding then would flicker.
			this.hideTimer = setTimeout(() => {
				this.hideTimer = undefined;
				if (generation === this.generation) {
					this.apply(undefined);
				}
			}, hideDelayMs);
			this.pending = new Promise((resolve) => setTimeout(resolve, hideDelayMs + 10));
			return;
		}
		const known = this.host.service.peek(uri);
		if (known !== null) {
			this.apply(known);
			this.logUpdate(started);
			this.pending = Promise.resolve();
			return;
		}
		// Keep showing the previous state while the first answer is computed: no hide/show flash.
		this.pending = this.host.service.answer(uri).then(
			(answer) => {
				if (generation === this.generation) {
					this.apply(answer);
					this.logUpdate(started);
				}
			},
			(error: unknown) => this.host.logger.error(`status bar: ${String(error)}`),
		);
	}

	/** Editor switches must stay cheap: the time from the event to the item, at trace level. */
	private logUpdate(started: number): void {
		this.host.logger.trace(`Status bar updated in ${(performance.now() - started).toFixed(3)} ms`);
	}

	private apply(answer: FileAnswer | undefined): void {
		const item = this.item;
		if (!item) {
			return;
		}
		const previous = this.state;
		// Hidden keeps the last text, so showing the same owner again writes nothing.
		const next = answer && hasData(answer.decision) ? this.stateFor(answer) : { ...previous, visible: false };
		this.state = next;
		const isContract = next.visible && (answer?.decision.contracts.length ?? 0) > 0;
		if (next.visible !== this.contextHasOwner || isContract !== this.contextIsContract) {
			this.contextHasOwner = next.visible;
			this.contextIsContract = isContract;
			void vscode.commands.executeCommand('setContext', contextKeys.hasOwner, next.visible);
			void vscode.commands.executeCommand('setContext', contextKeys.isContract, isContract);
		}
		if (!next.visible) {
			if (previous.visible) {
				item.hide();
			}
			return;
		}
		if (next.text !== previous.text) {
			item.text = next.text;
		}
		if (next.warning !== previous.warning) {
			item.backgroundColor = next.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
		}
		if (next.accessibilityLabel !== previous.accessibilityLabel) {
			item.accessibilityInformation = { label: next.accessibilityLabel, role: 'button' };
		}
		if (answer && next.tooltip !== previous.tooltip) {
			item.tooltip = decisionTooltip(answer);
		}
		if (!previous.visible) {
			item.show();
		}
	}

	private stateFor(answer: FileAnswer): StatusBarState {
		const { decision } = answer;
		const owner = ownerTitle(decision);
		const parts: string[] = [];
		const a11y: string[] = [];
		if (owner) {
			parts.push(decision.lead ? `${owner} · ${decision.lead.name}` : owner);
			// `@a +2` reads badly aloud: name the first owner and say how many more there are.
			const owners = decision.codeowners?.owners ?? [];
			const spoken = owner === ownersSummary(owners) && owners.length > 1 ? vscode.l10n.t('{0} and {1} more', owners[0], owners.length - 1) : owner;
			a11y.push(
				decision.lead
					? vscode.l10n.t('Owned by {0}, lead {1}', spoken, decision.lead.name)
					: decision.domain && !isCodeownersStandIn(decision)
						? vscode.l10n.t('Owned by {0}, lead not set', spoken)
						: vscode.l10n.t('Owned by {0}', spoken),
			);
		} else {
			parts.push(vscode.l10n.t('unowned'));
			a11y.push(vscode.l10n.t('No owner'));
		}
		let text = `$(organization) ${escapeIcons(parts.join(''))}`;
		if (decision.contracts.length > 0) {
			text += decision.contracts.length > 1 ? ` $(law) ${decision.contracts.length}` : ' $(law)';
			a11y.push(vscode.l10n.t('contract: {0}', decision.contracts.map((fact) => fact.contract.title).join(', ')));
		}
		const warning = decision.crossTeam === true;
		if (warning) {
			text += ` · ${vscode.l10n.t('other team')}`;
			a11y.push(vscode.l10n.t('another team owns this file'));
		}
		const tooltip = decisionTooltip(answer).value;
		const tooltipText = tooltip.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
		return { visible: true, text, tooltip, tooltipText, warning, accessibilityLabel: a11y.join('; ') };
	}

	protected disable(): void {
		this.generation++;
		if (this.hideTimer) {
			clearTimeout(this.hideTimer);
			this.hideTimer = undefined;
		}
		this.item = undefined;
		this.state = hidden;
	}
}

/** Status bar text renders `$(name)` as icons; workspace text must not. */
function escapeIcons(text: string): string {
	return text.replace(/\$\(/g, '\\$(');
}
