// Jars: the broker's classpath, fetched with Maven into .cache/kafka/lib.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { noop } from './constants.mjs';
import { installPaths, readText } from './paths.mjs';
import { isAlive } from './processes.mjs';
import { lastLines, requireJava, run } from './tools.mjs';

function pomDigest(pomPath) {
  const xml = fs.readFileSync(pomPath, 'utf8');
  const version = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(xml)?.[1];
  if (!version) throw new Error(`No <kafka.version> property in ${pomPath}`);
  return { version, hash: createHash('sha256').update(xml).digest('hex') };
}

// The stamp records which pom the folder was fetched from, so a log4j bump (not only a Kafka
// one) triggers a re-fetch; it is written before the folder is renamed into place.
const STAMP = '.pom.sha256';

function jarsComplete(dir, { version, hash }) {
  return (
    fs.existsSync(path.join(dir, `kafka_2.13-${version}.jar`)) &&
    readText(path.join(dir, STAMP)) === hash
  );
}

// Removes temp folders of earlier runs that were killed mid-download; the owning pid is part of
// the name so a concurrent live run is left alone.
async function removeAbandonedDirs(cacheDir) {
  const entries = await fsp.readdir(cacheDir).catch(() => []);
  for (const name of entries) {
    const m = /^lib\.(?:tmp|old)-(\d+)$/.exec(name);
    if (m && !isAlive(Number(m[1]))) {
      await fsp.rm(path.join(cacheDir, name), { recursive: true, force: true });
    }
  }
}

async function fetchJars(pomPath, outDir) {
  const args = [
    '-B',
    '-q',
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${outDir}`,
  ];
  const res = await run('mvn', args, { cwd: path.dirname(pomPath) });
  if (res.code !== 0) {
    throw new Error(
      `Fetching Kafka jars with Maven failed (exit ${res.code}):\n${lastLines(res.output)}`,
    );
  }
}

// rename() of a directory is atomic, so readers see either the old complete folder or the new
// complete one, never a half-copied set.
async function moveIntoPlace(tmpDir, libDir, digest) {
  try {
    await fsp.rename(tmpDir, libDir);
    return;
  } catch (err) {
    if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
  }
  // Another process may have finished the same download first.
  if (jarsComplete(libDir, digest)) return;
  const oldDir = `${libDir}.old-${process.pid}`;
  await fsp.rename(libDir, oldDir);
  await fsp.rename(tmpDir, libDir);
  await fsp.rm(oldDir, { recursive: true, force: true });
}

/**
 * Makes sure `<root>/.cache/kafka/lib` holds the broker jars described by infra/kafka/pom.xml.
 * @param {{ root: string, log?: (message: string) => void }} options
 * @returns {Promise<{ libDir: string, version: string, fetched: boolean }>}
 */
export async function ensureKafkaJars({ root, log = noop }) {
  const { pom, cacheDir, libDir } = installPaths(root);
  const digest = pomDigest(pom);
  if (jarsComplete(libDir, digest)) return { libDir, version: digest.version, fetched: false };

  requireJava();
  await fsp.mkdir(cacheDir, { recursive: true });
  await removeAbandonedDirs(cacheDir);
  const tmpDir = `${libDir}.tmp-${process.pid}`;
  await fsp.rm(tmpDir, { recursive: true, force: true });
  log(`fetching Apache Kafka ${digest.version} jars with Maven into ${libDir}`);
  try {
    await fetchJars(pom, tmpDir);
    if (!fs.existsSync(path.join(tmpDir, `kafka_2.13-${digest.version}.jar`))) {
      throw new Error(
        `Maven succeeded but kafka_2.13-${digest.version}.jar is missing from ${tmpDir}`,
      );
    }
    await fsp.writeFile(path.join(tmpDir, STAMP), digest.hash);
    await moveIntoPlace(tmpDir, libDir, digest);
  } finally {
    await fsp.rm(tmpDir, { recursive: true, force: true });
  }
  return { libDir, version: digest.version, fetched: true };
}
