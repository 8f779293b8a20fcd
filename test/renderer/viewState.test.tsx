import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { readArray, readFields, readNumber, readObject, readOneOf, readString } from '../../src/shared/app/keptShape';
import { kept, keptPrefix, useKept } from '../../src/renderer/src/ui/keptState';

interface Demo {
  name: string;
  count: number;
  tags: string[];
  secretish: string;
  setName(name: string): void;
}
type KeptDemo = Pick<Demo, 'name' | 'count' | 'tags'>;

const reads: Array<[unknown, number]> = [];

function demoStore() {
  return create<Demo>()(
    persist(
      (set) => ({ name: 'default', count: 1, tags: [], secretish: 'not kept', setName: (name) => set({ name }) }),
      kept<Demo, KeptDemo>({
        name: 'demo',
        version: 2,
        pick: (s) => ({ name: s.name, count: s.count, tags: s.tags }),
        read(stored, version) {
          reads.push([stored, version]);
          // version 1 called the name "title"
          const from = version === 1 && stored && typeof stored === 'object' ? { ...stored, name: (stored as { title?: unknown }).title } : stored;
          return readFields<KeptDemo>(from, { name: readString, count: readNumber, tags: readArray(readString) });
        },
        shrink: (k) => ({ ...k, tags: [] }),
      }),
    ),
  );
}

const key = `${keptPrefix}demo`;

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  reads.length = 0;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('kept view state (zustand persist, one way for every view)', () => {
  it('keeps only the picked fields, with the shape version, in sessionStorage, and reads them back in a new page', () => {
    const a = demoStore();
    a.getState().setName('Reports of May');
    const stored = JSON.parse(sessionStorage.getItem(key)!);
    expect(stored).toEqual({ state: { name: 'Reports of May', count: 1, tags: [] }, version: 2 });
    expect(localStorage.getItem(key)).toBeNull();
    expect(JSON.stringify(stored)).not.toContain('not kept');
    const b = demoStore(); // a reload: a new store over the same storage
    expect(b.getState().name).toBe('Reports of May');
    expect(b.getState().secretish).toBe('not kept');
  });

  it('ignores stored data that is not JSON, not an object, or of the wrong types, without throwing', () => {
    for (const bad of ['{not json', '"a string"', '42', 'null', JSON.stringify({ state: 'x', version: 2 }), JSON.stringify({ nothing: true })]) {
      sessionStorage.setItem(key, bad);
      const s = demoStore().getState();
      expect(s.name).toBe('default');
      expect(s.count).toBe(1);
    }
    // Each field checked on its own: the good ones stay, a bad one falls back to its default.
    sessionStorage.setItem(key, JSON.stringify({ state: { name: 'kept', count: 'seven', tags: ['a', 3] }, version: 2 }));
    const s = demoStore().getState();
    expect(s).toMatchObject({ name: 'kept', count: 1, tags: [] });
  });

  it('hands an older shape to read with its version (a migration) and stores it again in the new shape', () => {
    sessionStorage.setItem(key, JSON.stringify({ state: { title: 'old name', count: 3 }, version: 1 }));
    const s = demoStore().getState();
    expect(s.name).toBe('old name');
    expect(s.count).toBe(3);
    expect(reads[0]).toEqual([{ title: 'old name', count: 3 }, 1]);
    expect(JSON.parse(sessionStorage.getItem(key)!).version).toBe(2);
  });

  it('a reader that throws drops the stored value instead of breaking the view', () => {
    const store = create<{ v: number }>()(persist(() => ({ v: 5 }), kept<{ v: number }, { v: number }>({ name: 'throws', version: 1, pick: (s) => s, read: () => { throw new Error('bad shape'); } })));
    sessionStorage.setItem(`${keptPrefix}throws`, JSON.stringify({ state: { v: 9 }, version: 1 }));
    const again = create<{ v: number }>()(persist(() => ({ v: 5 }), kept<{ v: number }, { v: number }>({ name: 'throws', version: 1, pick: (s) => s, read: () => { throw new Error('bad shape'); } })));
    expect(store.getState().v).toBe(5);
    expect(again.getState().v).toBe(5);
  });

  it('a full storage keeps the smaller part (shrink) and never throws into the view', () => {
    const a = demoStore();
    const real = sessionStorage.setItem.bind(sessionStorage);
    const full = vi.spyOn(sessionStorage, 'setItem').mockImplementation((k: string, v: string) => {
      if (v.length > 120) throw new DOMException('full', 'QuotaExceededError');
      real(k, v);
    });
    expect(() => a.setState({ name: 'big', tags: Array.from({ length: 50 }, (_, i) => `tag-${i}`) })).not.toThrow();
    expect(a.getState().tags).toHaveLength(50); // the page keeps it all
    expect(full).toHaveBeenCalledTimes(2);
    full.mockRestore();
    expect(JSON.parse(sessionStorage.getItem(key)!).state).toEqual({ name: 'big', count: 1, tags: [] });
  });
});

