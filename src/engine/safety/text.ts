// Workspace text (titles, guidance, names, file paths, messages) reaches line-oriented outputs:
// the CLI's text and Markdown, and CI logs where GitHub Actions reads any line starting with `::`
// as a workflow command. A line break inside such a string would start a line the workspace
// wrote. `line` folds every interpolated value onto the line the template builds, so a renderer
// that builds its lines with it cannot be made to print a line it did not mean to.

/** Every sequence a terminal, a log reader or a Markdown renderer may take as a line break. */
const lineBreaks = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;

/** `text` on one line: each line break becomes a space. */
export function oneLine(text: string): string {
	return text.replace(lineBreaks, ' ');
}

/**
 * A template tag: the literal parts (ours) are kept as written, every `${value}` is folded onto
 * one line with {@link oneLine}. Use it for every line of text or Markdown output.
 */
export function line(strings: TemplateStringsArray, ...values: unknown[]): string {
	let out = strings[0];
	for (let i = 0; i < values.length; i++) {
		out += oneLine(String(values[i])) + strings[i + 1];
	}
	return out;
}
