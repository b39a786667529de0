// Shopify's bulk query limits checked on a document: connections, their nesting, no top-level node(s).
import {
  type DocumentNode,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** Limits from Shopify's bulk operations guide and the 2026-10 `bulkOperationRunQuery` description. */
export const BULK_LIMITS = { connections: 5, nesting: 2 } as const;

export interface BulkQueryShape {
  /** Every connection field, as a dotted path of field names from the root. */
  connections: string[];
  /** The deepest chain of connections inside connections (1 = no nesting). */
  nesting: number;
  /** Root fields the bulk API refuses (`node`, `nodes`). */
  forbiddenRootFields: string[];
}

function isConnectionType(type: unknown): boolean {
  const named = type ? getNamedType(type as Parameters<typeof getNamedType>[0]) : undefined;
  return isObjectType(named) && named.name.endsWith('Connection') && 'edges' in named.getFields();
}

/** Walks `document` against `schema` and reports what the bulk limits are about. */
export function bulkQueryShape(schema: GraphQLSchema, document: DocumentNode): BulkQueryShape {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const connectionDepth: boolean[] = [];
  const connections: string[] = [];
  const forbiddenRootFields: string[] = [];
  let nesting = 0;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD]: {
        enter(node) {
          if (path.length === 0 && (node.name.value === 'node' || node.name.value === 'nodes')) {
            forbiddenRootFields.push(node.name.value);
          }
          path.push(node.name.value);
          const isConnection = isConnectionType(typeInfo.getType());
          connectionDepth.push(isConnection);
          if (isConnection) {
            connections.push(path.join('.'));
            nesting = Math.max(nesting, connectionDepth.filter(Boolean).length);
          }
        },
        leave() {
          path.pop();
          connectionDepth.pop();
        },
      },
    }),
  );
  return { connections, nesting, forbiddenRootFields };
}
