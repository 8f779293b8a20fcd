import type { ConnectionView } from '../../../src/shared/connections/types';

const stamp = '2026-01-01T00:00:00.000Z';

export function retailNextConnection(baseUrl: string | null, over: Partial<{ id: string; subscription: string; accessKey: string }> = {}): ConnectionView {
  return {
    id: over.id ?? 'rn1',
    name: 'RetailNext test',
    vendor: 'retailnext',
    settings: { subscription: over.subscription ?? 'acme', accessKey: over.accessKey ?? 'AK' },
    baseUrl,
    secretSet: true,
    isDemo: false,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

export function flowConnection(baseUrl: string | null, storeCodes: string[] = ['101'], id = 'fl1'): ConnectionView {
  return { id, name: 'Flow test', vendor: 'flow', settings: { storeCodes, language: 'en' }, baseUrl, secretSet: true, isDemo: false, createdAt: stamp, updatedAt: stamp };
}

export function exterosConnection(baseUrl: string | null, id = 'ex1'): ConnectionView {
  return { id, name: 'Exteros test', vendor: 'exteros', settings: {}, baseUrl, secretSet: true, isDemo: false, createdAt: stamp, updatedAt: stamp };
}
