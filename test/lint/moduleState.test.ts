import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// State that lives as long as the core belongs to a service built in src/main/compose.ts and handed
// in, never to a module-level map (DESIGN.md): a second core in the same process (tests, a restart)
// would share it, and nothing would ever empty it.
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('no module-level maps in the core', () => {
  it('finds no top-level Map or WeakMap in src/main', () => {
    const found = sources(path.resolve('src/main')).flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/^(export )?(const|let|var) \w+(: [^=]+)? = new (Weak)?Map\b/.test(line) ? [`${path.relative(process.cwd(), file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('(the check sees one: what it guards against)', () => {
    expect(/^(export )?(const|let|var) \w+(: [^=]+)? = new (Weak)?Map\b/.test('const registry = new Map<string, number>();')).toBe(true);
  });
});
