import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEvent, type ActivityEvent } from '@social/events';
import { systemClock } from '@social/kit';
import { sqlOf } from '@social/kit/orm';
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
} from 'graphql';
import { handleEvents } from '../../subgraphs/feed/src/consumer/event-handler';
import type { FeedConfig } from '../../subgraphs/feed/src/config';
import type { TestStack } from './stack';

const WEB_GRAPHQL = path.resolve(__dirname, '..', '..', 'web', 'src', 'graphql');

/**
 * Every operation of the web app (web/src/graphql/*.graphql) by name, as the app sends it:
 * the operation followed by the fragments it spreads, directly or through other fragments.
 */
export function webOperations(): Map<string, string> {
  const definitions: DefinitionNode[] = readdirSync(WEB_GRAPHQL)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => parse(readFileSync(path.join(WEB_GRAPHQL, file), 'utf8')).definitions);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  const operations = new Map<string, string>();
  for (const definition of definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
    const used = new Map<string, FragmentDefinitionNode>();
    const pending: DefinitionNode[] = [definition];
    for (let next = pending.pop(); next; next = pending.pop())
      visit(next, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (!fragment || used.has(spread.name.value)) return;
          used.set(spread.name.value, fragment);
          pending.push(fragment);
        },
      });
    operations.set(
      definition.name.value,
      [definition, ...used.values()].map((node) => print(node)).join('\n'),
    );
  }
  return operations;
}

/**
 * What the relay and the feed consumer would do, without Kafka: every event in activity's
 * outbox applied to the feed by the consumer's own handler (duplicates are skipped there).
 */
export async function deliverOutbox(stack: TestStack, feed: FeedConfig): Promise<void> {
  const rows = await sqlOf(stack.activity.orm.em.fork()).all<{ payload: unknown }>(
    'select payload from outbox order by id',
  );
  const events: ActivityEvent[] = rows.map(({ payload }) => {
    const parsed = parseEvent(typeof payload === 'string' ? payload : JSON.stringify(payload));
    if (!parsed.ok) throw new Error(`outbox row does not parse: ${parsed.reason}`);
    return parsed.event;
  });
  await handleEvents(events, { em: stack.feed.orm.em, config: feed, clock: systemClock });
}
