import { execFileSync } from 'node:child_process';
import path from 'node:path';

const dist = path.resolve(__dirname, '..', 'dist');

/** The module paths a fresh node process has loaded after requiring `entry`. */
function loadedBy(entry: string): string[] {
  const script = `require(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

const heavy = (loaded: string[]) =>
  loaded.filter((file) =>
    /[\\/]node_modules[\\/](@mikro-orm|kafkajs|@apollo[\\/]subgraph)[\\/]/.test(file),
  );

describe('subpath exports (the built package)', () => {
  it('the root loads neither the ORM, kafkajs nor @apollo/subgraph', () => {
    const loaded = loadedBy(path.join(dist, 'index.js'));
    expect(loaded).toContain(path.join(dist, 'index.js'));
    expect(heavy(loaded)).toEqual([]);
    // Tracing's SDK and exporter load only when a service starts tracing (tracing.ts).
    expect(loaded.filter((file) => /@opentelemetry[\\/](sdk-|exporter-)/.test(file))).toEqual([]);
    expect(loaded.some((file) => /@opentelemetry[\\/]api[\\/]/.test(file))).toBe(true);
  });

  it('each subpath loads what it stands for', () => {
    const names = (entry: string) =>
      [
        ...new Set(
          heavy(loadedBy(path.join(dist, entry))).map(
            (file) => /node_modules[\\/](@mikro-orm|kafkajs|@apollo[\\/]subgraph)/.exec(file)?.[1],
          ),
        ),
      ].sort();
    expect(names('orm.js')).toEqual(['@mikro-orm']);
    expect(names('kafka.js')).toEqual(['kafkajs']);
    expect(names('federation.js')).toEqual(['@apollo/subgraph']);
  });
});
