import type * as vscode from 'vscode';
import { compileCodeowners } from '../../../engine/codeowners/index/codeownersIndex';
import { findCodeowners } from '../../../engine/codeowners/locations';
import { parseCodeowners } from '../../../engine/codeowners/parse';
import { lintGuardrails } from '../../../engine/guardrails/lintGuardrails';
import { parseGuardrails } from '../../../engine/guardrails/parse';
import type { CodeownersInput } from '../../../engine/guardrails/whoDecides';
import { getConfig } from '../../configuration';
import { guardrailsLocations } from '../../constants';
import type { Logger } from '../../logger';
import type { OwnershipService, RepoModel } from '../../repo/ownershipService';
import { toDiagnostic } from './codeownersDiagnostics';
import type { RepoFiles } from '../../repo/repoFiles';
import { AsYouTypeDiagnostics } from './asYouTypeDiagnostics';
import { inWorkspaceFolder } from '../../repo/workspaceHost';


/**
 * guardrails.yaml problems as you type (YAML syntax, schema, unknown references), for the config
 * at any standard location or the configured path, plus the checks that need the repository
 * (patterns matching no file, missing ADRs, domain ties). The text of the editor is checked, not the
 * saved file, so a typo shows before it is saved. CODEOWNERS drift is located in CODEOWNERS: the
 * CODEOWNERS diagnostics show it there (`driftProblems`).
 */
export class GuardrailsDiagnostics extends AsYouTypeDiagnostics {

	constructor(
		private readonly service: OwnershipService,
		private readonly files: RepoFiles,
		logger: Logger,
	) {
		super('ownershipGuardrails.config', 'guardrails', logger, files);
		this.validateAll();
	}

	protected accepts(document: vscode.TextDocument): boolean {
		// Cheap name check first: most edits are in other files.
		// An untitled draft at the config's path (Draft guardrails.yaml) gets the problems a saved file would.
		const untitled = document.uri.scheme === 'untitled';
		return (untitled || inWorkspaceFolder(document.uri))
			&& (/guardrails\.(ya?ml|json)$/.test(document.uri.path) || (!untitled && getConfig(document.uri).configPath !== ''));
	}

	protected async validate(document: vscode.TextDocument): Promise<void> {
		const version = document.version;
		const onDisk = document.uri.scheme === 'untitled' ? document.uri.with({ scheme: 'file' }) : document.uri;
		const repo = await this.service.repoFor(onDisk);
		const path = repo?.relativePath(onDisk);
		if (repo === undefined || path === undefined || document.isClosed || document.version !== version) {
			return;
		}
		const configured = getConfig(document.uri).configPath.replace(/^\.?\//, '');
		const isConfig = configured !== '' ? path === configured : (guardrailsLocations as readonly string[]).includes(path);
		if (!isConfig) {
			return;
		}
		const config = parseGuardrails(document.getText(), path);
		const problems = [...config.problems];
		const list = await this.files.get(repo.root);
		if (document.isClosed || document.version !== version) {
			return;
		}
		if (!list.capped) {
			const started = Date.now();
			problems.push(...lintGuardrails(config, { files: list.files, codeowners: await this.codeowners(repo) }));
			this.logger.debug(`Linted ${path} against ${list.files.length} files in ${Date.now() - started} ms`);
			if (document.isClosed || document.version !== version) {
				return;
			}
		}
		this.collection.set(document.uri, problems.filter((p) => p.file === path || p.file === '').map((p) => toDiagnostic(document, p)));
	}

	/** The CODEOWNERS the host would use, for the drift check (read from disk: it is the file of record). */
	private async codeowners(repo: RepoModel): Promise<CodeownersInput | null> {
		const config = getConfig(repo.root);
		const found = await findCodeowners(repo.host, {
			dialect: config.dialect,
			...(config.codeownersPath ? { file: config.codeownersPath } : {}),
		});
		if (found === undefined) {
			return null;
		}
		const parsed = parseCodeowners(found.text, { dialect: found.choice.dialect, file: found.file });
		return { index: compileCodeowners(parsed), file: found.file, dialect: found.choice.dialect };
	}

}
