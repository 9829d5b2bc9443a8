import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { DateTimeScalar } from './scalars';

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: any, context: any, info: any) => unknown }
>;

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
  const resolvers = createResolversMap(typeSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as any }]);
  return { schema, sdl };
}
