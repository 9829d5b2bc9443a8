import { Field, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './pagination';

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
}

/**
 * The Relay-style pair of a node type, named `<name>Edge` and `<name>Connection`:
 * `cursor: String!`, `node: <Node>!`, `edges: [<name>Edge!]!`, `pageInfo: PageInfo!`. `node` is
 * a thunk, like type-graphql's own type functions, so node classes may be declared later.
 */
export function connectionTypes<T extends object>(node: () => ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field(() => String)
    cursor: string;

    @Field(node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }

  return { Edge: EdgeType, Connection: ConnectionType };
}
