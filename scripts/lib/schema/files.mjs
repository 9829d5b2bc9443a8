// Where the schema checks read and write, relative to the repository root.

export const FILES = {
  supergraph: 'schema/supergraph.graphql',
  api: 'schema/api.graphql',
  hints: 'schema/composition-hints.txt',
  acceptedBreaks: 'schema/accepted-breaks.json',
  operationsDir: 'web/src/graphql',
  generated: 'web/src/graphql/generated.ts',
};
