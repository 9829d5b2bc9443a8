import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Query-shape limits with graphql-armor's defaults as the reference; depth is tuned to the
 * deepest query the web app sends, with a little room.
 */
export function createLimits(options: { maxDepth: number; production: boolean }) {
  const armor = new ApolloArmor({
    maxDepth: { n: options.maxDepth, ignoreIntrospection: !options.production },
    maxAliases: { n: 15 },
    maxDirectives: { n: 50 },
    maxTokens: { n: 1000 },
    costLimit: { maxCost: 5000 },
    blockFieldSuggestion: { enabled: options.production },
  });
  return armor.protect();
}