describe('useKept (a component field that stays)', () => {
  function Field() {
    const [text, setText] = useKept('test.field', '', readString);
    const [list] = useKept<string[]>('test.list', [], readArray(readString));
    return (
      <div>
        <input aria-label="field" value={text} onChange={(e) => setText(e.target.value)} />
        <span data-testid="list">{list.join(',')}</span>
      </div>
    );
  }

  it('keeps a value across unmount and mount (a view switch) and reads stored values through its reader', async () => {
    const { useKeptFields } = await import('../../src/renderer/src/ui/keptState');
    const first = render(<Field />);
    const input = screen.getByLabelText<HTMLInputElement>('field');
    fireEvent.change(input, { target: { value: 'north' } });
    expect(screen.getByLabelText<HTMLInputElement>('field').value).toBe('north');
    first.unmount();
    render(<Field />);
    expect(screen.getByLabelText<HTMLInputElement>('field').value).toBe('north');
    expect(JSON.parse(sessionStorage.getItem(`${keptPrefix}fields`)!).state.fields['test.field']).toBe('north');
    // A stored value of the wrong type shows the default.
    act(() => useKeptFields.getState().put('test.list', [1, 2]));
    expect(screen.getByTestId('list').textContent).toBe('');
    act(() => useKeptFields.getState().put('test.list', ['a', 'b']));
    expect(screen.getByTestId('list').textContent).toBe('a,b');
  });
});

