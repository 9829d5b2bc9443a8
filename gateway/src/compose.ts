import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { configFromEnv } from './config';
import { loadEnv } from './env';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

const DEFAULTS = configFromEnv(loadEnv({}));

/**
 * The subgraph URLs written into the committed supergraph: the gateway's defaults (those of an
 * empty environment), which it overrides at run time.
 */
export const DEFAULT_SUBGRAPH_URLS: Record<string, string> = DEFAULTS.subgraphs.urls;

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
