import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** Default subgraph URLs written into the committed supergraph; the gateway overrides them at run time. */
export const DEFAULT_SUBGRAPH_URLS: Record<string, string> = {
  members: 'http://127.0.0.1:4001/graphql',
  activity: 'http://127.0.0.1:4002/graphql',
  feed: 'http://127.0.0.1:4003/graphql',
};

/** Composes the supergraph with @apollo/composition (no rover binary needed) or throws every error. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
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
  return `${result.supergraphSdl.trim()}\n`;
}
