import { z } from 'zod';
import type { ConnectionView } from '../connections/types';
import { call } from '../contract/define';

export interface DemoStatus {
  running: boolean;
  connections: ConnectionView[];
}

export const demoCalls = {
  'demo.start': call<DemoStatus>()(z.object({}).strict(), 'Starts the Demo workspace: the vendor simulator on a random loopback port and a connection to each of its three vendors, all labelled as demo data.'),
  'demo.stop': call<{ removed: number }>()(z.object({}).strict(), 'Leaves the Demo workspace: removes its connections and their cached data and stops the simulator.'),
} as const;
