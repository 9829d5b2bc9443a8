// Writes a run's results: <date>.json (every number, the machine, the config), <date>.md (the
// ratio table, details, the profile summary) and <date>.svg; full runs also refresh latest.*.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderChart } from './svg.mjs';

const ORDER = [
  ['gatewayCost', '1. Gateway cost'],
  ['authCost', '2. Auth cost'],
  ['login', '3. Login'],
  ['fanout', '4. Fan-out'],
  ['pipeline', '5. Event pipeline'],
  ['mixed', '6. Mixed workload'],
  ['footprint', '7. Footprint'],
  ['growth', '8. Growth'],
];

const mark = (met) => (met === true ? '✅ met' : met === false ? '❌ missed' : '–');
const cell = (v) => (v === null || v === undefined ? '–' : String(v).replace(/\|/g, '\\|'));

function table(headers, rows) {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function summaryTable(report) {
  const rows = [];
  for (const [key, title] of ORDER) {
    const s = report.scenarios[key];
    if (!s) {
      rows.push([title, `**no numbers**: ${report.errors[key] ?? 'not run'}`, '', '', '', '', '']);
      continue;
    }
    for (const r of s.rows)
      rows.push([title, r.measure, r.value, r.reference, r.ratio, r.target, mark(r.met)]);
  }
  return table(
    ['scenario', 'measure', 'ours', 'reference (same run)', 'ratio', 'target', ''],
    rows,
  );
}

function gatewayDetails(s) {
  const rows = [];
  for (const [key, label] of [
    ['ours', 'our gateway'],
    ['traced', 'our gateway, tracing on'],
    ['plainApollo', 'plain ApolloGateway'],
    ['hive', 'Hive Gateway'],
    ['direct', 'members directly'],
  ]) {
    for (const [query, r] of Object.entries(s.results[key] ?? {})) {
      rows.push([
        label,
        query,
        r.rps,
        r.latencyMs.p50,
        r.latencyMs.p99,
        r.cpu?.gateway?.msPerRequest ?? '–',
        r.non2xx + r.errors + Object.values(r.kinds).reduce((a, k) => a + k.graphqlErrors, 0),
      ]);
    }
  }
  return table(
    ['target', 'query', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req (that process)', 'errors'],
    rows,
  );
}

function profileDetails(p) {
  const s = p.summary;
  return [
    `Our gateway under the home-feed load (${p.load.rps} req/s, p99 ${p.load.latencyMs.p99} ms), ${s.busyMs} ms of busy CPU sampled. `,
    `Inclusive shares of busy time (a frame counts when any caller matches):`,
    '',
    table(
      ['group', 'ms', '% of busy'],
      Object.entries(s.inclusive).map(([name, v]) => [name, v.ms, v.percentOfBusy]),
    ),
    '',
    'Top self time:',
    '',
    table(
      ['#', 'function (self time)', 'where', 'self ms', '% of busy'],
      s.topSelf.map((f, i) => [i + 1, `\`${f.function}\``, f.location, f.selfMs, f.percentOfBusy]),
    ),
    '',
    table(
      ['package', 'self ms', '% of busy'],
      s.byPackage.map((b) => [b.package, b.selfMs, b.percentOfBusy]),
    ),
  ].join('\n');
}

function mixedDetails(s) {
  const k = (p, name, q) => p.kinds?.[name]?.[q] ?? '–';
  return [
    table(
      [
        'offered req/s',
        'achieved req/s',
        'p50 ms',
        'p99 ms',
        'feed p50 / p99',
        'user posts p50 / p99',
        'createPost p50 / p99',
        'errors',
        'gateway CPU (cores)',
      ],
      s.curve.map((p) => [
        p.offered,
        p.achieved,
        p.p50,
        p.p99,
        `${k(p, 'feed', 'p50')} / ${k(p, 'feed', 'p99')}`,
        `${k(p, 'userPosts', 'p50')} / ${k(p, 'userPosts', 'p99')}`,
        `${k(p, 'createPost', 'p50')} / ${k(p, 'createPost', 'p99')}`,
        p.errors,
        p.gatewayCpu,
      ]),
    ),
    '',
    'Open loop: requests start on a Poisson schedule fixed before each step, whether or not earlier ones have answered, and every latency (overall and per operation) is measured from the scheduled start, so a slow server shows as latency, not as a lower rate (no coordinated omission).',
  ].join('\n');
}

function footprintDetails(s) {
  const names = [...new Set([...Object.keys(s.idleRssMiB), ...Object.keys(s.mixedPeakRssMiB)])];
  return [
    table(
      ['process', 'idle RSS MiB', 'peak RSS MiB under mixed load'],
      names.map((n) => [n, s.idleRssMiB[n], s.mixedPeakRssMiB[n]]),
    ),
    '',
    `Shared infrastructure, not counted above: MariaDB ${s.sharedInfraRssMiB.mariadb ?? '?'} MiB. ` +
      `\`npm start\` (KAFKA_BROKERS set to the bench broker, so no broker start; turbo build cached): cold ${s.start.cold.seconds} s ` +
      `(databases dropped first: creation + every migration), warm ${s.start.warm.seconds} s (the same databases again).`,
  ].join('\n');
}

function growthDetails(s) {
  return [
    'Feed page on the feed subgraph (20 items), closed loop with 2 connections, by merged (above-threshold) authors the reader follows:',
    '',
    table(
      ['merged authors', 'req/s', 'p50 ms', 'p99 ms', 'feed CPU ms/req'],
      s.merged.map((p) => [p.authors, p.rps, p.p50, p.p99, p.cpuMs]),
    ),
    '',
    'createPost → readable, by followers (p50 / p99 over each size’s posts):',
    '',
    table(
      [
        'followers',
        'delivery',
        'first follower ms',
        'last follower ms',
        'last p50 per 1,000 followers',
      ],
      s.fanout.map((p) => [
        p.followers,
        p.mode,
        `${p.firstP50} / ${p.firstP99}`,
        `${p.lastP50} / ${p.lastP99}`,
        p.mode === 'fanned out' ? Number((p.lastP50 / (p.followers / 1000)).toFixed(1)) : '–',
      ]),
    ),
    '',
    `Tables grown 10x in ${s.tables.grownSeconds} s (members, and each new member a copy of a seeded member's feed and follows); open loop at ${s.tables.rates.login} logins/s and ${s.tables.rates.feed} home feeds/s:`,
    '',
    table(
      ['members', 'login p50 / p99 ms', 'home feed p50 / p99 ms'],
      s.tables.points.map((p) => [
        p.members,
        `${p.login.p50} / ${p.login.p99}`,
        `${p.feed.p50} / ${p.feed.p99}`,
      ]),
    ),
  ].join('\n');
}

export function renderMarkdown(report) {
  const m = report.machine;
  const c = report.config;
  const parts = [
    `# Benchmark results ${c.date} (${c.mode})`,
    '',
    `Machine: ${m.cores} × ${m.cpuModel}, ${m.totalMemoryGiB} GiB, Node ${m.node}, ${m.platform}; load average at start ${m.loadAverageAtStart.join(' / ')}. ` +
      `Gateways pinned to CPU ${c.gatewayCpu} and load generators (child processes) to CPU ${c.loadCpu}: ${m.taskset ? 'yes (taskset)' : 'no (taskset unavailable)'}. ` +
      `Database settings for the run (README, production database): ${Object.entries(
        report.database ?? {},
      )
        .map(
          ([name, value]) =>
            `${name} ${typeof value === 'number' ? `${Math.round(value / 1048576)} MiB` : value}`,
        )
        .join(', ')}. ` +
      `Shared machine: compare ratios, not absolute numbers.`,
    '',
    `Data: ${Object.entries(report.seed?.counts ?? {})
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')} (seeded in ${report.seed?.seconds?.toFixed?.(1)} s); ` +
      `FEED_FANOUT_MAX_FOLLOWERS=${c.fanoutMaxFollowers}; NODE_ENV=production; ${c.connections} connections, ${c.runSeconds} s per run, ` +
      `${c.warmupSeconds ? `${c.warmupSeconds} s warm-up per target` : 'a discarded first run instead of a warm-up'}. Whole run ${report.totalSeconds ?? '?'} s.`,
    '',
    summaryTable(report),
    '',
    `![throughput and latency per run](${c.date}.svg)`,
  ];
  const s = report.scenarios;
  if (s.gatewayCost)
    parts.push('', '## Gateway cost, every run', '', gatewayDetails(s.gatewayCost));
  if (s.profile)
    parts.push('', '## CPU profile of our gateway (home-feed load)', '', profileDetails(s.profile));
  if (s.mixed) parts.push('', '## Mixed workload curve', '', mixedDetails(s.mixed));
  if (s.footprint) parts.push('', '## Footprint', '', footprintDetails(s.footprint));
  if (s.growth) parts.push('', '## How cost grows with work', '', growthDetails(s.growth));
  if (s.fanout) {
    parts.push(
      '',
      '## Fan-out samples',
      '',
      table(
        ['post', 'visible after ms', 'entries', 'fan-out s', 'entries/s'],
        s.fanout.samples.map((x, i) => [
          i + 1,
          x.visibleMs,
          x.entries,
          x.fanoutSeconds.toFixed(3),
          x.entriesPerSecond,
        ]),
      ),
    );
    parts.push(
      '',
      `Bare mysql2 reference runs: ${s.fanout.reference.map((r) => `${r.entriesPerSecond}/s`).join(', ')}.`,
    );
  }
  if (Object.keys(report.errors).length > 0) {
    parts.push(
      '',
      '## Errors',
      '',
      ...Object.entries(report.errors).map(([k, v]) => `- ${k}: ${v}`),
    );
  }
  return `${parts.join('\n')}\n`;
}

export async function writeReports(config, report) {
  const base = path.join(config.resultsDir, config.date);
  const loads = Object.values(report.scenarios).flatMap((s) => s.loads ?? []);
  const svg = renderChart({
    title: `Bench ${config.date} (${config.mode}): throughput and p50/p99 latency per run`,
    loads,
    curve: report.scenarios.mixed?.curve ?? [],
    sloMs: 100,
  });
  const md = renderMarkdown(report);
  await writeFile(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(`${base}.md`, md);
  await writeFile(`${base}.svg`, svg);
  const files = [`${base}.json`, `${base}.md`, `${base}.svg`];
  if (!config.quick && !config.only) {
    await writeFile(
      path.join(config.resultsDir, 'latest.md'),
      md.replace(`(${config.date}.svg)`, '(latest.svg)'),
    );
    await copyFile(`${base}.svg`, path.join(config.resultsDir, 'latest.svg'));
    files.push('latest.md', 'latest.svg');
    if (await updateReadme(md, config.date)) files.push('README.md');
  }
  return files;
}

const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

/**
 * The README shows the latest full run's summary table: replaced between its markers here,
 * so it can never drift from bench/results/latest.md.
 */
async function updateReadme(md, date) {
  const readme = path.resolve(
    import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname),
    '..',
    '..',
    'README.md',
  );
  const text = await readFile(readme, 'utf8').catch(() => '');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return false;
  const table = md.split('\n\n').find((block) => block.startsWith('| scenario |')) ?? '';
  const section = [
    README_START,
    `Latest full run: ${date} ([details](bench/results/latest.md)).`,
    '',
    table,
    '',
    '![throughput and latency per run](bench/results/latest.svg)',
    README_END,
  ].join('\n');
  // Written as Prettier would write it, so the format check `npm test` runs stays green.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(readme)) ?? {};
  const formatted = await prettier.format(
    `${text.slice(0, start)}${section}${text.slice(end + README_END.length)}`,
    { ...options, filepath: readme },
  );
  await writeFile(readme, formatted);
  return true;
}
