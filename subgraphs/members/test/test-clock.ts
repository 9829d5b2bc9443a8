/** Real time plus an offset that tests move forward instead of sleeping. */
export interface TestClock {
  (): number;
  advance(seconds: number): void;
  reset(): void;
}

export function createTestClock(): TestClock {
  let offset = 0;
  const clock = (() => Date.now() + offset) as TestClock;
  clock.advance = (seconds) => void (offset += seconds * 1000);
  clock.reset = () => void (offset = 0);
  return clock;
}
