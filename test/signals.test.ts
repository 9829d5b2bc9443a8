import { isAlive, launcherFixture, type Launched } from './launcher';

const SERVICES = ['members', 'activity', 'feed', 'gateway'];

/**
 * The three ways a stack is stopped: Ctrl-C in a terminal (SIGINT to the whole foreground
 * group), SIGTERM to the launcher (a supervisor), SIGTERM to its process group (`kill -- -PGID`).
 * Each ends with every service stopped by exactly one SIGTERM of the launcher's, its drain
 * finished ("stopped", no "already stopping", no forced exit), and no process left behind.
 */
describe('stopping the stack', () => {
  const fixture = launcherFixture();
  afterAll(() => fixture.cleanup());

  async function expectCleanStop(launched: Launched, launcherSignal: string) {
    const result = await launched.exited;
    const lines = launched.serviceLines();
    const context = launched.output();
    expect([result, context]).toEqual([{ code: 0, signal: null }, context]);
    expect(context).toContain(`[stack] ${launcherSignal}: stopping every service`);
    expect(context).toContain('[stack] stopped');
    for (const service of SERVICES) {
      const own = lines.filter((line) => line.service === service);
      const stopping = own.filter((line) => line.msg === 'shutting down');
      expect([service, stopping.map((line) => line.signal)]).toEqual([service, ['SIGTERM']]);
      expect([service, own.filter((line) => line.msg === 'stopped').length]).toEqual([service, 1]);
      const trouble = own.filter((line) =>
        /already stopping|took too long|error during shutdown/.test(line.msg),
      );
      expect([service, trouble]).toEqual([service, []]);
    }
    const pids = launched.pids();
    expect(pids).toHaveLength(SERVICES.length);
    expect(pids.filter(isAlive)).toEqual([]);
  }

  it('Ctrl-C (SIGINT to the whole process group) stops every service once', async () => {
    const launched = await fixture.launch();
    process.kill(-launched.child.pid, 'SIGINT');
    await expectCleanStop(launched, 'SIGINT');
  });

  it('SIGTERM to the launcher stops every service', async () => {
    const launched = await fixture.launch();
    process.kill(launched.child.pid, 'SIGTERM');
    await expectCleanStop(launched, 'SIGTERM');
  });

  it('SIGTERM to the process group stops every service once', async () => {
    const launched = await fixture.launch();
    process.kill(-launched.child.pid, 'SIGTERM');
    await expectCleanStop(launched, 'SIGTERM');
  });
});
