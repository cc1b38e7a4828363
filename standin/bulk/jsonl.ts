/**
 * Turns executed bulk-query data into Shopify's JSONL: one object per line; every node of a
 * nested connection on its own line carrying `"__parentId"` (the id of the node of the
 * enclosing connection); non-connection objects inline; children after their parent.
 *
 * With `groupObjects: false` Shopify does not promise that children follow their parent
 * directly, so the stand-in interleaves: it writes a few root objects, then their children.
 * Apps that assume contiguity fail here as they would against Shopify.
 */
import {
  getNamedType,
  isCompositeType,
  type GraphQLCompositeType,
  type SelectionSetNode,
} from "graphql";
import {
  collectFields,
  isConnectionType,
  subSelection,
  type CollectedField,
  type WalkScope,
} from "../graphql/walk";
import { nodeSelections } from "./validate";

/** Roots written before their children when objects are not grouped. */
export const INTERLEAVE = 3;

interface PendingNode {
  value: Record<string, unknown>;
  set: SelectionSetNode | undefined;
  type: GraphQLCompositeType;
}

interface Split {
  line: Record<string, unknown>;
  children: PendingNode[];
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The nodes a connection value returned (from `edges.node` or, if absent, `nodes`). */
function connectionNodes(scope: WalkScope, field: CollectedField, value: unknown): PendingNode[] {
  const record = asRecord(value);
  if (!record) return [];
  const selections = nodeSelections(scope, field);
  const viaEdges = selections.find((s) => s.field.def.name === "node");
  const chosen = viaEdges ?? selections[0];
  if (!chosen) return [];
  const edgesKey = collectFields(
    scope,
    subSelection(field),
    getNamedType(field.def.type) as GraphQLCompositeType,
  ).find((f) => (viaEdges ? f.def.name === "edges" : f.def.name === "nodes"))?.responseKey;
  const list = edgesKey ? record[edgesKey] : undefined;
  if (!Array.isArray(list)) return [];
  return list
    .map((item) =>
      viaEdges ? asRecord(asRecord(item)?.[chosen.field.responseKey]) : asRecord(item),
    )
    .filter((node): node is Record<string, unknown> => node !== null)
    .map((node) => ({ value: node, set: chosen.set, type: chosen.type }));
}

function split(scope: WalkScope, node: PendingNode): Split {
  const fields = new Map(collectFields(scope, node.set, node.type).map((f) => [f.responseKey, f]));
  const line: Record<string, unknown> = {};
  const children: PendingNode[] = [];
  for (const [key, value] of Object.entries(node.value)) {
    const field = fields.get(key);
    const named = field ? getNamedType(field.def.type) : undefined;
    if (!field || !named || !isCompositeType(named) || value === null) {
      line[key] = value; // scalars, enums and __typename
    } else if (isConnectionType(named)) {
      children.push(...connectionNodes(scope, field, value));
    } else if (Array.isArray(value)) {
      line[key] = value.map((item) => {
        const record = asRecord(item);
        if (!record) return item;
        const inner = split(scope, { value: record, set: subSelection(field), type: named });
        children.push(...inner.children);
        return inner.line;
      });
    } else {
      const inner = split(scope, {
        value: value as Record<string, unknown>,
        set: subSelection(field),
        type: named,
      });
      line[key] = inner.line;
      children.push(...inner.children);
    }
  }
  return { line, children };
}

/** Descendant lines of a node, depth-first, each with its parent's id. */
function descendants(
  scope: WalkScope,
  parentId: unknown,
  children: PendingNode[],
  out: string[],
): void {
  for (const child of children) {
    const { line, children: grandChildren } = split(scope, child);
    line.__parentId = parentId;
    out.push(JSON.stringify(line));
    descendants(scope, line.id, grandChildren, out);
  }
}

/** JSONL lines for one executed page of the top-level connection (its first `maxRoots` objects). */
export function pageToLines(
  scope: WalkScope,
  topField: CollectedField,
  data: Record<string, unknown>,
  groupObjects: boolean,
  maxRoots = Infinity,
): { lines: string[]; roots: number } {
  const roots = connectionNodes(scope, topField, data[topField.responseKey])
    .slice(0, maxRoots)
    .map((node) => split(scope, node));
  const lines: string[] = [];
  const batch = groupObjects ? 1 : INTERLEAVE;
  for (let i = 0; i < roots.length; i += batch) {
    const group = roots.slice(i, i + batch);
    for (const root of group) lines.push(JSON.stringify(root.line));
    for (const root of group) descendants(scope, root.line.id, root.children, lines);
  }
  return { lines, roots: roots.length };
}
