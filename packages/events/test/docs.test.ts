import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EVENT_TYPES, eventKey, parseEvent, type ActivityEvent } from '../src';

/** docs/events.md shows one example per event type; they must stay valid as the contract moves. */
describe('the examples in docs/events.md', () => {
  const markdown = readFileSync(
    path.resolve(__dirname, '..', '..', '..', 'docs', 'events.md'),
    'utf8',
  );
  const examples = [
    ...markdown.matchAll(/### `[a-z.]+` \(key: [^)]*\)[\s\S]*?```json\n([\s\S]*?)\n```/g),
  ].map((match) => parseEvent(match[1]));

  it('are valid events, one of every type', () => {
    const events = examples.map((result) => {
      if (!result.ok) throw new Error(`invalid example: ${result.reason}`);
      return result.event;
    });
    expect(events.map((event: ActivityEvent) => event.type)).toEqual(EVENT_TYPES);
  });

  it('are all keyed by alice, the member they are about', () => {
    const keys = examples.map((result) => (result.ok ? eventKey(result.event) : null));
    expect(new Set(keys)).toEqual(new Set(['01935a10-0000-7000-8000-00000000000a']));
  });
});
