import { create } from 'zustand';
import type { ConnectionInput } from '../../../../shared/connections/contract';
import type { ConnectionView } from '../../../../shared/connections/types';
import type { ContractError } from '../../../../shared/contract/errors';
import { api } from '../../api/client';

export type TestState = { status: 'running' } | { status: 'ok'; message: string } | { status: 'failed'; error: ContractError };

interface ConnectionsState {
  connections: ConnectionView[];
  loaded: boolean;
  loadError: ContractError | null;
  tests: Record<string, TestState>;
  load(): Promise<void>;
  save(input: ConnectionInput): Promise<ContractError | null>;
  remove(id: string): Promise<ContractError | null>;
  test(id: string): Promise<void>;
  startDemo(): Promise<ContractError | null>;
  stopDemo(): Promise<ContractError | null>;
}

export const useConnections = create<ConnectionsState>((set) => ({
  connections: [],
  loaded: false,
  loadError: null,
  tests: {},

  async load() {
    const result = await api.call('connections.list', {});
    if (result.ok) set({ connections: result.value, loaded: true, loadError: null });
    else set({ loaded: true, loadError: result.error });
  },

  async save(input) {
    const result = await api.call('connections.save', input);
    if (!result.ok) return result.error;
    set((s) => ({ connections: upsert(s.connections, result.value), tests: omit(s.tests, result.value.id) }));
    return null;
  },

  async remove(id) {
    const result = await api.call('connections.remove', { id });
    if (!result.ok) return result.error;
    set((s) => ({ connections: s.connections.filter((c) => c.id !== id), tests: omit(s.tests, id) }));
    return null;
  },

  async test(id) {
    set((s) => ({ tests: { ...s.tests, [id]: { status: 'running' } } }));
    const result = await api.call('connections.test', { id });
    const state: TestState = result.ok
      ? { status: 'ok', message: `${result.value.summary} (${result.value.latencyMs} ms)` }
      : { status: 'failed', error: result.error };
    set((s) => ({ tests: { ...s.tests, [id]: state } }));
  },

  async startDemo() {
    const result = await api.call('demo.start', {});
    if (!result.ok) return result.error;
    set((s) => ({ connections: result.value.connections.reduce(upsert, s.connections) }));
    return null;
  },

  async stopDemo() {
    const result = await api.call('demo.stop', {});
    if (!result.ok) return result.error;
    set((s) => ({ connections: s.connections.filter((c) => !c.isDemo) }));
    return null;
  },
}));

/** Keeps the list in step with changes made elsewhere (another window, the Demo workspace). */
export function followConnectionChanges(): () => void {
  return api.subscribe('connections.changed', ({ connections }) => useConnections.setState({ connections, loaded: true }));
}

function upsert(list: ConnectionView[], item: ConnectionView): ConnectionView[] {
  const i = list.findIndex((c) => c.id === item.id);
  return i === -1 ? [...list, item] : list.map((c) => (c.id === item.id ? item : c));
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}