describe('the views kept state read back after a reload', () => {
  const reportKey = `${keptPrefix}reports`;
  const report = {
    node: { id: 'all', name: 'All stores', type: 'all', parentId: null, storeCount: 1 },
    from: '2026-04-17', to: '2026-04-19', granularity: 'day', timeZones: ['America/New_York'], hourAxis: 'instant',
    buckets: [], totals: {}, previous: {}, lastYear: {}, lastYearMatch: 'weekday', sources: [], salesCurrencies: [], gaps: [], storesWithoutData: 0,
    generatedAt: '2026-04-20T16:00:00.000Z',
  };
  const query = { nodeId: 'all', from: '2026-04-17', to: '2026-04-19', granularity: 'day', lastYear: 'weekday' };

  async function freshReports() {
    vi.resetModules();
    return (await import('../../src/renderer/src/features/reports/store')).useReports.getState();
  }

  it('Reports: the query and its result come back at once, marked as kept', async () => {
    sessionStorage.setItem(reportKey, JSON.stringify({ state: { query, report, heatmap: null }, version: 1 }));
    const s = await freshReports();
    // a query kept before the hours filter existed reads as every hour
    expect(s.query).toEqual({ ...query, hourFrom: null, hourTo: 24 });
    expect(s.report?.generatedAt).toBe(report.generatedAt);
    expect(s.restored).toBe(true);
  });

  it('Reports: a result of another shape is dropped (the query stays); a bad query drops both', async () => {
    sessionStorage.setItem(reportKey, JSON.stringify({ state: { query, report: { node: 'x' }, heatmap: { cells: [] } }, version: 1 }));
    let s = await freshReports();
    expect(s.query).toEqual({ ...query, hourFrom: null, hourTo: 24 });
    expect(s.report).toBeNull();
    expect(s.heatmap).toBeNull();
    expect(s.restored).toBe(false);
    sessionStorage.setItem(reportKey, JSON.stringify({ state: { query: { ...query, granularity: 'fortnight' }, report }, version: 1 }));
    s = await freshReports();
    expect(s.report).toBeNull();
    expect(s.query.granularity).toBe('day');
    expect(s.query.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('Inventory: list, search, filters and sort come back; columns the list does not have are left out', async () => {
    sessionStorage.setItem(`${keptPrefix}inventory`, JSON.stringify({ state: { kind: 'appliances', search: 'edge', filters: { store: 'Madison', no_such_column: 'x' }, sort: { column: 'no_such_column', desc: true } }, version: 1 }));
    vi.resetModules();
    const s = (await import('../../src/renderer/src/features/inventory/store')).useInventory.getState();
    expect(s.kind).toBe('appliances');
    expect(s.search).toBe('edge');
    expect(s.filters).toEqual({ store: 'Madison' });
    expect(s.sort).toBeNull();
  });

  it('Alerts and Audit: filters of known values only', async () => {
    sessionStorage.setItem(`${keptPrefix}alerts`, JSON.stringify({ state: { filter: { status: 'resolved', search: 'cam', from: 'yesterday' }, groupBy: 'device' }, version: 1 }));
    sessionStorage.setItem(`${keptPrefix}audit`, JSON.stringify({ state: { filter: { severity: ['critical', 'fatal'], search: 'x' }, groupBy: 'sideways' }, version: 1 }));
    vi.resetModules();
    const alerts = (await import('../../src/renderer/src/features/alerts/store')).useAlerts.getState();
    const audit = (await import('../../src/renderer/src/features/audit/store')).useAudit.getState();
    expect(alerts.filter).toEqual({ status: 'resolved', search: 'cam' });
    expect(alerts.groupBy).toBe('device');
    expect(audit.filter).toEqual({ search: 'x' }); // one unknown severity drops the list
    expect(audit.groupBy).toBe('store');
  });
});

describe('the last view', () => {
  it('opens where the console was left when the address has no view, and only on a known view', async () => {
    const { keepLastView, restoreLastView } = await import('../../src/renderer/src/ui/lastView');
    window.history.replaceState(null, '', '/?token=abc#inventory/camera/cam%201');
    const stop = keepLastView();
    expect(JSON.parse(localStorage.getItem(`${keptPrefix}last`)!)).toEqual({ state: { hash: '#inventory/camera/cam%201' }, version: 1 });
    stop();
    window.history.replaceState(null, '', '/?token=abc');
    restoreLastView((id) => id === 'inventory');
    expect(window.location.hash).toBe('#inventory/camera/cam%201');
    expect(window.location.search).toBe('?token=abc');
    // An address with a view wins; an unknown stored view is ignored.
    window.history.replaceState(null, '', '/#alerts');
    restoreLastView(() => true);
    expect(window.location.hash).toBe('#alerts');
    window.history.replaceState(null, '', '/');
    restoreLastView(() => false);
    expect(window.location.hash).toBe('');
    localStorage.setItem(`${keptPrefix}last`, '{"state":{"hash":"javascript:alert(1)"},"version":1}');
    restoreLastView(() => true);
    expect(window.location.hash).toBe('');
  });
});

describe('keptShape readers', () => {
  it('read objects field by field and refuse what is required and missing', () => {
    const r = readObject<{ a: string; b?: number; c?: 'x' | 'y' }>({ a: readString, b: readNumber, c: readOneOf(['x', 'y'] as const) }, ['a']);
    expect(r({ a: 'k', b: Number.NaN, c: 'x', extra: 1 })).toEqual({ a: 'k', c: 'x' });
    expect(r({ b: 1 })).toBeUndefined();
    expect(r([])).toBeUndefined();
    expect(readString('x'.repeat(2001))).toBeUndefined();
  });
});
