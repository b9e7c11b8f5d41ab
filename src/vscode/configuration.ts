import * as vscode from 'vscode';
import { configSection } from './constants';

export type DialectSetting = 'auto' | 'github' | 'gitlab';
export type SeveritySetting = 'default' | 'info' | 'warning' | 'error';

/** The typed mirror of `contributes.configuration` in package.json. */
export interface Config {
	identity: string;
	dialect: DialectSetting;
	codeownersPath: string;
	configPath: string;
	statusBar: { enabled: boolean };
	inlineHints: { enabled: boolean };
	importHints: { enabled: boolean };
	contractDiagnostics: { enabled: boolean; severity: SeveritySetting };
	crossTeamInfo: { enabled: boolean };
	boundaryDiagnostics: { enabled: boolean };
	explorerDecorations: { enabled: boolean };
	reviewRouting: { enabled: boolean };
	codeHost: { url: string };
}

/** Keys accepted by `changed()`, so a typo in a section name fails to compile. */
export type ConfigKey =
	| 'identity'
	| 'dialect'
	| 'codeownersPath'
	| 'configPath'
	| 'statusBar'
	| 'inlineHints'
	| 'importHints'
	| 'contractDiagnostics'
	| 'crossTeamInfo'
	| 'boundaryDiagnostics'
	| 'explorerDecorations'
	| 'reviewRouting'
	| 'codeHost';

function str(value: unknown, fallback: string): string {
	return typeof value === 'string' ? value.trim() : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
	return typeof value === 'boolean' ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Coerces raw settings (hand-edited JSON can hold anything) into a `Config`. */
export function from(raw: { get(key: string): unknown }): Config {
	return {
		identity: str(raw.get('identity'), ''),
		dialect: oneOf(raw.get('dialect'), ['auto', 'github', 'gitlab'], 'auto'),
		codeownersPath: str(raw.get('codeownersPath'), ''),
		configPath: str(raw.get('configPath'), ''),
		statusBar: { enabled: bool(raw.get('statusBar.enabled'), true) },
		inlineHints: { enabled: bool(raw.get('inlineHints.enabled'), true) },
		importHints: { enabled: bool(raw.get('importHints.enabled'), true) },
		contractDiagnostics: {
			enabled: bool(raw.get('contractDiagnostics.enabled'), true),
			severity: oneOf(raw.get('contractDiagnostics.severity'), ['default', 'info', 'warning', 'error'], 'default'),
		},
		crossTeamInfo: { enabled: bool(raw.get('crossTeamInfo.enabled'), true) },
		boundaryDiagnostics: { enabled: bool(raw.get('boundaryDiagnostics.enabled'), true) },
		explorerDecorations: { enabled: bool(raw.get('explorerDecorations.enabled'), true) },
		reviewRouting: { enabled: bool(raw.get('reviewRouting.enabled'), true) },
		codeHost: { url: str(raw.get('codeHost.url'), '') },
	};
}

/** Reads the settings that apply to `scope` (a file or folder), so multi-root folders can differ. */
export function getConfig(scope?: vscode.Uri): Config {
	return from(vscode.workspace.getConfiguration(configSection, scope));
}

/** True when the change touches `ownershipGuardrails.<key>` (for `scope` when given). */
export function changed(e: vscode.ConfigurationChangeEvent, key: ConfigKey, scope?: vscode.Uri): boolean {
	return e.affectsConfiguration(`${configSection}.${key}`, scope);
}
