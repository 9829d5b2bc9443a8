// Composition with @apollo/composition: the supergraph, the client-facing API schema and the
// composition hints, with the baseline file's format.

import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';

const HINTS_HEADER = [
  '# Composition hints from @apollo/composition, one a line, written by `npm run compose`.',
  '# `npm run schema:check` fails when this list differs from what composition reports: read a new',
  '# hint, fix it or commit it here so that a reviewer sees it.',
];

/** One line per hint: `[CODE] message`, whitespace folded so that a hint never spans lines. */
function hintLine(hint) {
  return `[${hint.definition.code}] ${hint.message.replace(/\s+/g, ' ').trim()}`;
}

/**
 * Composes the subgraphs ({ name, url, sdl }) with @apollo/composition. Throws with every error.
 * Returns the supergraph SDL, the client-facing API schema SDL (`toAPISchema()`: no federation
 * directives, no join types, @inaccessible elements removed) and the hints.
 */
export function compose(subgraphs) {
  const result = composeServices(
    subgraphs.map((subgraph) => ({
      name: subgraph.name,
      url: subgraph.url,
      typeDefs: parse(subgraph.sdl),
    })),
  );
  if (result.errors) {
    throw new Error(
      `Supergraph composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`,
    );
  }
  const apiSdl = `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema()).trim()}\n`;
  return {
    supergraphSdl: `${result.supergraphSdl.trim()}\n`,
    apiSdl,
    hints: (result.hints ?? []).map(hintLine),
  };
}

export function formatHints(hints) {
  return `${[...HINTS_HEADER, ...[...hints].sort()].join('\n')}\n`;
}

export function parseHints(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}
