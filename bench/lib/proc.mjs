// What the harness reads about processes and the machine: RSS, CPU time, pinning.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100;

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(2)),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((v) => Number(v.toFixed(2))),
    taskset: hasTaskset(),
  };
}

let tasksetAvailable;
export function hasTaskset() {
  tasksetAvailable ??= os.cpus().length >= 2 && spawnSync('taskset', ['--version']).status === 0;
  return tasksetAvailable;
}

/** Pins every thread of `pid` (threads made later inherit it) to `cpu`; a no-op without taskset. */
export function pin(pid, cpu) {
  if (!pid || !hasTaskset()) return false;
  return spawnSync('taskset', ['-a', '-cp', cpu, String(pid)], { stdio: 'ignore' }).status === 0;
}

/** Resident set size in MiB from /proc/<pid>/status, or null when the process is gone. */
export function rssMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? Number((kb / 1024).toFixed(1)) : null;
  } catch {
    return null;
  }
}

/** User + system CPU seconds of `pid` (all threads) from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU seconds spent by the whole machine (every core, user + system + irq), from /proc/stat. */
export function machineBusySeconds() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
  // user nice system idle iowait irq softirq steal: all but idle and iowait are work.
  const ticks = fields.slice(0, 8).map(Number);
  return (ticks.reduce((a, b) => a + b, 0) - ticks[3] - ticks[4]) / TICKS_PER_SECOND;
}

/** CPU seconds of `pid`'s threads, summed by thread name (libuv's pool is "libuv-worker"). */
export function threadCpuSeconds(pid) {
  const byName = {};
  let tids = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const tid of tids) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byName[name] =
        (byName[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return byName;
}

/** The Redis server on this machine, or null. */
export function redisPid() {
  const res = spawnSync('pgrep', ['-x', 'redis-server'], { encoding: 'utf8' });
  const pid = Number(res.stdout.trim().split('\n')[0]);
  return pid || null;
}

/** The java child of a broker started through a wrapper, or the pid itself. */
export function javaPid(pid) {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmd.includes('kafka.Kafka')) return pid;
  } catch {
    return null;
  }
  const res = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  const child = Number(res.stdout.trim().split('\n')[0]);
  return child || null;
}

/** The MariaDB server (shared with other work on this machine: reported, not counted in the stack). */
export function mariadbPid() {
  const res = spawnSync('pgrep', ['-x', 'mariadbd'], { encoding: 'utf8' });
  const pid = Number(res.stdout.trim().split('\n')[0]);
  return pid || null;
}
