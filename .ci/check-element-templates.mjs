// CI: the element templates in processes/element-templates/ against Camunda Modeler's template
// schema (with the validator Modeler uses), and the shipped models against the templates: every
// service step and message event names its template, and holds what the template fixes.
//
//   npm ci --prefix .ci && node .ci/check-element-templates.mjs
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { validate, getSchemaVersion } from '@bpmn-io/element-templates-validator';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');

const root = join(fileURLToPath(import.meta.url), '..', '..');
const templatesDir = join(root, 'processes', 'element-templates');
const modelsDir = join(root, 'processes');
const SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';

const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

// 1. every template against the schema ////////////////////////////////////////////////////////

const templates = new Map(); // "id@version" -> { template, where }
const beans = javaBeans();
for (const file of readdirSync(templatesDir).filter(name => name.endsWith('.json')).sort()) {
	const where = relative(root, join(templatesDir, file));
	const text = readFileSync(join(templatesDir, file), 'utf8');
	let parsed;
	try {
		parsed = JSON.parse(text);
	}
	catch (e) {
		problem(where, `not JSON: ${e.message}`);
		continue;
	}
	// Modeler reads a file of one template or of an array of them
	const list = Array.isArray(parsed) ? parsed : [parsed];
	for (const template of list) {
		const { valid, errors } = validate(Array.isArray(parsed) ? template : text);
		if (!valid) {
			// the schema is "a template or an array of them": a template's errors also fail the array branch
			const own = errors.filter(error => error.instancePath !== '' || !error.schemaPath.startsWith('#/oneOf'));
			for (const error of own.length ? own : errors) {
				const line = error.dataPointer?.value?.line;
				problem(where + (line === undefined ? '' : `:${line + 1}`), `${error.message} (at ${error.instancePath || '/'})`);
			}
			continue;
		}
		const name = `${template.id}@${template.version}`;
		if (template === list[0] && template.$schema !== SCHEMA) {
			problem(where, `$schema is not ${SCHEMA}`);
		}
		if (!Array.isArray(parsed) && file !== `${template.id.replace(/^io\.leadflow\./, '')}.json`) {
			problem(where, `a file of one template is named after its id: ${template.id.replace(/^io\.leadflow\./, '')}.json`);
		}
		if (!Number.isInteger(template.version)) {
			problem(where, `${template.id} has no version; the models name one`);
		}
		if (templates.has(name)) {
			problem(where, `${name} is also in ${templates.get(name).where}`);
		}
		templates.set(name, { template, where });
		for (const expression of fixedExpressions(template)) {
			const bean = /^\$\{(\w+)\}$/.exec(expression)?.[1];
			if (!bean || !beans.has(bean)) {
				problem(where, `${expression}: no @Component("${bean ?? expression}") in src/main/java`);
			}
		}
		for (const [input, source] of Object.entries(template.metadata?.leadflow?.choicesFrom ?? {})) {
			const constants = javaEnumConstants(source);
			const property = template.properties.find(p => p.binding.type === 'camunda:inputParameter' && p.binding.name === input);
			for (const choice of property?.choices ?? []) {
				if (!constants.has(choice.value)) {
					problem(where, `${input} choice ${choice.value} is not a constant of ${source}`);
				}
			}
		}
	}
}

// 2. every templated element of the shipped models against its template //////////////////////

const moddle = new BpmnModdle({ camunda });
const used = new Set();
for (const file of readdirSync(modelsDir).filter(name => name.endsWith('.bpmn')).sort()) {
	const { rootElement: definitions, warnings } = await moddle.fromXML(readFileSync(join(modelsDir, file), 'utf8'));
	for (const warning of warnings) {
		problem(`processes/${file}`, `model: ${warning.message}`);
	}
	for (const element of flowElements(definitions)) {
		const where = `processes/${file} ${element.id}`;
		const id = element.get('camunda:modelerTemplate');
		const version = element.get('camunda:modelerTemplateVersion');
		if (!id) {
			if (needsTemplate(element)) {
				problem(where, `${describe(element)} has no camunda:modelerTemplate`);
			}
			continue;
		}
		const entry = templates.get(`${id}@${version}`);
		if (!entry) {
			problem(where, `template ${id} version ${version} is not among the valid templates in processes/element-templates/`);
			continue;
		}
		used.add(`${id}@${version}`);
		checkAgainst(element, entry.template, where);
	}
}
for (const [name, { where }] of templates) {
	if (!used.has(name)) {
		console.log(`note: ${where}: ${name} is used by no shipped model`);
	}
}

if (problems.length) {
	console.error(problems.join('\n'));
	console.error(`element templates: ${problems.length} problem(s)`);
	process.exit(1);
}
console.log(`element templates: ${templates.size} valid against element templates schema ${getSchemaVersion()}, `
	+ `${used.size} used, every service step and message event of processes/*.bpmn bound to its template`);

