import * as vscode from 'vscode';
import { renderDependencySvg } from '../../../engine/imports/dependencyGraph';
import type { GraphTheme } from '../../../engine/imports/dependencyGraph';
import type { BoundaryReport } from '../../../engine/imports/boundaryScan';
import type { Domain } from '../../../engine/guardrails/types';

/** The editor's theme colours: the graph follows light, dark and high-contrast themes. */
const themeColours: GraphTheme = {
	background: 'var(--vscode-editor-background)',
	node: 'var(--vscode-editorWidget-background)',
	nodeBorder: 'var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #888))',
	text: 'var(--vscode-editor-foreground)',
	edge: 'var(--vscode-descriptionForeground)',
	violation: 'var(--vscode-editorWarning-foreground)',
	exception: 'var(--vscode-editorInfo-foreground)',
	font: 'var(--vscode-font-family)',
};

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c] ?? c);
}

/**
 * One webview panel with the domain dependency graph. It runs no script at all: the graph is
 * rendered to SVG by the engine, and the CSP allows only inline styles.
 */
export class DependencyGraphPanel implements vscode.Disposable {
	private panel: vscode.WebviewPanel | undefined;

	/** Shows (or updates) the panel; returns the HTML for tests. */
	show(report: BoundaryReport, domains: ReadonlyMap<string, Domain>, rootName: string): string {
		if (this.panel === undefined) {
			this.panel = vscode.window.createWebviewPanel('ownershipGuardrails.domainDependencies', vscode.l10n.t('Domain Dependencies'), vscode.ViewColumn.Active, { enableScripts: false, localResourceRoots: [] });
			this.panel.onDidDispose(() => {
				this.panel = undefined;
			});
		} else {
			this.panel.reveal();
		}
		const html = this.html(report, domains, rootName);
		this.panel.webview.html = html;
		return html;
	}

	private html(report: BoundaryReport, domains: ReadonlyMap<string, Domain>, rootName: string): string {
		const breaking = report.findings.filter((f) => f.status === 'violation' || f.status === 'dependency-not-declared').length;
		const summary = breaking === 1
			? vscode.l10n.t('{0} cross-domain imports in {1} files of {2}; 1 breaks a boundary (dashed arrow).', report.findings.length, report.files, rootName)
			: vscode.l10n.t('{0} cross-domain imports in {1} files of {2}; {3} break a boundary (dashed arrows).', report.findings.length, report.files, rootName, breaking);
		return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'">
<style>body{color:var(--vscode-foreground);font-family:var(--vscode-font-family);padding:12px}svg{max-width:100%;height:auto}p{color:var(--vscode-descriptionForeground)}</style>
</head>
<body>
<p>${escapeHtml(summary)}</p>
${report.edges.length === 0 && domains.size === 0 ? `<p>${escapeHtml(vscode.l10n.t('No domains are declared in guardrails.yaml.'))}</p>` : renderDependencySvg(report.edges, domains, themeColours)}
</body>
</html>`;
	}

	dispose(): void {
		this.panel?.dispose();
	}
}
