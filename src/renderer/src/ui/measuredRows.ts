import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

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
