import { describe, expect, it } from 'vitest';
import { partEnd } from '../../src/main/host/coreServer';

/** Splits `json` as the core's server does, into parts of at most `size` characters. */
function split(json: string, size: number): string[] {
  const parts: string[] = [];
  let at = 0;
  while (json.length - at > size) {
    const end = partEnd(json, at, size);
    parts.push(json.slice(at, end));
    at = end;
  }
  parts.push(json.slice(at));
  return parts;
}

describe("a long answer's parts", () => {
  it('never cut an emoji in half, so each part encodes to UTF-8 on its own and the bytes join to the answer', () => {
    const json = JSON.stringify({ name: 'Caf\u00e9 \u{1F6D2} Harbor \u{1F3EC}\u{1F3EC} Plaza' });
    for (let size = 2; size <= 12; size++) {
      const parts = split(json, size);
      expect(parts.join('')).toBe(json);
      expect(parts.every((p) => p.length <= size)).toBe(true);
      expect(Buffer.concat(parts.map((p) => Buffer.from(p))).toString('utf8')).toBe(json);
    }
  });

  it('are the full size when no pair straddles the cut', () => {
    expect(split('a'.repeat(10), 4)).toEqual(['aaaa', 'aaaa', 'aa']);
    expect(partEnd('ab\u{1F6D2}c', 0, 3)).toBe(2);
    expect(partEnd('ab\u{1F6D2}c', 0, 4)).toBe(4);
  });
});
