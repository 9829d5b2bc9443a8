// A CPU profile of our gateway under the home-feed load: a second instance started with
// --cpu-prof on the gateway core, loaded, stopped (the profile is written at exit), summarised.
import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { log } from '../../scripts/lib/prepare.mjs';
import { PORTS, serviceEnv } from '../lib/config.mjs';
import { PROFILE_GROUPS, summariseProfile } from '../lib/cpuprofile.mjs';
import { FEED } from '../lib/graphql.mjs';
import { body, runLoad } from '../lib/load.mjs';
import { startNode } from '../lib/stack.mjs';

export async function profileGateway(ctx) {
  const { config } = ctx;
  await mkdir(config.profileDir, { recursive: true });
  const name = `gateway-${config.mode}-${Date.now()}.cpuprofile`;
  const env = serviceEnv(config, ctx.stack.kafka.brokers, {
    GATEWAY_PORT: String(PORTS.profiledGateway),
    GATEWAY_OPS_PORT: String(PORTS.profiledGatewayOps),
  });
  const spawnedAt = Date.now();
  const proc = await startNode('profiled gateway', ['gateway/dist/index.js'], {
    env,
    cpu: config.gatewayCpu,
    port: PORTS.profiledGateway,
    readyPath: '/readyz',
    readyPort: PORTS.profiledGatewayOps,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${config.profileDir}`, `--cpu-prof-name=${name}`],
  });
  ctx.stack.extras.push(proc);
  let load;
  let skipMs = 0;
  try {
    const url = `http://127.0.0.1:${PORTS.profiledGateway}/graphql`;
    const kinds = [{ name: 'feed', body: body(FEED), tokens: ctx.tokens.map((t) => t.token) }];
    // --cpu-prof starts with the process: module loading and the JIT's first minutes are cut
    // out by skipping every sample taken before the measured load.
    await runLoad(
      { url, connections: config.connections, duration: config.quick ? 2 : 5, kinds },
      { config },
    );
    skipMs = Date.now() - spawnedAt;
    load = await runLoad(
      { url, connections: config.connections, duration: config.profileSeconds, kinds },
      { config, watch: { gateway: proc.pid } },
    );
  } finally {
    await proc.stop();
    ctx.stack.extras.splice(ctx.stack.extras.indexOf(proc), 1);
  }
  const file = path.join(config.profileDir, name);
  statSync(file);
  const summary = summariseProfile(file, {
    top: 15,
    skipFirstMs: skipMs,
    inclusive: PROFILE_GROUPS,
  });
  log(
    `profile: ${summary.busyMs} ms busy; auth ${summary.inclusive.auth.percentOfBusy} %; top: ${summary.topSelf
      .slice(0, 3)
      .map((f) => f.function)
      .join(', ')}`,
  );
  return { file: path.relative(process.cwd(), file), skippedFirstMs: skipMs, load, summary };
}
