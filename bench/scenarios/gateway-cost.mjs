// Scenario 1: what the gateway costs. The one-subgraph `me` and the three-subgraph home feed
// through our gateway, a plain ApolloGateway, Hive Gateway (each alone on the gateway core),
// and `me` sent straight to members; our gateway again with tracing on, exporting to a local sink.
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { log } from '../../scripts/lib/prepare.mjs';
import { PORTS, root, serviceEnv } from '../lib/config.mjs';
import { FEED, ME, gql } from '../lib/graphql.mjs';
import { body, runLoad } from '../lib/load.mjs';
import { startOtlpSink } from '../lib/otlp-sink.mjs';
import { startNode } from '../lib/stack.mjs';

/** The committed supergraph with the bench's subgraph ports instead of 4001-4003. */
export function benchSupergraph(config) {
  const sdl = readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8')
    .replaceAll('127.0.0.1:4001/', `127.0.0.1:${PORTS.members}/`)
    .replaceAll('127.0.0.1:4002/', `127.0.0.1:${PORTS.activity}/`)
    .replaceAll('127.0.0.1:4003/', `127.0.0.1:${PORTS.feed}/`);
  const file = path.join(config.tmpDir, 'supergraph.bench.graphql');
  writeFileSync(file, sdl);
  return file;
}

async function check(url, tokens) {
  const feed = await gql(url, FEED, {}, tokens[0]);
  const me = await gql(url, ME, {}, tokens[0]);
  if (!me.me?.user?.id) throw new Error(`${url}: me answered ${JSON.stringify(me)}`);
  return feed.feed.edges.length;
}

/** Warm-up (or a discarded first run in quick mode), then each query alone. */
async function measure(ctx, label, url, pid, queries, warmSeconds = ctx.config.warmupSeconds || 1) {
  const { config } = ctx;
  const tokens = ctx.tokens.map((t) => t.token);
  const gatewaySecret = url === ctx.urls.members ? config.gatewaySecret : undefined;
  const kinds = {
    me: { name: 'me', body: body(ME), tokens, gatewaySecret },
    feed: { name: 'feed', body: body(FEED), tokens, gatewaySecret },
  };
  log(`gateway cost: warming ${label} for ${warmSeconds} s`);
  await runLoad(
    {
      url,
      connections: config.connections,
      duration: warmSeconds,
      kinds: queries.map((q) => kinds[q]),
    },
    { config },
  );
  const out = {};
  for (const query of queries) {
    out[query] = await runLoad(
      { url, connections: config.connections, duration: config.runSeconds, kinds: [kinds[query]] },
      { config, watch: pid ? { gateway: pid } : {} },
    );
    log(
      `gateway cost: ${label} ${query}: ${out[query].rps} req/s, p50 ${out[query].latencyMs.p50} ms, p99 ${out[query].latencyMs.p99} ms`,
    );
  }
  return out;
}

