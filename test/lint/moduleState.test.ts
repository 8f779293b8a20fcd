import fs from 'node:fs';
import path from 'node:path';
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

const topLevelMap = /^(export )?(const|let|var) \w+(: [^=]+)? = new (Weak)?Map\b/;

/** The top-level Maps and WeakMaps of the files, as file:line: text. */
function moduleMaps(files: Array<{ file: string; text: string }>): string[] {
  return files.flatMap(({ file, text }) => text.split('\n').flatMap((line, i) => (topLevelMap.test(line) ? [`${path.relative(process.cwd(), file)}:${i + 1}: ${line.trim()}`] : [])));
}

const read = (dir: string) => sources(path.resolve(dir)).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

describe('no module-level maps in the core or the window', () => {
  it('finds no top-level Map or WeakMap in src/main', () => {
    expect(moduleMaps(read('src/main'))).toEqual([]);
  });

  it('finds no top-level Map or WeakMap in src/renderer', () => {
    expect(moduleMaps(read('src/renderer'))).toEqual([]);
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

/** Whether `text` changes `name`'s contents: assigns a member, counts one up or down, or calls a mutating method. */
function mutates(text: string, name: string): boolean {
  const member = `\\b${name}(?:\\.\\w+|\\[[^\\]]+\\])+`;
  const assigned = new RegExp(`${member}\\s*(?:[-+*/|&]?=(?!=)|\\+\\+|--)|(?:\\+\\+|--)${member}`);
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

describe('no module-level mutable objects in the core', () => {
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
    const table = { file: '/x/limits.ts', text: 'export const limits = { retailnext: 3 };\nexport const at = limits.retailnext;\nif (limits.retailnext === 3) {}' };
    expect(mutatedModuleObjects([table])).toEqual([]);
  });
});
