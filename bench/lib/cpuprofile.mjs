// Summarises a V8 .cpuprofile: self time per function, time per package, and the inclusive
// share of frames matching a predicate (e.g. everything under the auth code).
import { readFileSync } from 'node:fs';

function where(url) {
  if (!url) return '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(gateway|packages\/[^/]+|subgraphs\/[^/]+|bench)\/(?:dist|lib)\//.exec(url);
  if (own) return `${own[1]} (ours)`;
  return url.replace(/^file:\/\//, '');
}

function shortUrl(url) {
  return url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/main\//, '');
}

export function summariseProfile(file, { top = 15, skipFirstMs = 0, inclusive = {} } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map();
  let totalUs = 0;
  let elapsedUs = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    elapsedUs += profile.timeDeltas[i] ?? 0;
    if (elapsedUs < skipFirstMs * 1000) continue;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta);
    totalUs += delta;
  }
  const byFunction = new Map();
  const byPackage = new Map();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id).callFrame;
    if (frame.functionName === '(idle)') idleUs += us;
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    const entry = byFunction.get(key) ?? {
      function: name,
      location: frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '',
      selfUs: 0,
    };
    entry.selfUs += us;
    byFunction.set(key, entry);
    const pkg = frame.url ? where(frame.url) : name.startsWith('(') ? name : '(native)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const pct = (us) => Number(((100 * us) / busyUs).toFixed(2));
  const inclusiveShares = {};
  for (const [label, predicate] of Object.entries(inclusive)) {
    const memo = new Map();
    const matches = (id) => {
      if (memo.has(id)) return memo.get(id);
      const frame = nodes.get(id).callFrame;
      const up = parent.get(id);
      const result = predicate(frame) || (up !== undefined && matches(up));
      memo.set(id, result);
      return result;
    };
    let us = 0;
    for (const [id, t] of selfUs) if (matches(id)) us += t;
    inclusiveShares[label] = { ms: Math.round(us / 1000), percentOfBusy: pct(us) };
  }
  const idleName = '(idle)';
  return {
    sampledMs: Math.round(totalUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    topSelf: [...byFunction.values()]
      .filter((entry) => entry.function !== idleName)
      .sort((a, b) => b.selfUs - a.selfUs)
      .slice(0, top)
      .map((entry) => ({
        function: entry.function,
        location: entry.location,
        selfMs: Math.round(entry.selfUs / 1000),
        percentOfBusy: pct(entry.selfUs),
      })),
    byPackage: [...byPackage.entries()]
      .filter(([name]) => name !== idleName)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        package: name,
        selfMs: Math.round(us / 1000),
        percentOfBusy: pct(us),
      })),
    inclusive: inclusiveShares,
  };
}

/** Frames of the gateway's token check: the verifier, the authenticator, the revocation cache and the auth plugin. */
export const isAuthFrame = (frame) =>
  /\/packages\/auth\/dist\/|\/gateway\/dist\/auth\//.test(frame.url);

const inUrl = (pattern) => (frame) => pattern.test(frame.url);

/** Where a gateway request's time goes, inclusive (a frame counts if any caller matches). */
export const PROFILE_GROUPS = {
  auth: isAuthFrame,
  'subgraph fetch (undici, incl. AbortSignal.timeout)': (frame) =>
    /deps\/undici|abort_controller/.test(frame.url) || frame.functionName === 'fetch',
  'AbortSignal.timeout per subgraph fetch': inUrl(/abort_controller/),
  'query planning and result shaping (@apollo/gateway, federation-internals, query-planner)': inUrl(
    /@apollo\/(gateway|federation-internals|query-planner)\//,
  ),
  'Apollo Server request pipeline': inUrl(/@apollo\/server\//),
  'Express, router, body-parser': inUrl(/node_modules\/(express|router|body-parser|raw-body)\//),
  'graphql-armor limits': inUrl(/@escape\.tech\//),
  'prom-client metrics': inUrl(/node_modules\/prom-client\//),
  'pino logging': inUrl(/node_modules\/pino/),
  'our gateway code (gateway/dist, incl. what it calls)': inUrl(/\/gateway\/dist\//),
};
