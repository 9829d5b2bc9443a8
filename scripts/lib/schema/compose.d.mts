// Types of compose.mjs for the TypeScript tests that compose the subgraphs' sources.

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export function compose(subgraphs: SubgraphSdl[]): {
  supergraphSdl: string;
  apiSdl: string;
  hints: string[];
};

export function formatHints(hints: string[]): string;

export function parseHints(text: string): string[];
