// What `npm run compose` writes and every check of `npm run schema:check`, on in-memory inputs.

import { findBreakingChanges } from './breaking.mjs';
import { compose, formatHints, parseHints } from './compose.mjs';
import { FILES } from './files.mjs';
import { validateOperations } from './operations.mjs';
import { generateTypes } from './types.mjs';

/** The files `npm run compose` writes (and `checkAll` wants in `committed`). */
export function outputPaths(subgraphs) {
  return [
    ...subgraphs.map((subgraph) => `schema/${subgraph.name}.graphql`),
    FILES.supergraph,
    FILES.api,
    FILES.hints,
    FILES.generated,
  ];
}

/**
 * Everything `npm run compose` writes, from the subgraphs and the operation files, keyed by path.
 * Throws when composition fails or an operation is invalid (types cannot be generated then).
 * `composed` is `compose(subgraphs)` when the caller already has it.
 */
export async function generate({ subgraphs, operations, composed = compose(subgraphs) }) {
  const problems = validateOperations(composed.apiSdl, operations);
  if (problems.length > 0)
    throw new Error(`Operations invalid against the API schema:\n- ${problems.join('\n- ')}`);
  return {
    hints: composed.hints,
    files: {
      ...schemaFiles(subgraphs, composed),
      [FILES.generated]: await generateTypes(composed.apiSdl, operations),
    },
  };
}

/** The files under schema/ that `npm run compose` writes: they do not depend on the operations. */
export function schemaFiles(subgraphs, { supergraphSdl, apiSdl, hints }) {
  return {
    ...Object.fromEntries(
      subgraphs.map((subgraph) => [`schema/${subgraph.name}.graphql`, subgraph.sdl]),
    ),
    [FILES.supergraph]: supergraphSdl,
    [FILES.api]: apiSdl,
    [FILES.hints]: formatHints(hints),
  };
}

/** Compares generated content with committed content ({ path: text | null }); returns stale paths. */
export function staleFiles(generated, committed) {
  return Object.keys(generated)
    .sort()
    .filter((file) => committed[file] !== generated[file]);
}

/**
 * Every check on in-memory inputs. `committed` maps paths to the committed content (null when
 * missing), `base` is { label, apiSdl } of the base revision (apiSdl null when it has none) or
 * null without a base. Returns the report `lines` and the `problems` (failing when non-empty).
 */
export async function checkAll({ subgraphs, operations, committed, base }) {
  const lines = [];
  const problems = [];
  const composed = compose(subgraphs);
  const { apiSdl, hints } = composed;

  for (const hint of hints) lines.push(`composition hint: ${hint}`);
  const baseline = new Set(parseHints(committed[FILES.hints] ?? ''));
  for (const hint of hints.filter((candidate) => !baseline.has(candidate))) {
    problems.push(
      `new composition hint (look at it; \`npm run compose\` adds it to ${FILES.hints}): ${hint}`,
    );
  }

  const invalid = validateOperations(apiSdl, operations);
  for (const problem of invalid)
    problems.push(`web operation invalid against the API schema: ${problem}`);
  lines.push(`${operations.length} operation files checked against the API schema`);
  // Types cannot be generated for invalid operations; the schema files are checked regardless.
  const files =
    invalid.length === 0
      ? (await generate({ subgraphs, operations, composed })).files
      : schemaFiles(subgraphs, composed);
  for (const file of staleFiles(files, committed)) {
    problems.push(`${file} is stale: run \`npm run compose\` and commit it`);
  }

  if (!base) lines.push('breaking changes: no base revision to compare with; passing');
  else if (base.apiSdl === null)
    lines.push(`breaking changes: ${base.label} has no ${FILES.api} yet; passing`);
  else {
    const declared = JSON.parse(committed[FILES.acceptedBreaks] ?? '[]');
    const result = await findBreakingChanges(base.apiSdl, apiSdl, declared);
    lines.push(`breaking changes against ${base.label}: ${result.changes.length} schema changes`);
    for (const { change, reason } of result.accepted) {
      lines.push(`accepted break: ${change.message} (${change.path}); reason: ${reason}`);
    }
    for (const change of result.dangerous)
      lines.push(`dangerous change: ${change.message} (${change.path})`);
    for (const entry of result.unused)
      lines.push(`accepted break no longer needed, remove it: ${entry.change}`);
    for (const change of result.breaking) {
      problems.push(
        `breaking change: ${change.message} (${change.path}); if intended, declare it in ${FILES.acceptedBreaks} with a reason`,
      );
    }
  }
  return { lines, problems };
}
