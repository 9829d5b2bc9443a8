import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextDidResolveOperation,
} from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { estimateCost, queryTooCostly } from './query-cost';

/**
 * The query-shape limits, one set for the gateway and every subgraph (the kit's server
 * installs them), so a caller that reaches a subgraph directly gains nothing. graphql-armor's
 * defaults are the reference; the depth comes from MAX_QUERY_DEPTH (env.ts). The cost is ours
 * (query-cost.ts): armor's rule runs before variables are known and counts `first: $n` as 1.
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

/**
 * Armor words every refusal as "Syntax Error: ...", which it is not: the document parsed and
 * failed a validation rule (GRAPHQL_VALIDATION_FAILED, HTTP 400).
 */
function rejection() {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''))),
    ],
  };
}

function armorFor(options: QueryLimitOptions) {
  const reject = rejection();
  return new ApolloArmor({
    maxDepth: { n: options.maxDepth, ignoreIntrospection: !options.production, ...reject },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...reject },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...reject },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
}

/** The gateway's limits: graphql-armor's rules and plugins over the client's operation. */
export function createQueryLimits(options: QueryLimitOptions): QueryLimits {
  const { validationRules, plugins } = armorFor(options);
  return { validationRules, plugins: [...plugins, queryCostPlugin(options)], parseOptions };
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
  return {
    validationRules,
    plugins: [...plain.plugins, queryCostPlugin(options)],
    parseOptions,
  };
}

const fragmentsOf = new WeakMap<DocumentNode, Record<string, FragmentDefinitionNode>>();

/**
 * Refuses a request whose estimated cost (query-cost.ts) is over QUERY_LIMITS.maxCost once its
 * variables are known: after validation, before execution, so at the gateway no subgraph is
 * called. HTTP 400, GRAPHQL_VALIDATION_FAILED with reason QUERY_TOO_COSTLY; the numbers only
 * outside production.
 */
export function queryCostPlugin(options: QueryLimitOptions): ApolloServerPlugin<BaseContext> {
  const maxCost = QUERY_LIMITS.maxCost;
  const listener = {
    async didResolveOperation({
      operation,
      document,
      schema,
      request,
    }: GraphQLRequestContextDidResolveOperation<BaseContext>) {
      if (!operation) return;
      let fragments = fragmentsOf.get(document);
      if (!fragments) {
        fragments = Object.fromEntries(
          document.definitions.flatMap((definition) =>
            definition.kind === Kind.FRAGMENT_DEFINITION
              ? [[definition.name.value, definition]]
              : [],
          ),
        );
        fragmentsOf.set(document, fragments);
      }
      const input = { schema, operation, fragments, variables: request.variables };
      const cost = estimateCost(input, maxCost);
      if (cost <= maxCost) return;
      const message = options.production
        ? 'Query is too costly'
        : `Query cost limit of ${maxCost} exceeded, found at least ${cost}.`;
      throw queryTooCostly(message, 'before-execution');
    },
  };
  return { requestDidStart: async () => listener };
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
