import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

/** Until the list has been laid out (or where nothing is laid out, as in tests) assume a screenful. */
const fallbackRect = { width: 1000, height: 700 };

/** Fixed-height rows, only those on screen rendered: 40,000 rows cost as much as 30. */
export function useVirtualRows(count: number, scrollRef: RefObject<HTMLElement | null>, rowHeight: number) {
  return useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    initialRect: fallbackRect,
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : fallbackRect)),
  });
}
