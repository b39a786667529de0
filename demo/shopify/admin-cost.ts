// Shopify-style query cost: objects 1, scalars and enums 0, connections 2 + size × node, lists size × item.
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLInt,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromAST,
} from 'graphql';

type Variables = Record<string, unknown>;
type Data = Record<string, unknown>;

interface Walk {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables: Variables;
}

// Fields grouped by the type condition they sit under ('' = no condition).
function collect(
  walk: Walk,
  set: SelectionSetNode,
  condition: string,
  out: Map<string, FieldNode[]>,
): Map<string, FieldNode[]> {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const list = out.get(condition) ?? [];
      list.push(sel);
      out.set(condition, list);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      collect(walk, sel.selectionSet, sel.typeCondition?.name.value ?? condition, out);
    } else {
      const frag = walk.document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === sel.name.value,
      );
      if (frag?.kind === Kind.FRAGMENT_DEFINITION) {
        collect(walk, frag.selectionSet, frag.typeCondition.name.value, out);
      }
    }
  }
  return out;
}

function sizeArg(walk: Walk, field: FieldNode): number | undefined {
  for (const name of ['first', 'last']) {
    const arg = field.arguments?.find((a) => a.name.value === name);
    if (!arg) continue;
    const value = valueFromAST(arg.value, GraphQLInt, walk.variables);
    if (typeof value === 'number') return Math.max(0, value);
  }
  return undefined;
}

function fieldDef(
  type: GraphQLNamedType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name];
  return undefined;
}

const asData = (v: unknown): Data | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : undefined;

/** The selections under `nodes` and `edges { node }`, which describe one node of a connection. */
function nodeSelections(walk: Walk, field: FieldNode, connectionType: GraphQLObjectType) {
  const nodeType = getNamedType(connectionType.getFields().nodes?.type) as GraphQLCompositeType;
  const sets: Array<{
    set: SelectionSetNode;
    path: 'nodes' | 'edges';
    key: string;
    inner?: string;
  }> = [];
  for (const f of collect(walk, field.selectionSet as SelectionSetNode, '', new Map()).get('') ??
    []) {
    const key = f.alias?.value ?? f.name.value;
    if (f.name.value === 'nodes' && f.selectionSet)
      sets.push({ set: f.selectionSet, path: 'nodes', key });
    if (f.name.value === 'edges' && f.selectionSet) {
      for (const e of collect(walk, f.selectionSet, '', new Map()).get('') ?? []) {
        if (e.name.value === 'node' && e.selectionSet) {
          sets.push({ set: e.selectionSet, path: 'edges', key, inner: e.alias?.value ?? 'node' });
        }
      }
    }
  }
  return { nodeType, sets };
}

function isConnection(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && type.name.endsWith('Connection') && 'nodes' in type.getFields();
}

function fieldCost(
  walk: Walk,
  field: FieldNode,
  def: GraphQLField<unknown, unknown>,
  value: unknown,
  actual: boolean,
): number {
  const named = getNamedType(def.type);
  if (!isCompositeType(named) || !field.selectionSet) return 0;
  if (actual && value == null) return 0;

  if (isConnection(named)) {
    const { nodeType, sets } = nodeSelections(walk, field, named);
    const perNode = (node: unknown) =>
      1 + Math.max(0, ...sets.map((s) => setCost(walk, s.set, nodeType, node, actual)));
    if (!actual) return 2 + (sizeArg(walk, field) ?? 0) * perNode(undefined);
    const conn = asData(value);
    let total = 2;
    for (const s of sets) {
      const rows = conn?.[s.key];
      if (!Array.isArray(rows)) continue;
      const nodes = s.path === 'nodes' ? rows : rows.map((e) => asData(e)?.[s.inner ?? 'node']);
      total = Math.max(total, 2 + nodes.reduce<number>((n, node) => n + perNode(node), 0));
    }
    return total;
  }

  const item = (v: unknown) =>
    1 + setCost(walk, field.selectionSet as SelectionSetNode, named, v, actual);
  if (isListType(getNullableType(def.type) as GraphQLType)) {
    if (!actual) return (sizeArg(walk, field) ?? 1) * item(undefined);
    return Array.isArray(value)
      ? value.reduce<number>((n, v) => n + (v == null ? 0 : item(v)), 0)
      : 0;
  }
  return item(value);
}

function setCost(
  walk: Walk,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  data: unknown,
  actual: boolean,
): number {
  const groups = collect(walk, set, '', new Map());
  const row = asData(data);
  const sum = (fields: FieldNode[], on: GraphQLNamedType) =>
    fields.reduce((n, f) => {
      const def = fieldDef(on, f.name.value);
      if (!def) return n;
      return n + fieldCost(walk, f, def, row?.[f.alias?.value ?? f.name.value], actual);
    }, 0);
  let base = sum(groups.get('') ?? [], type);
  let extra = 0;
  for (const [condition, fields] of groups) {
    if (condition === '') continue;
    const on = walk.schema.getType(condition);
    if (!on) continue;
    const cost = sum(fields, on);
    // On an object type every fragment applies; on an interface or union only one type's do.
    if (isObjectType(type)) base += cost;
    else extra = Math.max(extra, cost);
  }
  return base + extra;
}

function rootType(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
): GraphQLObjectType | null | undefined {
  if (op.operation === 'mutation') return schema.getMutationType();
  if (op.operation === 'subscription') return schema.getSubscriptionType();
  return schema.getQueryType();
}

/** The cost Shopify charges before running an operation (its worst case). */
export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
): number {
  const root = rootType(schema, operation);
  if (!root) return 0;
  const walk = { schema, document, variables };
  return setCost(walk, operation.selectionSet, root, undefined, false);
}

/** The cost of what was actually returned (Shopify refunds the difference). */
export function actualCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
  data: unknown,
): number {
  const root = rootType(schema, operation);
  if (!root || data == null) return 0;
  const walk = { schema, document, variables };
  return setCost(walk, operation.selectionSet, root, data, true);
}
