// The web app's operations validated against the API schema, each problem naming the operation
// (and the fragment) it is in.

import {
  buildSchema,
  Kind,
  NoUnusedFragmentsRule,
  parse,
  specifiedRules,
  UniqueFragmentNamesRule,
  UniqueOperationNamesRule,
  validate,
  visit,
} from 'graphql';

/** Parses operation files ({ file, source }) into one list of definitions, each with its file. */
function parseOperations(operations) {
  const definitions = [];
  const errors = [];
  for (const { file, source } of operations) {
    try {
      for (const definition of parse(source).definitions) definitions.push({ file, definition });
    } catch (error) {
      errors.push(`${file}: ${error.message}`);
    }
  }
  return { definitions, errors };
}

function fragmentSpreads(node) {
  const names = new Set();
  visit(node, {
    FragmentSpread(spread) {
      names.add(spread.name.value);
    },
  });
  return names;
}

/** The fragments an operation uses, transitively. */
function fragmentsOf(operation, fragments) {
  const used = new Map();
  const pending = [...fragmentSpreads(operation)];
  while (pending.length > 0) {
    const name = pending.pop();
    const fragment = fragments.get(name);
    if (!fragment || used.has(name)) continue;
    used.set(name, fragment);
    pending.push(...fragmentSpreads(fragment.definition));
  }
  return [...used.values()];
}

function where(error, files) {
  const location = error.locations?.[0];
  const source = error.source ?? error.nodes?.[0]?.loc?.source;
  const file = (source && files.get(source)) ?? '';
  return location ? `${file}:${location.line}:${location.column}` : file;
}

/** The name of the fragment of `document` in which the error's first node is, if any. */
function enclosingFragment(error, document) {
  const at = error.nodes?.[0]?.loc;
  if (!at) return null;
  const fragment = document.definitions.find(
    (definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION &&
      definition.loc?.source === at.source &&
      definition.loc.start <= at.start &&
      at.end <= definition.loc.end,
  );
  return fragment?.name.value ?? null;
}

/**
 * Validates every operation of the web app against the API schema (graphql-js's standard rules,
 * with the fragments each operation uses). Returns the problems, each naming the operation.
 */
export function validateOperations(apiSdl, operations) {
  const schema = buildSchema(apiSdl);
  const { definitions, errors } = parseOperations(operations);
  if (errors.length > 0) return errors;
  const problems = [];
  const files = new Map();
  for (const { file, definition } of definitions)
    if (definition.loc) files.set(definition.loc.source, file);
  const whole = { kind: Kind.DOCUMENT, definitions: definitions.map((entry) => entry.definition) };
  for (const error of validate(schema, whole, [
    UniqueOperationNamesRule,
    UniqueFragmentNamesRule,
    NoUnusedFragmentsRule,
  ])) {
    problems.push(`${where(error, files)}: ${error.message}`);
  }
  const fragments = new Map();
  for (const entry of definitions) {
    if (entry.definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(entry.definition.name.value, entry);
  }
  for (const { file, definition } of definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const name = definition.name?.value;
    if (!name) {
      problems.push(`${file}: every operation needs a name (its generated type is named after it)`);
      continue;
    }
    const document = {
      kind: Kind.DOCUMENT,
      definitions: [
        definition,
        ...fragmentsOf(definition, fragments).map((entry) => entry.definition),
      ],
    };
    for (const error of validate(schema, document, specifiedRules)) {
      const inFragment = enclosingFragment(error, document);
      const place = inFragment
        ? `fragment ${inFragment}, ${where(error, files)}`
        : where(error, files);
      problems.push(`operation ${name} (${place}): ${error.message}`);
    }
  }
  return problems;
}
