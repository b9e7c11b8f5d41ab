// The ownership map's stylesheet. The host inlines it under the page's CSP nonce, so the webview
// needs no style attribute and no extra resource. Only theme colour variables: light, dark and
// high-contrast themes each get their own colours.
export const ownershipMapCss = `
body { padding: 0; margin: 0; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
#app { display: flex; gap: 16px; padding: 12px 16px; align-items: flex-start; }
#map { flex: 3 1 600px; min-width: 320px; }
aside { flex: 1 1 280px; max-width: 420px; }
h1 { font-size: 1.3em; margin: 0 0 4px; font-weight: 600; } h2 { font-size: 1.05em; margin: 16px 0 6px; font-weight: 600; }
.muted { color: var(--vscode-descriptionForeground); }
.toolbar { display: flex; gap: 12px; align-items: center; margin: 6px 0 8px; flex-wrap: wrap; }
button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--vscode-button-secondaryHoverBackground); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
svg { width: 100%; height: auto; display: block; }
.frame { fill: none; stroke: var(--vscode-panel-border, var(--vscode-editorWidget-border)); }
.group-label { fill: var(--vscode-foreground); font-size: 12px; font-weight: 600; }
.leaf rect.area { stroke: var(--vscode-editor-background); stroke-width: 1; }
.leaf:hover rect.area { stroke: var(--vscode-foreground); }
.leaf:focus { outline: none; } .leaf:focus-visible rect.area, .leaf.selected rect.area { stroke: var(--vscode-focusBorder); stroke-width: 3; }
.leaf text { fill: var(--vscode-editor-background); font-size: 10px; pointer-events: none; }
.load { fill: var(--vscode-editor-foreground); pointer-events: none; } .no-load .load { display: none; }
.hatch-line { stroke: var(--vscode-editor-foreground); stroke-opacity: 0.45; stroke-width: 2; }
.contract { fill: var(--vscode-editor-foreground); pointer-events: none; }
.unowned-area { fill: var(--vscode-disabledForeground, #888); }
body.vscode-high-contrast .leaf rect.area { stroke: var(--vscode-contrastBorder); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; padding: 0; margin: 6px 0; }
.swatch { display: inline-block; width: 11px; height: 11px; margin-right: 4px; vertical-align: -1px; border: 1px solid var(--vscode-contrastBorder, transparent); }
ul.findings { padding-left: 0; list-style: none; } ul.findings li { margin: 0 0 8px; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 0.8em; margin-right: 4px; }
.sev.error { color: var(--vscode-errorForeground); } .sev.warning { color: var(--vscode-editorWarning-foreground); } .sev.info { color: var(--vscode-editorInfo-foreground); }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 2px 6px 2px 0; border-bottom: 1px solid var(--vscode-panel-border, transparent); } td.n, th.n { text-align: right; }
code { font-family: var(--vscode-editor-font-family); }
#decision dl { margin: 0; } #decision dt { font-weight: 600; } #decision dd { margin: 0 0 6px; }

#dependencies svg.dependency-graph { width: auto; max-width: 100%; font-size: 13px; }
.dep-node rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, var(--vscode-foreground))); }
.dep-node text { fill: var(--vscode-editor-foreground); text-anchor: middle; } .dep-title { font-weight: 600; } .dep-subtitle { font-size: 11px; opacity: 0.75; }
.dep-edge path { fill: none; stroke-width: 1.5; } .dep-edge.violation path { stroke-width: 2; stroke-dasharray: 6 4; }
.dep-edge.edge path { stroke: var(--vscode-descriptionForeground); } .dep-edge.edge text, .arrow-head.edge { fill: var(--vscode-descriptionForeground); }
.dep-edge.exception path { stroke: var(--vscode-editorInfo-foreground); } .dep-edge.exception text { fill: var(--vscode-editorInfo-foreground); }
.dep-edge.violation path { stroke: var(--vscode-editorWarning-foreground); } .dep-edge.violation text, .arrow-head.violation { fill: var(--vscode-editorWarning-foreground); }
`;
