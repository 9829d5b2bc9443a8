import { startStack, type Stack } from './support/stack';

// Per file: the root config's global testTimeout wins over a project's when all projects run.
jest.setTimeout(240_000);

// The stack started by the same launcher as `npm start` runs on the project's runtime, Node 24
// LTS, whatever node the machine has (scripts/lib/node-runtime.mjs brings it when it is older).
describe('the started stack', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it.each(['gateway', 'members', 'activity', 'feed'] as const)(
    'runs %s on Node 24',
    async (name) => {
      const response = await fetch(`http://127.0.0.1:${stack.opsPorts[name]}/metrics`);
      const metrics = await response.text();
      const line = metrics.split('\n').find((l) => l.startsWith('nodejs_version_info{'));
      expect(line).toMatch(/major="24"/);
      expect(line).toMatch(/version="v24\.\d+\.\d+"/);
    },
  );

  it('runs the test process itself on Node 24', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
