import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode, RefObject } from 'react';

/** Until the list has been laid out (or where nothing is laid out, as in tests) assume a screenful. */
const fallbackRect = { width: 1000, height: 700 };

/**
 * Rows as tall as their text (wrapped, never cut), only those on screen rendered: each rendered
 * row is measured (`ref={rows.measureElement}` and `data-index` on it) and `estimate` stands in for
 * the others until they are.
 */
export function useMeasuredRows(count: number, scrollRef: RefObject<HTMLElement | null>, estimate: number) {
  return useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    overscan: 12,
    initialRect: fallbackRect,
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : fallbackRect)),
    // Where nothing is laid out (component tests) a row measures 0: keep the estimate.
    measureElement: (el) => el.getBoundingClientRect().height || estimate,
  });
}

/** The rows of a measured list (useMeasuredRows) that are on screen, each placed and measured where the list says. */
export function MeasuredRows<R>({ rows, virtual, children }: { rows: readonly R[]; virtual: ReturnType<typeof useMeasuredRows>; children(row: R): ReactNode }) {
  return (
    <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
      {virtual.getVirtualItems().map((item) => (
        <div key={item.key} data-index={item.index} ref={virtual.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
          {children(rows[item.index]!)}
        </div>
      ))}
    </div>
  );
}

/** A group's heading row in such a list: "Caspar City Plaza (3 open of 5)". */
export function GroupHeading({ label, count }: { label: string; count: string }) {
  return (
    <div className="it-group" role="row">
      <span role="cell">
        {label} <span className="muted">({count})</span>
      </span>
    </div>
  );
}
