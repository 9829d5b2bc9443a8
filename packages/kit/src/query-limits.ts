import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Kind, type DocumentNode, type ParseOptions, type ValidationRule } from 'graphql';

/**
 * The query-shape limits, one set for the gateway and every subgraph (the kit's server
 * installs them), so a caller that reaches a subgraph directly gains nothing. graphql-armor's
 * defaults are the reference; the depth comes from MAX_QUERY_DEPTH (env.ts).
 */
export const QUERY_LIMITS = {
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1000,
  maxCost: 5000,
} as const;

export interface QueryLimitOptions {
  maxDepth: number;
  production: boolean;
}

export interface QueryLimits {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<BaseContext>[];
  /**
   * The token limit, as graphql-js's parser enforces it: a parse failure is HTTP 400, where
   * graphql-armor's token plugin throws from a hook and Apollo answers 500.
   */
  parseOptions: ParseOptions;
}

const parseOptions: ParseOptions = { maxTokens: QUERY_LIMITS.maxTokens };

function armorFor(options: QueryLimitOptions) {
  return new ApolloArmor({
    maxDepth: { n: options.maxDepth, ignoreIntrospection: !options.production },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
}

/** The gateway's limits: graphql-armor's rules and plugins over the client's operation. */
export function createQueryLimits(options: QueryLimitOptions): QueryLimits {
  const { validationRules, plugins } = armorFor(options);
  return { validationRules, plugins, parseOptions };
}

/**
 * A subgraph's limits: the gateway's, except that an entity fetch of a query plan
 * (`_entities(representations: ...) { ... on Post { ... } }`) may be one level deeper. The
 * plan reaches an entity that sat at depth d ≥ 1 in the client's query through `_entities`
 * and an inline fragment (two levels), so what was d + r levels at the gateway is 2 + r here.
 */
export function createSubgraphQueryLimits(options: QueryLimitOptions): QueryLimits {
  const plain = armorFor(options);
  const entityFetch = armorFor({ ...options, maxDepth: options.maxDepth + 1 });
  const validationRules = plain.validationRules.map<ValidationRule>((rule, index) => {
    const forEntities = entityFetch.validationRules[index] ?? rule;
    return (context) =>
      isEntityFetch(context.getDocument()) ? forEntities(context) : rule(context);
  });
  return { validationRules, plugins: plain.plugins, parseOptions };
}

/** Whether every operation of the document selects `_entities` and nothing else at its root. */
function isEntityFetch(document: DocumentNode): boolean {
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return (
    operations.length > 0 &&
    operations.every((operation) =>
      operation.selectionSet.selections.every(
        (selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities',
      ),
    )
  );
}
