/**
 * The subset of Shopify's search syntax (the `query:` argument of connections) that the app
 * filters with: `field:value`, comparators `:>`, `:>=`, `:<`, `:<=`, quoted values, `*` prefix
 * wildcards, comma lists (`status:active,draft`), implicit AND, `AND`, `OR`, `NOT`/`-`,
 * parentheses, and free-text terms. Like Shopify, an unknown field does not fail the request:
 * the term is ignored and a warning is reported in `extensions.search`.
 */
import { GraphQLError } from "graphql";

type Comparator = "=" | ">" | ">=" | "<" | "<=";

type SearchNode =
  | { kind: "and" | "or"; children: SearchNode[] }
  | { kind: "not"; child: SearchNode }
  | { kind: "term"; field: string | null; op: Comparator; value: string };

export type SearchFieldType = "string" | "enum" | "date" | "number" | "tags" | "boolean";

export interface SearchField<T> {
  type: SearchFieldType;
  get: (item: T) => string | number | boolean | null | readonly string[];
}

export interface SearchSpec<T> {
  fields: Record<string, SearchField<T>>;
  /** Values searched by terms without a field (Shopify's default full-text fields). */
  text: (item: T) => readonly (string | null)[];
}

export interface SearchWarning {
  field: string;
  message: string;
}

export interface CompiledSearch<T> {
  matches: (item: T) => boolean;
  warnings: SearchWarning[];
}

type Token = { kind: "word"; text: string } | { kind: "open" } | { kind: "close" };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ kind: c === "(" ? "open" : "close" });
      i++;
    } else {
      let word = "";
      while (i < query.length && !/[\s()]/.test(query.charAt(i))) {
        const ch = query.charAt(i);
        if (ch === '"' || ch === "'") {
          const close = query.indexOf(ch, i + 1);
          const end = close === -1 ? query.length : close + 1;
          word += query.slice(i, end);
          i = end;
        } else {
          word += ch;
          i++;
        }
      }
      tokens.push({ kind: "word", text: word });
    }
  }
  return tokens;
}

function unquote(value: string): string {
  const q = value.charAt(0);
  if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) return value.slice(1, -1);
  return value;
}

function parseTerm(text: string): SearchNode {
  const m = /^([A-Za-z_][\w.]*):(>=|<=|>|<|=)?(.*)$/s.exec(text);
  if (!m) return { kind: "term", field: null, op: "=", value: unquote(text) };
  return {
    kind: "term",
    field: (m[1] ?? "").toLowerCase(),
    op: (m[2] ?? "=") as Comparator,
    value: unquote(m[3] ?? ""),
  };
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): SearchNode {
    const node = this.or();
    if (this.position < this.tokens.length)
      throw new GraphQLError("Invalid search query: unbalanced parentheses");
    return node;
  }

  private peekWord(): string | undefined {
    const t = this.tokens[this.position];
    return t?.kind === "word" ? t.text : undefined;
  }

  private or(): SearchNode {
    const children = [this.and()];
    while (this.peekWord() === "OR") {
      this.position++;
      children.push(this.and());
    }
    return children.length === 1 ? (children[0] as SearchNode) : { kind: "or", children };
  }

  private and(): SearchNode {
    const children: SearchNode[] = [];
    for (;;) {
      const t = this.tokens[this.position];
      if (!t || t.kind === "close" || this.peekWord() === "OR") break;
      if (this.peekWord() === "AND") {
        this.position++;
        continue;
      }
      children.push(this.unary());
    }
    return children.length === 1 ? (children[0] as SearchNode) : { kind: "and", children };
  }

  private unary(): SearchNode {
    const t = this.tokens[this.position++];
    if (!t) return { kind: "and", children: [] };
    if (t.kind === "open") {
      const inner = this.or();
      if (this.tokens[this.position]?.kind !== "close")
        throw new GraphQLError("Invalid search query: unbalanced parentheses");
      this.position++;
      return inner;
    }
    if (t.kind === "close") throw new GraphQLError("Invalid search query: unbalanced parentheses");
    if (t.text === "NOT") return { kind: "not", child: this.unary() };
    if (t.text.startsWith("-") && t.text.length > 1)
      return { kind: "not", child: parseTerm(t.text.slice(1)) };
    return parseTerm(t.text);
  }
}

