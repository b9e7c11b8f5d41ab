// Turns Backstage entities into draft domains, teams, people and API contracts. Backstage is
// preferred where it speaks: its areas are taken out of the CODEOWNERS inference first.
import type { CatalogEntity } from './backstage';
import type { SkippedItem } from './types';

/** A Backstage area: the folders of the components of one Domain (or System, or owner Group). */
export interface CatalogArea {
	key: string;
	name: string;
	title: string;
	/** Group name of the owner, if any. */
	team: string | undefined;
	/** Component folders ('' is the whole repository). */
	dirs: string[];
	evidence: string;
}

/** An API entity with its definition file in the repository. */
export interface CatalogApi {
	name: string;
	title: string;
	definition: string;
	/** Area keys of the components that consume it. */
	consumerAreas: string[];
	/** Area key of the API's system or providing component, if known. */
	area: string | undefined;
	evidence: string;
}

/** Everything the catalogs say, keyed for the draft. */
export interface CatalogModel {
	areas: Map<string, CatalogArea>;
	groups: Map<string, CatalogEntity>;
	users: Map<string, CatalogEntity>;
	apis: CatalogApi[];
	skipped: SkippedItem[];
}

function where(entity: CatalogEntity): string {
	return `${entity.file}:${entity.line}`;
}

/**
 * Maps entities to areas: a Component belongs to its System's Domain, else its System, else its
 * owner Group; the area's team is the Domain's owner, else the System's, else the Component's.
 * The first entity of a kind and name wins; later duplicates are skipped with the reason.
 */
export function buildCatalogModel(entities: readonly CatalogEntity[]): CatalogModel {
	const skipped: SkippedItem[] = [];
	const byKind = new Map<string, Map<string, CatalogEntity>>();
	for (const entity of entities) {
		const map = byKind.get(entity.kind) ?? new Map<string, CatalogEntity>();
		if (map.has(entity.name)) {
			skipped.push({ path: where(entity), reason: `duplicate ${entity.kind} ${entity.name} (first at ${where(map.get(entity.name)!)}); skipped` });
			continue;
		}
		map.set(entity.name, entity);
		byKind.set(entity.kind, map);
	}
	const of = (kind: string): Map<string, CatalogEntity> => byKind.get(kind) ?? new Map();
	const domains = of('domain');
	const systems = of('system');
	const components = of('component');
	const areas = new Map<string, CatalogArea>();
	const areaOf = (component: CatalogEntity | undefined, systemName: string | undefined): CatalogArea | undefined => {
		const system = systemName !== undefined ? systems.get(systemName) : undefined;
		if (system?.domain !== undefined) {
			const domain = domains.get(system.domain);
			const key = `domain:${system.domain}`;
			const area = areas.get(key) ?? {
				key, name: system.domain, title: domain?.title ?? system.domain,
				team: domain?.owner ?? system.owner ?? component?.owner, dirs: [],
				evidence: domain ? `Backstage Domain ${domain.name} (${where(domain)})` : `Backstage System ${system.name} names domain ${system.domain} (${where(system)})`,
			};
			areas.set(key, area);
			return area;
		}
		if (system !== undefined) {
			const key = `system:${system.name}`;
			const area = areas.get(key) ?? { key, name: system.name, title: system.title ?? system.name, team: system.owner ?? component?.owner, dirs: [], evidence: `Backstage System ${system.name} (${where(system)})` };
			areas.set(key, area);
			return area;
		}
		if (component?.owner !== undefined) {
			const key = `group:${component.owner}`;
			const area = areas.get(key) ?? { key, name: component.owner, title: of('group').get(component.owner)?.title ?? component.owner, team: component.owner, dirs: [], evidence: `Backstage components owned by ${component.owner}` };
			areas.set(key, area);
			return area;
		}
		return undefined;
	};
	const componentArea = new Map<string, string>();
	for (const component of components.values()) {
		const area = areaOf(component, component.system);
		if (area === undefined) {
			skipped.push({ path: where(component), reason: `Component ${component.name} has no system and no owner; no domain drafted from it` });
			continue;
		}
		if (!area.dirs.includes(component.dir)) {
			area.dirs.push(component.dir);
		}
		componentArea.set(component.name, area.key);
	}
	for (const domain of domains.values()) {
		if (![...areas.values()].some((a) => a.key === `domain:${domain.name}`)) {
			skipped.push({ path: where(domain), reason: `Domain ${domain.name} has no component in this repository; no paths to draft` });
		}
	}
	const apis: CatalogApi[] = [];
	for (const api of of('api').values()) {
		if (api.definition === undefined) {
			continue;
		}
		const consumers = [...components.values()].filter((c) => c.consumesApis.includes(api.name)).map((c) => componentArea.get(c.name)).filter((k): k is string => k !== undefined);
		const provider = [...components.values()].find((c) => c.providesApis.includes(api.name));
		const area = api.system !== undefined ? areaOf(undefined, api.system)?.key : provider !== undefined ? componentArea.get(provider.name) : undefined;
		apis.push({
			name: api.name,
			title: api.title ?? api.name,
			definition: api.definition,
			consumerAreas: [...new Set(consumers)].sort(),
			area,
			evidence: `Backstage API ${api.name} (${where(api)})${consumers.length > 0 ? `, consumed by ${[...components.values()].filter((c) => c.consumesApis.includes(api.name)).map((c) => c.name).sort().join(', ')}` : ''}`,
		});
	}
	for (const area of areas.values()) {
		area.dirs.sort();
	}
	return { areas, groups: of('group'), users: of('user'), apis: apis.sort((a, b) => (a.name < b.name ? -1 : 1)), skipped };
}
