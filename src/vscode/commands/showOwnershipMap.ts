import type { Container } from '../container';

/** "Show Ownership Map": the treemap of domains with the review load of the last 90 days. */
export function showOwnershipMap(container: Container): Promise<void> {
	return container.ownershipMap.show();
}
