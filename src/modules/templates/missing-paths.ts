/// <reference types="handlebars" />
import { child, isPresent } from './data-path.js';

/**
 * Which data paths a render would print, or hand to a helper, but the data lacks. Handlebars'
 * own `strict` mode cannot tell a guard from a print: it throws inside `{{#if payment.pix}}`
 * when there is no payment, yet lets `null` print as nothing. So we walk the template the way
 * it will render, over the real data, and call a path missing when it is undefined, null or "":
 * - what is printed or passed to a helper is required;
 * - `{{#if x}}` / `{{#unless x}}` test x (not required) and only the branch taken is checked;
 * - `{{#each x}}` and `{{#with x}}` require x, then check their body per item / inside x;
 * - `{{> partial}}` is checked where it is included, in the same context.
 * Walked over `{}`, the result is what a template always needs (for `baas templates list`).
 */
export interface TemplateTree {
  program: hbs.AST.Program;
  /** Partials by name, as parsed. */
  partials: ReadonlyMap<string, hbs.AST.Program>;
  /** Names that are helpers rather than data (money, t, if…). */
  helpers: ReadonlySet<string>;
}

interface Frame {
  value: unknown;
  /** Where `value` sits in the data: `order.items[1]`; '' for the root. */
  path: string;
}

// A condition we cannot evaluate without running helpers: neither branch is checked.
const UNKNOWN = Symbol('unknown');

/** Handlebars' own truthiness for #if: falsy or an empty array is false; 0 only with includeZero. */
const isTruthy = (value: unknown, includeZero: boolean) =>
  (includeZero && value === 0) || (Boolean(value) && !(Array.isArray(value) && value.length === 0));

const joinPath = (base: string, parts: string[]) => [base, ...parts].filter(Boolean).join('.');

class PathWalker {
  readonly missing = new Set<string>();

  constructor(
    private readonly tree: TemplateTree,
    private readonly root: Frame,
  ) {}

  program(program: hbs.AST.Program | undefined, frames: Frame[]): void {
    for (const statement of program?.body ?? []) this.statement(statement, frames);
  }

  private statement(node: hbs.AST.Statement, frames: Frame[]): void {
    if (node.type === 'MustacheStatement') this.mustache(node as hbs.AST.MustacheStatement, frames);
    else if (node.type === 'BlockStatement') this.block(node as hbs.AST.BlockStatement, frames);
    else if (node.type === 'PartialStatement') this.partial(node as hbs.AST.PartialStatement, frames);
  }

  private mustache(node: hbs.AST.MustacheStatement, frames: Frame[]): void {
    const isCall = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 || this.isHelper(node.path);
    if (isCall) this.arguments(node, frames);
    else this.require(node.path, frames);
  }

  private arguments(node: { params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }, frames: Frame[]): void {
    for (const param of node.params) this.require(param, frames);
    for (const pair of node.hash?.pairs ?? []) this.require(pair.value, frames);
  }

  private block(node: hbs.AST.BlockStatement, frames: Frame[]): void {
    const helper = node.path.original;
    const subject = node.params[0];
    if (helper === 'if' || helper === 'unless') {
      const value = subject ? this.peek(subject, frames) : undefined;
      if (value === UNKNOWN) return;
      const includeZero = node.hash?.pairs.some((pair) => pair.key === 'includeZero' && this.peek(pair.value, frames) === true) ?? false;
      this.program(isTruthy(value, includeZero) === (helper === 'if') ? node.program : node.inverse, frames);
    } else if ((helper === 'each' || helper === 'with') && subject) {
      const value = this.require(subject, frames);
      const inner =
        helper === 'each'
          ? this.items(value, this.pathOf(subject, frames))
          : isPresent(value)
            ? [{ value, path: this.pathOf(subject, frames) }]
            : [];
      if (!inner.length) this.program(node.inverse, frames);
      for (const frame of inner) this.program(node.program, [...frames, frame]);
    } else {
      this.arguments(node, frames);
      this.program(node.program, frames);
    }
  }

  private items(value: unknown, path: string): Frame[] {
    if (Array.isArray(value)) return value.map((item, index) => ({ value: item, path: `${path}[${index}]` }));
    if (value !== null && typeof value === 'object')
      return Object.entries(value).map(([key, item]) => ({ value: item, path: `${path}.${key}` }));
    return [];
  }

  private partial(node: hbs.AST.PartialStatement, frames: Frame[]): void {
    const name = node.name.type === 'PathExpression' ? (node.name as hbs.AST.PathExpression).original : undefined;
    const program = name === undefined ? undefined : this.tree.partials.get(name);
    // An unknown partial is Handlebars' error to raise at render, with its name.
    if (!program) return;
    const [context] = node.params;
    const base = context ? { value: this.require(context, frames), path: this.pathOf(context, frames) } : frames[frames.length - 1]!;
    const hash = Object.fromEntries((node.hash?.pairs ?? []).map((pair) => [pair.key, this.require(pair.value, frames)]));
    const value = node.hash?.pairs.length ? { ...(base.value as object), ...hash } : base.value;
    // Handlebars gives a partial its context alone: `../` cannot climb out of it (@root can).
    this.program(program, [{ value, path: base.path }]);
  }

  private isHelper(path: hbs.AST.Expression): boolean {
    return path.type === 'PathExpression' && this.tree.helpers.has((path as hbs.AST.PathExpression).original);
  }

  /** The frame a path starts from: `../` climbs, `@root.` is the top; null for other @data and for climbing too far. */
  private frameOf(path: hbs.AST.PathExpression, frames: Frame[]): { frame: Frame; parts: string[] } | null {
    if (path.data) return path.parts[0] === 'root' ? { frame: this.root, parts: path.parts.slice(1) } : null;
    const frame = frames[frames.length - 1 - path.depth];
    return frame ? { frame, parts: path.parts } : null;
  }

  /** Where the path points in the data (`order.items[1].name`), or as written when it points nowhere. */
  private pathOf(node: hbs.AST.Expression, frames: Frame[]): string {
    if (node.type !== 'PathExpression') return '';
    const start = this.frameOf(node as hbs.AST.PathExpression, frames);
    return start ? joinPath(start.frame.path, start.parts) : (node as hbs.AST.PathExpression).original;
  }

  /** The value an expression has, without requiring it. */
  private peek(node: hbs.AST.Expression, frames: Frame[]): unknown {
    if (node.type === 'PathExpression') {
      const path = node as hbs.AST.PathExpression;
      const start = this.frameOf(path, frames);
      if (start) return start.parts.reduce(child, start.frame.value);
      // @index, @key…: Handlebars' own; a `../` past the top: nothing.
      return path.data ? UNKNOWN : undefined;
    }
    if (node.type === 'SubExpression') return UNKNOWN;
    return (node as hbs.AST.StringLiteral).value;
  }

  /** Its value, recording the path as missing when it is absent. */
  private require(node: hbs.AST.Expression, frames: Frame[]): unknown {
    if (node.type === 'SubExpression') {
      this.arguments(node as hbs.AST.SubExpression, frames);
      return UNKNOWN;
    }
    const value = this.peek(node, frames);
    if (node.type === 'PathExpression' && value !== UNKNOWN && !isPresent(value)) this.missing.add(this.pathOf(node, frames) || 'this');
    return value;
  }
}

export function missingPaths(tree: TemplateTree, data: unknown): string[] {
  const root = { value: data, path: '' };
  const walker = new PathWalker(tree, root);
  walker.program(tree.program, [root]);
  return [...walker.missing];
}