// helpers /////////////////////////////////////////////////////////////////////////////////////

function* flowElements(container) {
	for (const child of container.rootElements ?? container.flowElements ?? []) {
		yield child;
		yield* flowElements(child);
	}
}

function messageDefinition(element) {
	return (element.eventDefinitions ?? []).find(definition => definition.$instanceOf('bpmn:MessageEventDefinition'));
}

/** A step that runs Leadflow's code, or an event that sends or waits for a message. */
function needsTemplate(element) {
	return ['camunda:delegateExpression', 'camunda:class', 'camunda:expression'].some(name => element.get(name))
		|| Boolean(messageDefinition(element));
}

function describe(element) {
	const message = messageDefinition(element);
	return message ? `message event (${message.get('camunda:delegateExpression') ?? message.messageRef?.name})`
		: `${element.$type} ${element.get('camunda:delegateExpression') ?? ''}`;
}

function checkAgainst(element, template, where) {
	if (!template.appliesTo.some(type => element.$instanceOf(type))) {
		problem(where, `${element.$type} is none of ${template.id}'s appliesTo ${template.appliesTo.join(', ')}`);
	}
	if (template.elementType && element.$type !== template.elementType.value) {
		problem(where, `${element.$type} is not ${template.id}'s element type ${template.elementType.value}`);
	}
	for (const property of template.properties) {
		const { type, name } = property.binding;
		let actual;
		if (type === 'property') {
			actual = element.get(name);
		}
		else if (type === 'camunda:inputParameter') {
			const io = (element.extensionElements?.values ?? []).find(value => value.$instanceOf('camunda:InputOutput'));
			const input = io?.inputParameters?.find(parameter => parameter.name === name);
			actual = input?.definition ? undefined : input?.value;
		}
		else {
			problem(where, `${template.id}: this check does not compare bindings of type ${type} yet`);
			continue;
		}
		const label = `${type} ${name}`;
		if (property.type === 'Hidden' || property.editable === false) {
			if (actual !== property.value) {
				problem(where, `${label} is ${JSON.stringify(actual)}, ${template.id} fixes ${JSON.stringify(property.value)}`);
			}
		}
		else if (property.type === 'Dropdown') {
			if (!property.choices.some(choice => choice.value === actual)) {
				problem(where, `${label} is ${JSON.stringify(actual)}, none of ${template.id}'s choices`);
			}
		}
		else if (property.constraints?.notEmpty && !actual) {
			problem(where, `${label} is empty, ${template.id} requires it`);
		}
	}
	// what a Camunda 7 template cannot bind, held in its metadata
	const fixed = template.metadata?.leadflow ?? {};
	const message = messageDefinition(element);
	for (const [name, value] of Object.entries(fixed.messageEventDefinition ?? {})) {
		if (message?.get(name) !== value) {
			problem(where, `message event definition's ${name} is ${JSON.stringify(message?.get(name))}, ${template.id} fixes ${JSON.stringify(value)}`);
		}
	}
	if (fixed.message && message?.messageRef?.name !== fixed.message.name) {
		problem(where, `message is ${JSON.stringify(message?.messageRef?.name)}, ${template.id} waits for ${JSON.stringify(fixed.message.name)}`);
	}
}

/** Every expression a template fixes: its hidden delegate expressions, the metadata's. */
function fixedExpressions(template) {
	const expressions = template.properties
		.filter(p => p.type === 'Hidden' && p.binding.type === 'property' && p.binding.name === 'camunda:delegateExpression')
		.map(p => p.value);
	const definition = template.metadata?.leadflow?.messageEventDefinition ?? {};
	if (definition['camunda:delegateExpression']) {
		expressions.push(definition['camunda:delegateExpression']);
	}
	return expressions;
}

/** The bean names of @Component("...") in the application's sources. */
function javaBeans() {
	const names = new Set();
	const walk = dir => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) {
				walk(path);
			}
			else if (entry.name.endsWith('.java')) {
				for (const match of readFileSync(path, 'utf8').matchAll(/@Component\("(\w+)"\)/g)) {
					names.add(match[1]);
				}
			}
		}
	};
	walk(join(root, 'src', 'main', 'java'));
	return names;
}

function javaEnumConstants(source) {
	const path = join(root, source);
	if (!existsSync(path)) {
		problem(source, 'missing');
		return new Set();
	}
	const body = readFileSync(path, 'utf8')
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/\/\/.*$/gm, '')
		.replace(/"(?:[^"\\]|\\.)*"/g, '""');
	const constants = /\benum\s+\w+\s*\{([\s\S]*?)(;|\})/.exec(body)?.[1] ?? '';
	return new Set([...constants.matchAll(/(?:^|,)\s*([A-Z][A-Z0-9_]*)/g)].map(match => match[1]));
}
