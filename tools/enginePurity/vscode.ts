// src/engine/tsconfig.json resolves 'vscode' here instead of @types/vscode, so an engine file that
// imports vscode fails to compile with this message. No other tsconfig includes this folder.
const engineImportsVscode: 'The engine is pure: src/engine must not import vscode' = 'imported';
export default engineImportsVscode;
