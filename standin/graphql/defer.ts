/**
 * `@defer` as the Storefront API implements it: "the spec as of its description on August 23,
 * 2022" (shopify.dev/docs/storefronts/headless/building-with-the-storefront-api/defer), i.e. the
 * `deferSpec=20220824` incremental delivery format that Shopify's own `@shopify/graphql-client`
 * parses (node_modules/@shopify/graphql-client/dist/graphql-client/graphql-client.mjs):
 *
 *   Content-Type: multipart/mixed; boundary="graphql"; deferSpec=20220824
 *
 *   --graphql
 *   Content-Type: application/json; charset=utf-8
 *
 *   {"data":{…everything not deferred…},"hasNext":true}
 *   --graphql
 *   Content-Type: application/json; charset=utf-8
 *
 *   {"incremental":[{"path":[…],"data":{…the fragment's fields…},"label":"…"}],"hasNext":false}
 *   --graphql--
 *
 * graphql-js 16 cannot defer: the document is executed once, in full, and the result is split
 * along the deferred fragments here. Simplified: a `@defer` nested inside a deferred fragment is
 * delivered with its parent, and all deferred fragments arrive in one final part.
 */
import {
  Kind,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

type Path = (string | number)[];
type Variables = Record<string, unknown>;
type Fragments = Record<string, FragmentDefinitionNode>;

export interface IncrementalPayload {
  path: Path;
  data: Record<string, unknown> | null;
  label?: string;
  errors?: GraphQLFormattedError[];
}

function argumentValue(node: ValueNode | undefined, variables: Variables): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.BOOLEAN:
      return node.value;
    case Kind.STRING:
      return node.value;
    default:
      return undefined;
  }
}

function directive(
  directives: readonly DirectiveNode[] | undefined,
  name: string,
): DirectiveNode | undefined {
  return directives?.find((d) => d.name.value === name);
}

/** Whether `@defer` on this fragment is active (`if` defaults to true), and its label. */
function deferOf(
  directives: readonly DirectiveNode[] | undefined,
  variables: Variables,
): { label?: string } | null {
  const d = directive(directives, "defer");
  if (!d) return null;
  const on = argumentValue(d.arguments?.find((a) => a.name.value === "if")?.value, variables);
  if (on === false) return null;
  const label = argumentValue(d.arguments?.find((a) => a.name.value === "label")?.value, variables);
  return typeof label === "string" ? { label } : {};
}

/** `@skip` / `@include` as execution applies them. */
function included(directives: readonly DirectiveNode[] | undefined, variables: Variables): boolean {
  const skip = directive(directives, "skip");
  if (skip && argumentValue(skip.arguments?.[0]?.value, variables) === true) return false;
  const include = directive(directives, "include");
  if (include && argumentValue(include.arguments?.[0]?.value, variables) === false) return false;
  return true;
}

interface Collected {
  /** Response key → the field nodes selecting it without a deferral. */
  eager: Map<string, FieldNode[]>;
  /** Deferred fragments found at this level (through non-deferred fragments too). */
  deferred: { selectionSet: SelectionSetNode; label?: string }[];
}

function collect(
  selectionSet: SelectionSetNode,
  fragments: Fragments,
  variables: Variables,
  into: Collected = { eager: new Map(), deferred: [] },
): Collected {
  for (const selection of selectionSet.selections) {
    if (!included(selection.directives, variables)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      into.eager.set(key, [...(into.eager.get(key) ?? []), selection]);
      continue;
    }
    const fragmentSelection =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.selectionSet
        : fragments[selection.name.value]?.selectionSet;
    if (!fragmentSelection) continue;
    const deferred = deferOf(selection.directives, variables);
    if (deferred) into.deferred.push({ selectionSet: fragmentSelection, ...deferred });
    else collect(fragmentSelection, fragments, variables, into);
  }
  return into;
}

