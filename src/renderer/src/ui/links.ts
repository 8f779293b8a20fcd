import { useEffect, useState } from 'react';
import type { DeviceKind } from '../../../shared/inventory/device';

// Views open each other by address (#view/argument), so no feature imports another to navigate.

/** The Inventory view with one device's detail open. */
export const deviceLink = (kind: DeviceKind, id: string): string => `#inventory/${kind}/${encodeURIComponent(id)}`;

/** The Alerts view on one alert. */
export const alertLink = (uuid: string): string => `#alerts/${encodeURIComponent(uuid)}`;

/** The Audit view with one finding's detail open. */
export const findingLink = (id: string): string => `#audit/${encodeURIComponent(id)}`;

/** What follows `#view/` in the address (decoded), or null; follows the address as it changes. */
export function useHashArgument(view: string): string | null {
  const read = (): string | null => {
    const prefix = `#${view}/`;
    const hash = window.location.hash;
    if (!hash.startsWith(prefix)) return null;
    try {
      return decodeURIComponent(hash.slice(prefix.length));
    } catch {
      return null;
    }
  };
  const [arg, setArg] = useState(read);
  useEffect(() => {
    const on = () => setArg(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, [view]);
  return arg;
}
