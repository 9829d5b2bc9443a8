import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from './pagination';

/**
 * The refusal of a request that asks too much. Refused before execution it is the answer's
 * HTTP 400; during execution (a loader's row budget) a field error in an HTTP 200 answer, as a
 * subgraph's must be for the gateway to pass it on with its code.
 */
export function queryTooCostly(
  message: string,
  when: 'before-execution' | 'in-execution',
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'QUERY_TOO_COSTLY',
      ...(when === 'before-execution' && { http: { status: 400 } }),
    },
  });
}

/** What the estimator knows of one request: its operation, fragments and variable values. */
export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown> | undefined;
}

interface Walk {
  input: CostInput;
  /** Stops the walk as soon as the budget is spent: a hostile query costs no more to refuse. */
  budget: number;
  cost: number;
}

/**
 * The number of fields a request may resolve, counted after its variables are known: every
 * field costs 1 for each time it can appear, so a field under a list counts once per item. A
 * list's length is the `first` of the connection around it (literal, variable or the
 * variable's default), the page-size cap when `first` is missing or unusable, or for
 * `_entities` the number of representations. `__typename` costs like any field; introspection
 * (`__schema`, `__type`) costs nothing, as it is off in production. Returns as soon as the count passes `budget` (the count so far).
 */
export function estimateCost(input: CostInput, budget = Number.POSITIVE_INFINITY): number {
  const root = input.schema.getRootType(input.operation.operation);
  if (!root) return 0;
  const walk: Walk = { input, budget, cost: 0 };
  visit(walk, input.operation.selectionSet, root, 1, null, new Set());
  return walk.cost;
}

function visit(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  multiplier: number,
  pageLength: number | null,
  spreading: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (walk.cost > walk.budget) return;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name === '__schema' || name === '__type') continue;
      const field = fieldOf(parent, name);
      walk.cost += multiplier;
      if (!field) continue;
      if (!selection.selectionSet) continue;
      const args = argumentValues(walk, field, selection.arguments ?? []);
      const first = 'first' in args ? listLength(args.first) : null;
      const isList = isListType(getNullableType(field.type));
      // A connection's `first` sizes the list below it (`edges`); a list with its own size
      // (`first`, or `_entities`' representations) goes by that.
      const length = isList ? (first ?? representations(args) ?? pageLength ?? MAX_PAGE_SIZE) : 1;
      const below = getNamedType(field.type);
      visit(
        walk,
        selection.selectionSet,
        below,
        multiplier * length,
        isList ? null : first,
        spreading,
      );
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      const type = condition ? walk.input.schema.getType(condition) : parent;
      if (type) visit(walk, selection.selectionSet, type, multiplier, pageLength, spreading);
    } else {
      const name = selection.name.value;
      const fragment = walk.input.fragments[name];
      const type = fragment && walk.input.schema.getType(fragment.typeCondition.name.value);
      if (!fragment || !type || spreading.has(name)) continue;
      spreading.add(name);
      visit(walk, fragment.selectionSet, type, multiplier, pageLength, spreading);
      spreading.delete(name);
    }
  }
}

function fieldOf(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | null {
  if (!isObjectType(parent) && !isInterfaceType(parent)) return null;
  return parent.getFields()[name] ?? null;
}

/**
 * Each argument the field defines, as given (literal or variable) or else its schema default;
 * `undefined` when the request gives nothing usable. Values stay raw: the estimator never
 * rejects, it only counts (coercion and its errors come later, in execution).
 */
function argumentValues(
  walk: Walk,
  field: GraphQLField<unknown, unknown>,
  nodes: ReadonlyArray<{ name: { value: string }; value: ValueNode }>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of field.args) {
    const node = nodes.find((each) => each.name.value === arg.name);
    values[arg.name] = node ? valueOf(walk, node.value) : arg.defaultValue;
  }
  return values;
}

function valueOf(walk: Walk, node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.VARIABLE: {
      const name = node.name.value;
      const given = walk.input.variables?.[name];
      if (given !== undefined) return given;
      const definition = walk.input.operation.variableDefinitions?.find(
        (each) => each.variable.name.value === name,
      );
      return definition?.defaultValue ? valueOf(walk, definition.defaultValue) : undefined;
    }
    case Kind.INT:
      return Number(node.value);
    case Kind.LIST:
      return node.values.map((value) => valueOf(walk, value));
    default:
      return undefined;
  }
}

/** A page's length as the server will cap it: 1..MAX_PAGE_SIZE, the cap when not a number. */
function listLength(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(value)));
}

/** `_entities(representations: [...])`: the list is as long as the representations given. */
function representations(args: Record<string, unknown>): number | null {
  const given = args.representations;
  return Array.isArray(given) ? Math.max(1, given.length) : null;
}
