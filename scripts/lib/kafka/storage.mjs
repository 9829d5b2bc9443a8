// Configuration and storage: server.properties and the KRaft storage format.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { HOST, NODE_ID } from './constants.mjs';
import { classpath, readText } from './paths.mjs';
import { javaBin, run, tailFile } from './tools.mjs';

export function serverProperties({ port, controllerPort, logsDir }) {
  return `# Written by scripts/lib/kafka/ on every start; edits are overwritten.
process.roles=broker,controller
node.id=${NODE_ID}
controller.quorum.voters=${NODE_ID}@${HOST}:${controllerPort}
listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}
advertised.listeners=PLAINTEXT://${HOST}:${port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${logsDir}
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.partitions=1
`;
}

function newClusterId() {
  // Same format as `kafka-storage random-uuid` (16 random bytes, unpadded base64url) without
  // paying for a JVM start. Kafka never hands out ids starting with '-' (they look like flags).
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

// Reuses the id the storage was formatted with: if cluster.id was deleted but logs/ survived, a
// fresh id would not match the formatted log dir.
async function clusterIdFor(paths) {
  const meta = readText(path.join(paths.logs, 'meta.properties'));
  const formatted = meta && /^cluster\.id=(.+)$/m.exec(meta)?.[1].trim();
  const id = formatted || readText(paths.clusterId) || newClusterId();
  if (readText(paths.clusterId) !== id) await fsp.writeFile(paths.clusterId, `${id}\n`);
  return id;
}

export async function formatStorage({ install, paths, fd }) {
  const clusterId = await clusterIdFor(paths);
  // meta.properties is exactly what --ignore-formatted checks for; testing it here saves a ~1 s
  // JVM start on every warm restart.
  if (fs.existsSync(path.join(paths.logs, 'meta.properties'))) return;
  const args = [
    '-Xmx256m',
    `-Dlog4j2.configurationFile=${install.log4j}`,
    '-cp',
    classpath(install.libDir),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    paths.props,
    '--ignore-formatted',
  ];
  const res = await run(javaBin(), args, { cwd: paths.dataDir, fd });
  if (res.code !== 0) {
    throw new Error(
      `Formatting Kafka storage failed (exit ${res.code}). Last lines of ${paths.log}:\n${tailFile(paths.log)}`,
    );
  }
}
