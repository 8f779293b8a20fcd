import { describe, expect, it } from 'vitest';
import { validateListInSlices } from '../../src/main/vendors/http/validate';
import { locationNode } from '../../src/main/vendors/retailnext/schemas';

describe('long answers are validated in slices', () => {
  const node = (i: number) => ({ uuid: `u${i}`, name: `Store ${i}`, location_type: 'store' });

  it('lets the event loop run between slices and keeps every entry', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const nodes = await validateListInSlices('RetailNext', 'query locations', locationNode, Array.from({ length: 5_000 }, (_, i) => node(i)), 'nodes');
    clearInterval(timer);
    expect(nodes).toHaveLength(5_000);
    expect(nodes[4_999]!.uuid).toBe('u4999');
    expect(ticks).toBeGreaterThan(0);
  });

  it('names the wrong field by its index in the whole list', async () => {
    const items: unknown[] = Array.from({ length: 2_000 }, (_, i) => node(i));
    items[1_203] = { name: 'no uuid', location_type: 'store' };
    await expect(validateListInSlices('RetailNext', 'query locations', locationNode, items, 'nodes')).rejects.toMatchObject({ code: 'bad_response', detail: expect.stringMatching(/^nodes\[1203\]\.uuid:/) });
  });
});
