import { startMembers, type HarnessOverrides, type MembersHarness } from './harness';

/**
 * One members server for the test file: started before its first test, stopped after its
 * last, and reset (tables, inbox, clock, config, rate limits, mocks) before each. The object
 * returned is filled in when the server is up, so a test file holds it from the start.
 */
export function useMembers(overrides: HarnessOverrides = {}): MembersHarness {
  const harness = {} as MembersHarness;
  beforeAll(async () => {
    Object.assign(harness, await startMembers(overrides));
  });
  afterAll(() => harness.stop());
  beforeEach(async () => {
    jest.restoreAllMocks();
    await harness.reset();
  });
  return harness;
}
