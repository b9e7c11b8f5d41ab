import type { Container } from '../container';

/** Drops every model so the next answer re-reads CODEOWNERS and the guardrails config. */
export function refresh(container: Container): void {
	container.service.reset();
}
