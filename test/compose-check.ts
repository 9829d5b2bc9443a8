import { loadSigningKeys } from '@social/auth';
import { parse } from 'yaml';
import { loadConfig as activityConfig } from '../subgraphs/activity/src/config';
import { loadConfig as feedConfig } from '../subgraphs/feed/src/config';
import { loadConfig as membersConfig } from '../subgraphs/members/src/config';
import { loadConfig as gatewayConfig } from '../gateway/src/config';

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test?: unknown };
  stop_grace_period?: string;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  container_name?: string;
  configs?: Array<{ source: string; target: string }>;
  depends_on?: Record<string, { condition?: string }>;
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, { file?: string }>;
}

export function parseCompose(text: string): ComposeFile {
  return parse(text, { merge: true }) as ComposeFile;
}

/** The KEY=value lines of an env file (comments and blank lines skipped). */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) vars[match[1]] = match[2];
  }
  return vars;
}

/** Compose's interpolation: `${X}`, `${X:-default}`, `${X-default}`, `${X:?error}`, `$$`. */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Z0-9_]+)(?:(:?)([-?])([^}]*))?\}/g,
    (whole, name, colon, op, arg) => {
      if (whole === '$$') return '$';
      const set = vars[name as string];
      const missing = set === undefined || (colon === ':' && set === '');
      if (!op) return set ?? '';
      if (op === '-') return missing ? (arg as string) : set;
      if (missing) throw new Error(`compose refuses to start: ${name as string}: ${arg as string}`);
      return set;
    },
  );
}

/** The environment compose gives `service`, after interpolation with `vars`. */
export function serviceEnvironment(
  compose: ComposeFile,
  service: string,
  vars: Record<string, string | undefined>,
): Record<string, string> {
  const environment = compose.services[service]?.environment ?? {};
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, interpolate(String(value), vars)]),
  );
}

/** Each app service's own start-up parsing: its env.ts and config.ts, as its index.ts runs them. */
export const PARSERS: Record<string, (env: NodeJS.ProcessEnv) => unknown> = {
  members: (env) => {
    const config = membersConfig(env);
    // index.ts loads the keys before anything else: production needs JWT_SIGNING_KEY.
    if (config.production) loadSigningKeys(config.keys);
    return config;
  },
  activity: activityConfig,
  feed: feedConfig,
  gateway: gatewayConfig,
};

/** What each app service would refuse at start, one line per service (none: all would start). */
export function environmentProblems(
  compose: ComposeFile,
  vars: Record<string, string | undefined>,
): string[] {
  const problems: string[] = [];
  for (const [service, parseConfig] of Object.entries(PARSERS)) {
    try {
      parseConfig(serviceEnvironment(compose, service, vars));
    } catch (error) {
      problems.push(`${service}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** Images that are not pinned to an exact version, and volumes that are not named. */
export function pinAndVolumeProblems(compose: ComposeFile, dockerfile: string): string[] {
  const problems: string[] = [];
  const exact = /^[\w./-]+:v?\d+\.\d+\.\d+(-[\w.-]+)?$/;
  for (const [name, service] of Object.entries(compose.services)) {
    if (!service.build && !exact.test(service.image ?? '')) {
      problems.push(`${name}: image ${service.image ?? '(none)'} is not pinned to a version`);
    }
    for (const volume of service.volumes ?? []) {
      const source = volume.split(':')[0] ?? '';
      if (!(source in (compose.volumes ?? {}))) {
        problems.push(`${name}: volume ${volume} is not a named volume`);
      }
    }
  }
  for (const from of dockerfile.matchAll(/^FROM\s+(\S+)/gm)) {
    if (!exact.test(from[1] as string)) problems.push(`Dockerfile: FROM ${from[1]} is not pinned`);
  }
  return problems;
}