/** Date-only values mean midnight UTC (Shopify uses the shop's timezone; see docs/standin.md). */
function parseDate(value: string): { start: number; end: number } | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  let normalized = value.replace(" ", "T");
  if (!dateOnly && !/(Z|[+-]\d{2}:?\d{2})$/.test(normalized)) normalized += "Z";
  const start = Date.parse(dateOnly ? `${value}T00:00:00Z` : normalized);
  if (Number.isNaN(start)) return null;
  return { start, end: dateOnly ? start + 86_400_000 : start };
}

function compare(op: Comparator, actual: number, low: number, high: number): boolean {
  switch (op) {
    case ">":
      return actual > low;
    case ">=":
      return actual >= low;
    case "<":
      return actual < low;
    case "<=":
      return actual <= high;
    case "=":
      return low === high ? actual === low : actual >= low && actual < high;
  }
}

function matchString(actual: string, wanted: string): boolean {
  const a = actual.toLowerCase();
  const w = wanted.toLowerCase();
  return w.endsWith("*") ? a.startsWith(w.slice(0, -1)) : a === w;
}

function matchField<T>(field: SearchField<T>, op: Comparator, value: string, item: T): boolean {
  const actual = field.get(item);
  if (value === "*")
    return actual !== null && actual !== "" && !(Array.isArray(actual) && actual.length === 0);
  const alternatives = value.split(",").filter((v) => v !== "");
  return alternatives.some((wanted) => {
    switch (field.type) {
      case "string":
      case "enum":
        return (
          typeof actual === "string" &&
          (op === "="
            ? matchString(actual, wanted)
            : compare(op, actual.localeCompare(wanted), 0, 0))
        );
      case "tags":
        return Array.isArray(actual) && actual.some((tag: string) => matchString(tag, wanted));
      case "boolean":
        return String(actual) === wanted.toLowerCase();
      case "number": {
        const n = Number(wanted);
        return typeof actual === "number" && !Number.isNaN(n) && compare(op, actual, n, n);
      }
      case "date": {
        const range = parseDate(wanted);
        const time = typeof actual === "string" ? Date.parse(actual) : NaN;
        return range !== null && !Number.isNaN(time) && compare(op, time, range.start, range.end);
      }
    }
  });
}

function evaluate<T>(node: SearchNode, spec: SearchSpec<T>, item: T): boolean {
  switch (node.kind) {
    case "and":
      return node.children.every((c) => evaluate(c, spec, item));
    case "or":
      return node.children.some((c) => evaluate(c, spec, item));
    case "not":
      return !evaluate(node.child, spec, item);
    case "term": {
      if (node.field === null) {
        const needle = node.value.toLowerCase().replace(/\*$/, "");
        return spec.text(item).some((text) => text !== null && text.toLowerCase().includes(needle));
      }
      const field = spec.fields[node.field];
      return field ? matchField(field, node.op, node.value, item) : true;
    }
  }
}

function unknownFields<T>(node: SearchNode, spec: SearchSpec<T>, out: Set<string>): void {
  if (node.kind === "term") {
    if (node.field !== null && !spec.fields[node.field]) out.add(node.field);
  } else if (node.kind === "not") unknownFields(node.child, spec, out);
  else node.children.forEach((c) => unknownFields(c, spec, out));
}

export function compileSearch<T>(
  query: string | null | undefined,
  spec: SearchSpec<T>,
): CompiledSearch<T> {
  if (!query || query.trim() === "") return { matches: () => true, warnings: [] };
  const tree = new Parser(tokenize(query)).parse();
  const unknown = new Set<string>();
  unknownFields(tree, spec, unknown);
  return {
    matches: (item) => evaluate(tree, spec, item),
    warnings: [...unknown].map((field) => ({
      field,
      message: "Invalid search field for this query.",
    })),
  };
}
