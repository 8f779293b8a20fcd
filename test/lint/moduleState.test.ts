import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// State that lives as long as the core belongs to a service built in src/main/compose.ts and handed
// in, never to a module-level map (DESIGN.md): a second core in the same process (tests, a restart)
// would share it, and nothing would ever empty it. In the window the same goes for a view's or the
// client's state: it belongs to its zustand store (or a component), where a test or a reset reaches
// it, not to a map beside the store.
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

/**
 * A top-level Map, WeakMap, Set or WeakSet. One typed ReadonlyMap or ReadonlySet is a constant table
 * (the compiler refuses a change to it), so it is left alone.
 */
const topLevelMap = /^(?:export )?(?:const|let|var) (\w+)(?:: (?!Readonly(?:Map|Set)<)[^=]+)? = new (?:Weak)?(?:Map|Set)\b/;

/**
 * Module state kept on purpose, each with why (file: names). Nothing else may join without a reason
 * as good: a second core (or window) in the same process would share it, and nothing would empty it.
 */
const allowed: Record<string, string[]> = {
  // A memo of a pure function (zone, quarter hour) -> offset read from Intl: every caller gets the
  // same answer whoever filled it, it holds no one's data, and each zone's slots are capped.
  'src/shared/time/zoneOffset.ts': ['offsets'],
};

/** The lines of the files that `declaration` matches (its first group: the name) and `exceptions` do not allow, as file:line: text. */
function moduleDeclarations(files: Array<{ file: string; text: string }>, declaration: RegExp, exceptions: Record<string, string[]>): string[] {
  return files.flatMap(({ file, text }) => {
    const rel = path.relative(process.cwd(), file).split(path.sep).join('/');
    return text.split('\n').flatMap((line, i) => {
      const name = declaration.exec(line)?.[1];
      return name && !exceptions[rel]?.includes(name) ? [`${rel}:${i + 1}: ${line.trim()}`] : [];
    });
  });
}

/** The top-level Maps and WeakMaps of the files, as file:line: text. */
const moduleMaps = (files: Array<{ file: string; text: string }>) => moduleDeclarations(files, topLevelMap, allowed);

const read = (dir: string) => sources(path.resolve(dir)).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

describe('no module-level maps or sets in the core, the window, the bridge or the shared code', () => {
  it.each(['src/main', 'src/renderer', 'src/shared', 'src/preload'])('finds no top-level Map, WeakMap, Set or WeakSet in %s (but the allowed ones)', (dir) => {
    expect(moduleMaps(read(dir))).toEqual([]);
  });

  it('(each allowed one is still there: an exception outliving its code is taken out)', () => {
    for (const [file, names] of Object.entries(allowed)) {
      const text = fs.readFileSync(path.resolve(file), 'utf8');
      for (const name of names) expect(text.split('\n').some((line) => topLevelMap.exec(line)?.[1] === name), `${file}: ${name}`).toBe(true);
    }
  });

  it('(the check sees a Set or WeakSet too, and one in the bridge; a ReadonlySet or ReadonlyMap table is left alone, as are one inside a function and an allowed one)', () => {
    const sets = {
      file: path.resolve('src/renderer/src/features/x/store.ts'),
      text: 'const loading = new Set<InventoryKind>();\nexport const seen = new WeakSet<object>();\nconst kinds: ReadonlySet<string> = new Set([\'a\']);\nconst names: ReadonlyMap<string, number> = new Map([[\'a\', 1]]);\nconst grown: Set<string> = new Set();',
    };
    const shared = { file: path.resolve('src/shared/x/cache.ts'), text: 'const cache = new Map<string, number>();' };
    // The bridge's bookkeeping lives in the closure its entry makes (bridgeToCore), not beside it.
    const bridge = { file: path.resolve('src/preload/index.ts'), text: 'const pending = new Map<number, string>();\nfunction bridgeToCore() {\n  const tickets = new Map<number, number>();\n}' };
    const memo = { file: path.resolve('src/shared/time/zoneOffset.ts'), text: 'const offsets = new Map<string, number[]>();' };
    expect(moduleMaps([sets, shared, bridge, memo])).toEqual([
      'src/renderer/src/features/x/store.ts:1: const loading = new Set<InventoryKind>();',
      'src/renderer/src/features/x/store.ts:2: export const seen = new WeakSet<object>();',
      'src/renderer/src/features/x/store.ts:5: const grown: Set<string> = new Set();',
      'src/shared/x/cache.ts:1: const cache = new Map<string, number>();',
      'src/preload/index.ts:1: const pending = new Map<number, string>();',
    ]);
  });

  it('(the check sees one: what it guards against, in a .ts or a .tsx file)', () => {
    expect(topLevelMap.test('const registry = new Map<string, number>();')).toBe(true);
    // What the window's link to the core kept beside its store before (api/coreLink.ts).
    const beside = { file: path.resolve('src/renderer/src/api/x.ts'), text: "export const useLink = create(() => ({ backs: 0 }));\nconst losses = new WeakMap<ContractError, number>();" };
    const view = { file: path.resolve('src/renderer/src/features/x/View.tsx'), text: 'export const seen: Map<string, number> = new Map();\nexport function View() {}' };
    const inside = { file: path.resolve('src/renderer/src/api/y.ts'), text: 'export const useLink = create(() => ({ losses: new WeakMap<ContractError, number>() }));' };
    expect(moduleMaps([beside, view, inside])).toEqual([
      'src/renderer/src/api/x.ts:2: const losses = new WeakMap<ContractError, number>();',
      'src/renderer/src/features/x/View.tsx:1: export const seen: Map<string, number> = new Map();',
    ]);
  });
});

