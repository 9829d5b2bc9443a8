import { chromiumPlan, DEFAULT_CHROMIUM, runsBrowserTests } from '../scripts/lib/chromium.mjs';

const facts = {
  needed: true,
  present: false,
  root: true,
  apt: true,
  executable: DEFAULT_CHROMIUM,
};

/** `npm test` on a machine without Chromium: install it where it can, else one line and stop. */
describe('npm test and the browser', () => {
  it('does nothing when Chromium is there', () => {
    expect(chromiumPlan({ ...facts, present: true })).toEqual({ action: 'ok' });
  });

  it('does nothing when the browser tests are not run, Chromium or not', () => {
    expect(chromiumPlan({ ...facts, needed: false, root: false })).toEqual({ action: 'ok' });
  });

  it('installs Debian’s Chromium as root on a machine with apt-get, as .ci/run does', () => {
    expect(chromiumPlan(facts)).toEqual({ action: 'install' });
  });

  it('stops with the one-line fix without root', () => {
    const plan = chromiumPlan({ ...facts, root: false });
    expect(plan).toEqual({
      action: 'stop',
      message:
        'Chromium is missing at /usr/bin/chromium, and the browser tests need it: install it (`sudo apt-get install chromium`), or leave them out with `npm test -- --ignoreProjects web-e2e`',
    });
  });

  it('stops without apt-get, and never installs over a CHROMIUM_PATH of its own', () => {
    expect(chromiumPlan({ ...facts, apt: false }).action).toBe('stop');
    const custom = chromiumPlan({ ...facts, executable: '/opt/chrome/chrome' });
    expect(custom.action).toBe('stop');
    expect(custom.message).toContain('point CHROMIUM_PATH at a Chromium binary');
  });

  it.each([
    [[], true],
    [['--selectProjects', 'repo', 'kit'], false],
    [['--selectProjects', 'repo', 'web-e2e', '--runInBand'], true],
    [['--selectProjects=web-e2e'], true],
    [['--ignoreProjects', 'web-e2e'], false],
    [['-t', 'web-e2e'], true],
  ])('jest %j runs the browser tests: %s', (args, expected) => {
    expect(runsBrowserTests(args)).toBe(expected);
  });
});