export async function gatewayCost(ctx) {
  const { config, stack } = ctx;
  const tokens = ctx.tokens.map((t) => t.token);
  const supergraph = benchSupergraph(config);
  const results = {};
  const feedItems = {};
  feedItems.ours = await check(ctx.urls.gateway, tokens);
  results.ours = await measure(
    ctx,
    'our gateway',
    ctx.urls.gateway,
    stack.procs.gateway.child.pid,
    ['me', 'feed'],
  );
  // Right after the untraced runs, so the two are as close in time as the machine allows.
  const traced = await measureTraced(ctx, tokens);
  results.traced = traced.results;
  const peers = [
    {
      key: 'plainApollo',
      label: 'plain ApolloGateway',
      script: 'bench/lib/plain-gateway.mjs',
      port: PORTS.plainGateway,
      readyPath: '/',
    },
    {
      key: 'hive',
      label: 'Hive Gateway',
      script: 'bench/lib/hive-gateway.mjs',
      port: PORTS.hiveGateway,
      readyPath: '/healthcheck',
    },
  ];
  for (const peer of peers) {
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(peer.port),
      SUPERGRAPH: supergraph,
      GATEWAY_SECRET: config.gatewaySecret,
    };
    const proc = await startNode(peer.label, [peer.script], {
      env,
      cpu: config.gatewayCpu,
      port: peer.port,
      readyPath: peer.readyPath,
    });
    ctx.stack.extras.push(proc);
    try {
      const url = `http://127.0.0.1:${peer.port}/graphql`;
      feedItems[peer.key] = await check(url, tokens);
      results[peer.key] = await measure(ctx, peer.label, url, proc.pid, ['me', 'feed']);
    } finally {
      await proc.stop();
      ctx.stack.extras.splice(ctx.stack.extras.indexOf(proc), 1);
    }
  }
  // Members served every `me` above: a short discarded run is its warm-up.
  results.direct = await measure(
    ctx,
    'members directly',
    ctx.urls.members,
    stack.procs.members.child.pid,
    ['me'],
    3,
  );
  const ratio = (a, b) => Number((a / b).toFixed(3));
  const rows = [
    row(
      'feed query: ours vs plain ApolloGateway',
      results.ours.feed,
      results.plainApollo.feed,
      '≥ 0.95x',
      0.95,
    ),
    row('feed query: ours vs Hive Gateway', results.ours.feed, results.hive.feed, '≥ 1.0x', 1.0),
    row(
      'me query: ours vs plain ApolloGateway',
      results.ours.me,
      results.plainApollo.me,
      '≥ 0.85x',
      0.85,
    ),
    row('me query: ours vs Hive Gateway', results.ours.me, results.hive.me, 'none', null),
    row(
      'me query: ours vs members called directly',
      results.ours.me,
      results.direct.me,
      'none',
      null,
    ),
    cpuRow('feed', 'plainApollo', 'plain ApolloGateway'),
    cpuRow('feed', 'hive', 'Hive Gateway'),
    cpuRow('me', 'plainApollo', 'plain ApolloGateway'),
    tracingRow('feed'),
    tracingRow('me'),
  ];
  const cpu = (r) => r.cpu?.gateway?.msPerRequest ?? null;
  return {
    results,
    feedItems,
    cpuMsPerRequest: {
      feed: {
        ours: cpu(results.ours.feed),
        plainApollo: cpu(results.plainApollo.feed),
        hive: cpu(results.hive.feed),
      },
      me: {
        ours: cpu(results.ours.me),
        plainApollo: cpu(results.plainApollo.me),
        hive: cpu(results.hive.me),
      },
      traced: { feed: cpu(results.traced.feed), me: cpu(results.traced.me) },
    },
    spansExported: traced.spans,
    rows,
    loads: [
      ...['ours', 'plainApollo', 'hive'].flatMap((k) =>
        ['me', 'feed'].map((q) => ({ label: `${q} · ${k}`, ...pointOf(results[k][q]) })),
      ),
      { label: 'me · members direct', ...pointOf(results.direct.me) },
    ],
  };

  // The steadier cost measure on a shared machine: the gateway process's own CPU per request.
  function cpuRow(query, peer, label) {
    const ours = results.ours[query].cpu.gateway.msPerRequest;
    const theirs = results[peer][query].cpu.gateway.msPerRequest;
    return {
      measure: `${query} query, gateway CPU ms per request: ours vs ${label} (ratio = theirs / ours)`,
      value: `${ours} ms`,
      reference: `${theirs} ms`,
      ratio: ratio(theirs, ours),
      target: 'informative (efficiency, higher is better)',
      met: null,
    };
  }

  // Tracing's price: the same gateway's CPU per request with spans exported vs with no SDK.
  function tracingRow(query) {
    const on = results.traced[query].cpu.gateway.msPerRequest;
    const off = results.ours[query].cpu.gateway.msPerRequest;
    return {
      measure: `${query} query, gateway CPU ms per request: tracing on (OTLP to a local sink) vs off (ratio = on / off)`,
      value: `${on} ms`,
      reference: `${off} ms`,
      ratio: ratio(on, off),
      target: 'informative (overhead, lower is better)',
      met: null,
    };
  }

  function row(measure, ours, reference, target, min) {
    const value = ratio(ours.rps, reference.rps);
    return {
      measure,
      value: `${ours.rps} req/s (p99 ${ours.latencyMs.p99} ms)`,
      reference: `${reference.rps} req/s (p99 ${reference.latencyMs.p99} ms)`,
      ratio: value,
      target,
      met: min === null ? null : value >= min,
    };
  }
}

/** Our gateway in a process of its own with OTEL_EXPORTER_OTLP_ENDPOINT set, on the same core. */
async function measureTraced(ctx, tokens) {
  const sink = await startOtlpSink();
  const env = serviceEnv(ctx.config, ctx.stack.kafka.brokers, {
    GATEWAY_PORT: String(PORTS.tracedGateway),
    GATEWAY_OPS_PORT: String(PORTS.tracedGatewayOps),
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
  });
  const proc = await startNode('traced gateway', ['gateway/dist/index.js'], {
    env,
    cpu: ctx.config.gatewayCpu,
    port: PORTS.tracedGateway,
    readyPath: '/readyz',
    readyPort: PORTS.tracedGatewayOps,
  });
  ctx.stack.extras.push(proc);
  try {
    const url = `http://127.0.0.1:${PORTS.tracedGateway}/graphql`;
    await check(url, tokens);
    const out = await measure(ctx, 'our gateway, tracing on', url, proc.pid, ['me', 'feed']);
    const { spans, requests } = sink.counts();
    if (spans === 0) throw new Error('the traced gateway exported no spans');
    log(`gateway cost: tracing on exported ${spans} spans in ${requests} OTLP requests`);
    return { results: out, spans };
  } finally {
    await proc.stop();
    ctx.stack.extras.splice(ctx.stack.extras.indexOf(proc), 1);
    await sink.close();
  }
}

export function pointOf(summary) {
  return { rps: summary.rps, p50: summary.latencyMs.p50, p99: summary.latencyMs.p99 };
}