/** Every field node inside an active deferred fragment (for resolvers that require `@defer`). */
export function deferredFieldNodes(
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Variables,
): Set<FieldNode> {
  const found = new Set<FieldNode>();
  const seen = new Set<SelectionSetNode>();
  const walk = (set: SelectionSetNode, inDefer: boolean) => {
    if (seen.has(set) && !inDefer) return;
    seen.add(set);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (inDefer) found.add(selection);
        if (selection.selectionSet) walk(selection.selectionSet, inDefer);
        continue;
      }
      const child =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : fragments[selection.name.value]?.selectionSet;
      if (child) walk(child, inDefer || deferOf(selection.directives, variables) !== null);
    }
  };
  walk(operation.selectionSet, false);
  return found;
}

export function hasActiveDefer(
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Variables,
): boolean {
  let active = false;
  const walk = (set: SelectionSetNode, depth: number) => {
    if (active || depth > 50) return;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.selectionSet) walk(selection.selectionSet, depth + 1);
        continue;
      }
      if (deferOf(selection.directives, variables)) active = true;
      const child =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : fragments[selection.name.value]?.selectionSet;
      if (child) walk(child, depth + 1);
    }
  };
  walk(operation.selectionSet, 0);
  return active;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** All of a fragment's fields from an object of the full result (nested defers included). */
function pickAll(
  selectionSet: SelectionSetNode,
  value: Record<string, unknown>,
  fragments: Fragments,
  variables: Variables,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (set: SelectionSetNode) => {
    const { eager, deferred } = collect(set, fragments, variables);
    for (const key of eager.keys()) if (key in value) out[key] = value[key];
    for (const d of deferred) visit(d.selectionSet);
  };
  visit(selectionSet);
  return out;
}

/**
 * Splits a full execution result along the operation's deferred fragments: the initial `data`
 * without them, and one incremental payload per deferred fragment per object it applies to.
 */
export function splitDeferred(
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Variables,
  data: Record<string, unknown> | null,
): { initial: Record<string, unknown> | null; incremental: IncrementalPayload[] } {
  const incremental: IncrementalPayload[] = [];
  const splitObject = (
    set: SelectionSetNode,
    value: Record<string, unknown>,
    path: Path,
  ): Record<string, unknown> => {
    const { eager, deferred } = collect(set, fragments, variables);
    const out: Record<string, unknown> = {};
    for (const [key, nodes] of eager) {
      if (!(key in value)) continue; // a type condition that did not apply
      const sub = nodes.flatMap((n) => n.selectionSet?.selections ?? []);
      out[key] =
        sub.length === 0
          ? value[key]
          : splitValue({ kind: Kind.SELECTION_SET, selections: sub }, value[key], [...path, key]);
    }
    for (const d of deferred) {
      const picked = pickAll(d.selectionSet, value, fragments, variables);
      if (Object.keys(picked).length === 0) continue;
      incremental.push({ path, data: picked, ...(d.label !== undefined && { label: d.label }) });
    }
    return out;
  };
  const splitValue = (set: SelectionSetNode, value: unknown, path: Path): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => splitValue(set, item, [...path, i]));
    if (isObject(value)) return splitObject(set, value, path);
    return value;
  };
  const initial = data === null ? null : splitObject(operation.selectionSet, data, []);
  return { initial, incremental };
}

/** Errors under a deferred fragment's path go with that fragment's payload; the rest up front. */
export function distributeErrors(
  errors: readonly GraphQLError[],
  incremental: IncrementalPayload[],
): GraphQLFormattedError[] {
  const initial: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const path = error.path ?? [];
    const owner = incremental.find(
      (p) =>
        path.length > p.path.length &&
        p.path.every((segment, i) => path[i] === segment) &&
        p.data !== null &&
        String(path[p.path.length]) in p.data,
    );
    if (owner) (owner.errors ??= []).push(error.toJSON());
    else initial.push(error.toJSON());
  }
  return initial;
}

export const MULTIPART_BOUNDARY = "graphql";

/**
 * The body is `--graphql` + parts + `--` CRLF. Each part is written with the delimiter that
 * ends it (CRLF `--graphql`), so a client sees a part as complete as soon as it is sent, not
 * only when the next one starts.
 */
export const MULTIPART_START = `--${MULTIPART_BOUNDARY}`;

export function multipartPart(payload: unknown): string {
  return `\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(payload)}\r\n--${MULTIPART_BOUNDARY}`;
}

export const MULTIPART_END = "--\r\n";
