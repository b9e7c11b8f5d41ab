import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { codeownersLocations, commandIds, configSection, guardrailsLocations } from '../../src/vscode/constants';

interface Manifest {
	activationEvents?: string[];
	capabilities?: Record<string, { supported?: unknown; description?: unknown }>;
	contributes?: {
		commands?: { command: string; title: string; category?: string }[];
		configuration?: { properties?: Record<string, Record<string, unknown>> } | { properties?: Record<string, Record<string, unknown>> }[];
		menus?: Record<string, { command?: string }[]>;
		views?: Record<string, { id: string; name: string }[]>;
	};
}

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** Resolves a `%key%` manifest string through package.nls.json; fails on a missing key. */
function localized(value: string): string {
	const match = /^%(.+)%$/.exec(value);
	if (!match) {
		return value;
	}
	const text = nls[match[1]];
	assert.ok(typeof text === 'string' && text.length > 0, `package.nls.json has no "${match[1]}"`);
	return text;
}

function properties(): Record<string, Record<string, unknown>> {
	const configuration = manifest.contributes?.configuration;
	const list = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
	return Object.assign({}, ...list.map((entry) => entry.properties ?? {}));
}

suite('manifest (package.json)', () => {
	test('every contributed command is a known command id, and every id is contributed', () => {
		const contributed = (manifest.contributes?.commands ?? []).map((command) => command.command).sort();
		assert.deepStrictEqual(contributed, [...commandIds].sort());
	});

	test('commands share the category and have Title Case titles', () => {
		for (const command of manifest.contributes?.commands ?? []) {
			assert.strictEqual(localized(command.category ?? ''), 'Ownership Guardrails', command.command);
			const title = localized(command.title);
			for (const word of title.split(/[\s-]+/)) {
				const small = ['a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'and', 'or'].includes(word);
				// A file name keeps its spelling ("Draft guardrails.yaml").
				const fileName = /^[\w-]+\.(?:ya?ml|json|md)$/.test(word);
				assert.ok(small || fileName || /^[A-Z]/.test(word), `"${title}" (${command.command}) is not Title Case`);
			}
		}
	});

	test('the Getting Started walkthrough: localized steps, shipped media, and links to commands that exist', () => {
		const walkthroughs = (manifest.contributes as { walkthroughs?: { id: string; title: string; steps: { id: string; title: string; description: string; media: { markdown?: string } }[] }[] }).walkthroughs ?? [];
		assert.deepStrictEqual(walkthroughs.map((w) => w.id), ['gettingStarted']);
		const steps = walkthroughs[0].steps;
		assert.deepStrictEqual(steps.map((step) => step.id), ['owner', 'draft', 'leads', 'contract', 'decision']);
		const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
		assert.match(ignore, /^!media\/walkthrough\/\*\.md$/m, 'the walkthrough media ship in the package');
		const known = new Set<string>([...commandIds, 'workbench.action.quickOpen']);
		for (const step of steps) {
			localized(step.title);
			const description = localized(step.description);
			assert.ok(step.media.markdown !== undefined && fs.existsSync(path.join(root, step.media.markdown)), `${step.id}: media ${step.media.markdown ?? '(none)'} missing`);
			for (const match of description.matchAll(/\(command:([\w.]+)/g)) {
				assert.ok(known.has(match[1]), `${step.id} links to unknown command ${match[1]}`);
			}
		}
		assert.match(localized(steps[1].description), /\(command:ownershipGuardrails\.draftConfig\)/);
	});

	test('menus only reference contributed commands', () => {
		const known = new Set<string>(commandIds);
		for (const [menu, entries] of Object.entries(manifest.contributes?.menus ?? {})) {
			for (const entry of entries) {
				if (entry.command) {
					assert.ok(known.has(entry.command), `${menu} references unknown ${entry.command}`);
				}
			}
		}
	});

	test('every setting has a default, a markdownDescription and a scope', () => {
		const settings = Object.entries(properties()).filter(([key]) => key.startsWith(`${configSection}.`));
		assert.ok(settings.length >= 13, `only ${settings.length} settings`);
		for (const [key, schema] of settings) {
			assert.ok('default' in schema, `${key} has no default`);
			assert.ok(typeof schema.markdownDescription === 'string', `${key} has no markdownDescription`);
			localized(schema.markdownDescription as string);
			assert.ok(
				['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'].includes(schema.scope as string),
				`${key} has no valid scope`,
			);
		}
	});

	test('activation is specific: no "*", no "**", and every exact CODEOWNERS and config location', () => {
		const events = manifest.activationEvents ?? [];
		assert.ok(!events.includes('*'), 'activates on *');
		for (const event of events) {
			assert.ok(!event.includes('**'), `${event} uses a ** glob`);
		}
		for (const location of [...codeownersLocations, ...guardrailsLocations]) {
			assert.ok(events.includes(`workspaceContains:${location}`), `no workspaceContains:${location}`);
		}
		assert.ok(events.includes('onLanguage:codeowners'));
	});

	test('untrusted and virtual workspaces are declared as limited, with a description', () => {
		for (const key of ['untrustedWorkspaces', 'virtualWorkspaces']) {
			const capability = manifest.capabilities?.[key];
			assert.strictEqual(capability?.supported, 'limited', key);
			assert.ok(typeof capability?.description === 'string' && localized(capability.description).length > 0, key);
		}
	});

	test('the review routing view lives in the Source Control container', () => {
		const scm = manifest.contributes?.views?.scm ?? [];
		const view = scm.find((entry) => entry.id === 'ownershipGuardrails.reviewRouting');
		assert.ok(view, 'views.scm has ownershipGuardrails.reviewRouting');
		assert.strictEqual(localized(view.name), 'Review Routing');
	});
});
