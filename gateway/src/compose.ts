import { loadConfig } from './config';

const DEFAULTS = loadConfig({});

/**
 * The subgraph URLs written into the committed supergraph: the gateway's defaults (those of an
 * empty environment), which it overrides at run time.
 */
export const DEFAULT_SUBGRAPH_URLS: Record<string, string> = DEFAULTS.subgraphs.urls;
