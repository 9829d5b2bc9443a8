// Where the broker's jars, configuration, logs and pid file live.

import fs from 'node:fs';
import path from 'node:path';

export function installPaths(root) {
  const cacheDir = path.join(root, '.cache', 'kafka');
  return {
    pom: path.join(root, 'infra', 'kafka', 'pom.xml'),
    log4j: path.join(root, 'infra', 'kafka', 'log4j2.properties'),
    cacheDir,
    libDir: path.join(cacheDir, 'lib'),
  };
}

export function brokerPaths(dataDir) {
  return {
    dataDir,
    props: path.join(dataDir, 'server.properties'),
    logs: path.join(dataDir, 'logs'),
    log: path.join(dataDir, 'broker.log'),
    pid: path.join(dataDir, 'broker.pid'),
    clusterId: path.join(dataDir, 'cluster.id'),
  };
}

export function classpath(libDir) {
  // Expanded by the JVM itself, not a shell: we never spawn through one.
  return path.join(libDir, '*');
}

export function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
}