/** Top-level `const|let name = {` or `= [`: an object or array that lives as long as the module. */
const topLevelObject = /^(?:export )?(?:const|let|var) (\w+)(?:: [^=]+)? = [{[]/;

/** Whether `text` changes `name`'s contents: assigns a member (`=`, `+=`, `??=`…), counts one up or down, or calls a mutating method. */
function mutates(text: string, name: string): boolean {
  const member = `\\b${name}(?:\\.\\w+|\\[[^\\]]+\\])+`;
  const assigned = new RegExp(`${member}\\s*(?:(?:[-+*/%|&^]|\\*\\*|<<|>>>?|\\?\\?|\\|\\||&&)?=(?!=)|\\+\\+|--)|(?:\\+\\+|--)${member}`);
  const called = new RegExp(`\\b${name}(?:\\.\\w+)*\\.(?:push|pop|shift|unshift|splice|sort|reverse|fill|copyWithin|set|delete|clear|add)\\(`);
  const assignedInto = new RegExp(`Object\\.assign\\(\\s*${name}\\b`);
  return assigned.test(text) || called.test(text) || assignedInto.test(text);
}

/** Module-level objects and arrays some file changes: the file declaring one, or a file importing it. */
function mutatedModuleObjects(files: Array<{ file: string; text: string }>): string[] {
  return files.flatMap(({ file, text }) =>
    text.split('\n').flatMap((line, i) => {
      const name = topLevelObject.exec(line)?.[1];
      if (!name) return [];
      const importedBy = files.filter((f) => f.file !== file && new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from`).test(f.text));
      const changedIn = [{ file, text: text.split('\n').filter((_, j) => j !== i).join('\n') }, ...importedBy].filter((f) => mutates(f.text, name));
      return changedIn.length > 0 ? [`${path.relative(process.cwd(), file)}:${i + 1}: ${line.trim()} (changed in ${changedIn.map((f) => path.basename(f.file)).join(', ')})`] : [];
    }),
  );
}

describe('no module-level mutable objects in the core, the window, the bridge or the shared code', () => {
  // The window too: with its module-level lets gone, a `const box = { current: null }` changed in place would be the same state.
  it.each(['src/renderer', 'src/shared', 'src/preload'])('finds no top-level object or array in %s that the code changes', (dir) => {
    const files = sources(path.resolve(dir)).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
    expect(mutatedModuleObjects(files)).toEqual([]);
  });

  it('finds no top-level object or array in src/main that the code changes', () => {
    // A worker thread's entry file (…Thread.ts, thread.ts) is that thread's own: one module per thread.
    const files = sources(path.resolve('src/main'))
      .filter((file) => !/[Tt]hread\.ts$/.test(file))
      .map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
    expect(mutatedModuleObjects(files)).toEqual([]);
  });

  it('(the check sees one changed where it is declared, or where it is imported; a constant table is left alone)', () => {
    const counters = { file: '/x/client.ts', text: 'export const stats = { requests: 0 };\nexport function send() {\n  stats.requests++;\n}' };
    expect(mutatedModuleObjects([counters])).toEqual([expect.stringContaining('export const stats = { requests: 0 };')]);
    const declared = { file: '/x/registry.ts', text: 'export const seen = [];' };
    const user = { file: '/x/user.ts', text: "import { seen } from './registry';\nseen.push(1);" };
    expect(mutatedModuleObjects([declared, user])).toEqual([expect.stringContaining('(changed in user.ts)')]);
    const table = { file: '/x/limits.ts', text: 'export const limits = { retailnext: 3 };\nexport const at = limits.retailnext;\nif (limits.retailnext === 3 || limits.retailnext <= 2 || limits.retailnext != 1) {}' };
    expect(mutatedModuleObjects([table])).toEqual([]);
    // A let taken out by boxing it: the same state.
    const boxed = { file: '/x/AlertsBadge.tsx', text: "const shellKind: { asked: Promise<string> | null } = { asked: null };\nconst shell = () => (shellKind.asked ??= ask());" };
    expect(mutatedModuleObjects([boxed])).toEqual([expect.stringContaining('const shellKind')]);
  });
});

/**
 * A top-level `let` or `var` (one name, or a destructuring pattern): a binding the module reassigns,
 * state beside the owner that should hold it (a store, a service, an instance, an entry's closure).
 */
const topLevelLet = /^(?:export )?(?:let|var)\s+(\w+|\{[^}]*\}|\[[^\]]*\])/;

/**
 * Module-level `let`s kept on purpose, each with why (file: names). Nothing else may join without a
 * reason as good: a second core (or window) in the same process would share it, and nothing would reset it.
 */
const allowedLets: Record<string, string[]> = {
  // Worker thread entry files (started by platform/threads.ts): each module is its one thread's own,
  // loaded again by every thread and gone with it, so its state is that thread's. The download thread
  // owns one GET (where it writes, what it has published, whether the page decided on the body).
  'src/main/exports/downloadThread.ts': ['written', 'wake', 'fd', 'position', 'notified', 'statusCode', 'deciding', 'writing', 'complete', 'finished', 'writeError'],
  // A TailHasher's thread: how far it has hashed and the download's rate it paces itself by.
  'src/main/exports/tailHasherThread.ts': ['pos', 'then', 'fast'],
  // A read lane's thread: its cache connection's handler, opened when the core says the cache is ready.
  'src/main/reads/thread.ts': ['handle'],
};

/** The top-level `let`s and `var`s of the files but the allowed ones, as file:line: text. */
const moduleLets = (files: Array<{ file: string; text: string }>) => moduleDeclarations(files, topLevelLet, allowedLets);

describe('no module-level let in the core, the window, the bridge or the shared code', () => {
  it.each(['src/main', 'src/renderer', 'src/shared', 'src/preload'])('finds no top-level let or var in %s (but the allowed ones)', (dir) => {
    expect(moduleLets(read(dir))).toEqual([]);
  });

  it('(each allowed one is still there: an exception outliving its code is taken out)', () => {
    for (const [file, names] of Object.entries(allowedLets)) {
      const text = fs.readFileSync(path.resolve(file), 'utf8');
      for (const name of names) expect(text.split('\n').some((line) => topLevelLet.exec(line)?.[1] === name), `${file}: ${name}`).toBe(true);
    }
  });

  it('(the check sees a let or a var, exported, typed or destructured, in every layer; a const, a let inside a function and an allowed one are left alone)', () => {
    const store = {
      file: path.resolve('src/renderer/src/features/x/store.ts'),
      text: [
        'let inflight: Promise<void> | null = null;',
        'export let following = 0;',
        'var legacy = 1;',
        'let { a, b } = pair();',
        'const panelCalls = latestCall();',
        'export const limit = 3;',
        'export function load() {',
        '  let best: string | null = null;',
        '}',
      ].join('\n'),
    };
    const core = { file: path.resolve('src/main/vendors/x.ts'), text: 'let warming: Promise<void> | null = null;\nconst pools = new HttpPools();' };
    const shared = { file: path.resolve('src/shared/x/clock.ts'), text: 'let offset = 0;' };
    const bridge = { file: path.resolve('src/preload/index.ts'), text: 'let port: CorePort | null = null;\nconst restarting = coreRestartingMessage;' };
    const thread = { file: path.resolve('src/main/reads/thread.ts'), text: 'let handle: ReturnType<typeof serve> | null = null;\nlet other = 0;' };
    expect(moduleLets([store, core, shared, bridge, thread])).toEqual([
      'src/renderer/src/features/x/store.ts:1: let inflight: Promise<void> | null = null;',
      'src/renderer/src/features/x/store.ts:2: export let following = 0;',
      'src/renderer/src/features/x/store.ts:3: var legacy = 1;',
      'src/renderer/src/features/x/store.ts:4: let { a, b } = pair();',
      'src/main/vendors/x.ts:1: let warming: Promise<void> | null = null;',
      'src/shared/x/clock.ts:1: let offset = 0;',
      'src/preload/index.ts:1: let port: CorePort | null = null;',
      'src/main/reads/thread.ts:2: let other = 0;',
    ]);
  });
});

/**
 * A state factory: a function whose answer keeps a `let` of its own alive (`latestCall`'s current
 * call, a client's next ticket, a watch's timer): an object, function or class it returns holds a
 * closure that reads or writes that `let`. Called at module level, its instance is module state that
 * none of the checks above sees (no `let`, no Map, nothing changed in place): shared by every mount,
 * test and core in the process, beyond a reset's reach. Its instance belongs to its owner: the zustand
 * store (created with it, `create(() => ({ calls: latestCall() }))`) or the service the composition
 * root hands in.
 */
function isStateFactory(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return false;
  const lets = new Set(body.statements.filter(ts.isVariableStatement).filter((s) => reassignable(s.declarationList)).flatMap(bindingNames));
  if (lets.size === 0) return false;
  // The body's own consts and functions, followed when a returned closure names one (`return { need }`).
  const locals = new Map<string, ts.Node>();
  for (const s of body.statements) {
    if (ts.isFunctionDeclaration(s) && s.name) locals.set(s.name.text, s);
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) locals.set(d.name.text, d.initializer);
  }
  const isClosure = (n: ts.Node) => ts.isFunctionLike(n) || ts.isClassLike(n);
  const keepsLet = (node: ts.Node, inClosure: boolean, followed = new Set<string>()): boolean => {
    if (ts.isIdentifier(node) && !isPropertyName(node)) {
      if (inClosure && lets.has(node.text)) return true;
      const local = locals.get(node.text);
      // Its initialiser ran once, where it is declared: only a closure in it keeps reading a let.
      if (local && !followed.has(node.text)) return keepsLet(local, isClosure(local), followed.add(node.text));
    }
    return ts.forEachChild(node, (child) => keepsLet(child, inClosure || isClosure(child), followed) || undefined) ?? false;
  };
  const returned: ts.Expression[] = [];
  const findReturns = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    else if (!isClosure(node)) ts.forEachChild(node, findReturns);
  };
  ts.forEachChild(body, findReturns);
  return returned.some((e) => {
    const value = unwrapped(e);
    // What holds it: an object (its methods), a function or class, or one of the body's own by its name.
    const holder = ts.isObjectLiteralExpression(value) || isClosure(value) || (ts.isIdentifier(value) && locals.has(value.text));
    return holder && keepsLet(value, isClosure(value));
  });
}

/** `e` without the parentheses and type assertions around it (`(x() as T)!` is `x()`). */
function unwrapped(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

/** A `let` or a `var` (not a const, nor a `using`). */
const reassignable = (list: ts.VariableDeclarationList) => [ts.NodeFlags.Let, ts.NodeFlags.None].includes(list.flags & ts.NodeFlags.BlockScoped);

/** The names a variable statement declares (destructured ones too). */
function bindingNames(statement: ts.VariableStatement): string[] {
  const names = (name: ts.BindingName): string[] => (ts.isIdentifier(name) ? [name.text] : name.elements.flatMap((e) => (ts.isBindingElement(e) ? names(e.name) : [])));
  return statement.declarationList.declarations.flatMap((d) => names(d.name));
}

/** `x.name`'s or `{ name: x }`'s name: not a reference to a variable `name`. */
const isPropertyName = (id: ts.Identifier) =>
  (ts.isPropertyAccessExpression(id.parent) && id.parent.name === id) || ((ts.isPropertyAssignment(id.parent) || ts.isMethodDeclaration(id.parent) || ts.isGetAccessorDeclaration(id.parent) || ts.isSetAccessorDeclaration(id.parent)) && id.parent.name === id);

const parse = ({ file, text }: { file: string; text: string }) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

/** The names of the files' top-level state factories (function declarations, and consts holding a function). */
function stateFactories(files: Array<{ file: string; text: string }>): Set<string> {
  const found = new Set<string>();
  for (const source of files.map(parse)) {
    for (const s of source.statements) {
      if (ts.isFunctionDeclaration(s) && s.name && isStateFactory(s)) found.add(s.name.text);
      if (ts.isVariableStatement(s))
        for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)) && isStateFactory(d.initializer)) found.add(d.name.text);
    }
  }
  return found;
}

/**
 * The files' module-level consts made by a call to one of `factories` (or by an inline state
 * factory called at once), as file:line: text. zustand's `create` is no state factory: a store is
 * the sanctioned owner of a view's state.
 */
function moduleFactoryInstances(files: Array<{ file: string; text: string }>, factories: ReadonlySet<string>): string[] {
  return files.flatMap((f) => {
    const source = parse(f);
    const rel = path.relative(process.cwd(), f.file).split(path.sep).join('/');
    return source.statements.flatMap((s) => {
      if (!ts.isVariableStatement(s) || !(s.declarationList.flags & ts.NodeFlags.Const)) return [];
      const made = s.declarationList.declarations.some(({ initializer }) => {
        const call = initializer && unwrapped(initializer);
        if (!call || !ts.isCallExpression(call)) return false;
        const callee = unwrapped(call.expression);
        return (ts.isIdentifier(callee) && factories.has(callee.text)) || ((ts.isArrowFunction(callee) || ts.isFunctionExpression(callee)) && isStateFactory(callee));
      });
      return made ? [`${rel}:${source.getLineAndCharacterOfPosition(s.getStart()).line + 1}: ${s.getText().split('\n')[0]!.trim()}`] : [];
    });
  });
}

describe('no module-level instance of a state factory in the core, the window, the bridge or the shared code', () => {
  const layers = ['src/main', 'src/renderer', 'src/shared', 'src/preload'];
  const everywhere = layers.flatMap(read);
  const factories = stateFactories(everywhere);

  it.each(layers)('finds no top-level const in %s made by a state factory', (dir) => {
    expect(moduleFactoryInstances(read(dir), factories)).toEqual([]);
  });

  it("(the check knows the code's state factories: the window's latestCall and clients, the core's watches and lanes; not zustand's create, nor a factory of constants)", () => {
    for (const name of ['latestCall', 'bridgeClient', 'socketClient', 'silenceWatch', 'followShellState', 'readOps', 'idleWatch']) expect(factories, name).toContain(name);
    for (const name of ['create', 'keptStorage', 'savedSettings', 'coreLoader', 'readArray']) expect(factories, name).not.toContain(name);
  });

  it('(the check sees a const made by a state factory, exported, typed, destructured or inline, in every layer; create(), a plain constant, a factory of constants and an instance inside a function are left alone)', () => {
    const client = {
      file: path.resolve('src/renderer/src/api/x.ts'),
      text: [
        'export function latestCall(): LatestCall {',
        '  let current: AbortController | null = null;',
        '  return { next: () => (current = new AbortController()).signal, stop: () => current?.abort() };',
        '}',
        'export function ticketer() {',
        '  let next = 1;',
        '  const take = () => next++;',
        '  return take;',
        '}',
        'export function settings(name: string) {',
        '  let loaded = 0;',
        '  loaded++;',
        '  return { name, loaded, load: () => name };',
        '}',
        'export function days(rows: Row[]) {',
        '  let last = 0;',
        '  for (const r of rows) last = Math.max(last, r.last);',
        '  const final = last;',
        '  return { last, later: (r: Row) => r.last > final };',
        '}',
      ].join('\n'),
    };
    const store = {
      file: path.resolve('src/renderer/src/features/x/store.ts'),
      text: [
        "import { create } from 'zustand';",
        "import { days, latestCall, settings, ticketer } from '../../api/x';",
        'const panelCalls = latestCall();',
        'export const tickets: () => number = ticketer();',
        'const { next, stop } = latestCall();',
        'const counter = (() => {',
        '  let n = 0;',
        '  return () => ++n;',
        '})();',
        'export const useX = create<{ calls: LatestCall }>()(() => ({ calls: latestCall() }));',
        'export const limit = 3;',
        "const names = ['a', 'b'];",
        "const access = settings('access');",
        'const span = days([]);',
        'export const reportCalls = latestCall() as LatestCall;',
        'export function load() {',
        '  const calls = latestCall();',
        '}',
      ].join('\n'),
    };
    const core = { file: path.resolve('src/main/host/x.ts'), text: "import { ticketer } from '../y';\nexport const asks = ticketer();\nconst pools = new HttpPools();" };
    const bridge = { file: path.resolve('src/preload/index.ts'), text: 'const calls = latestCall();\nconst restarting = coreRestartingMessage;' };
    const files = [client, store, core, bridge];
    const known = stateFactories(files);
    expect([...known].sort()).toEqual(['latestCall', 'ticketer']);
    expect(moduleFactoryInstances(files, known)).toEqual([
      'src/renderer/src/features/x/store.ts:3: const panelCalls = latestCall();',
      'src/renderer/src/features/x/store.ts:4: export const tickets: () => number = ticketer();',
      'src/renderer/src/features/x/store.ts:5: const { next, stop } = latestCall();',
      'src/renderer/src/features/x/store.ts:6: const counter = (() => {',
      'src/renderer/src/features/x/store.ts:15: export const reportCalls = latestCall() as LatestCall;',
      'src/main/host/x.ts:2: export const asks = ticketer();',
      'src/preload/index.ts:1: const calls = latestCall();',
    ]);
  });
});
