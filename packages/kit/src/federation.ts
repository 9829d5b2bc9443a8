import 'reflect-metadata';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  GraphQLScalarType,
  parse,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { DateTimeScalar } from './scalars';

/**
 * Apollo calls it with the entity's representation (`{ __typename, id }`), the request's
 * context and the resolve info. A method, so each subgraph may narrow the context to its own.
 */
export interface ReferenceResolver {
  __resolveReference(
    reference: { id: string },
    context: unknown,
    info: GraphQLResolveInfo,
  ): unknown;
}

export type ReferenceResolvers = Record<string, ReferenceResolver>;

const FEDERATION_LINK = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

/**
 * The one federation helper. Reference resolvers must be handed to
 * `buildSubgraphSchema` here: added to the schema afterwards they are silently never
 * called (apollographql/federation#1070).
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'scalarsMap' | 'validate'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const typeSchema = await buildSchema({
    ...options,
    skipCheck: true,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeSchema)}`;
  // type-graphql's map holds object resolvers, scalars and enums: the shapes Apollo's map takes.
  const resolvers = createResolversMap(typeSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    const fields = resolvers[typeName];
    if (fields instanceof GraphQLScalarType)
      throw new Error(`${typeName} is a scalar: it cannot have a reference resolver`);
    // Apollo's map types every entry as a field resolver; it calls this one as documented above.
    const resolveReference = reference.__resolveReference as GraphQLFieldResolver<unknown, unknown>;
    resolvers[typeName] = { ...fields, __resolveReference: resolveReference };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]);
  return { schema, sdl };
}
