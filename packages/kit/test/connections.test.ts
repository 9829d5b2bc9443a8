import { Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { PageInfo, connectionTypes } from '../src';
import { buildFederatedSchema } from '../src/federation';

@ObjectType()
class Thing {
  @Field(() => ID)
  id: string;
}

// Written by hand the way the subgraphs did before the factory existed.
@ObjectType()
class ThingEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => Thing)
  node: Thing;
}

@ObjectType()
class ThingConnection {
  @Field(() => [ThingEdge])
  edges: ThingEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

const { Connection: WidgetConnection } = connectionTypes(() => Widget, 'Widget');

// Declared after its connection: the node is a thunk.
@ObjectType()
class Widget {
  @Field(() => ID)
  id: string;
}

@Resolver()
class ListResolver {
  @Query(() => ThingConnection)
  things(): ThingConnection {
    return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  }

  @Query(() => WidgetConnection)
  widgets(): InstanceType<typeof WidgetConnection> {
    return {
      edges: [{ cursor: 'c1', node: { id: 'w1' } }],
      pageInfo: { hasNextPage: false, endCursor: 'c1' },
    };
  }
}

/** The SDL block of one type, from `type <name> {` to its closing brace. */
function block(sdl: string, name: string): string {
  const match = new RegExp(`type ${name} [^{]*\\{[^}]*\\}`).exec(sdl);
  if (!match) throw new Error(`type ${name} is not in the schema`);
  return match[0];
}

describe('connectionTypes', () => {
  it('declares <Name>Edge and <Name>Connection exactly like the hand-written pair', async () => {
    const { sdl } = await buildFederatedSchema({ resolvers: [ListResolver] });
    expect(block(sdl, 'WidgetEdge')).toBe(
      'type WidgetEdge {\n  cursor: String!\n  node: Widget!\n}',
    );
    expect(block(sdl, 'WidgetConnection')).toBe(
      'type WidgetConnection {\n  edges: [WidgetEdge!]!\n  pageInfo: PageInfo!\n}',
    );
    expect(block(sdl, 'WidgetEdge').replaceAll('Widget', 'Thing')).toBe(block(sdl, 'ThingEdge'));
    expect(block(sdl, 'WidgetConnection').replaceAll('Widget', 'Thing')).toBe(
      block(sdl, 'ThingConnection'),
    );
  });
});
