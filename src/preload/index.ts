import { contextBridge, ipcRenderer } from 'electron';
import { callNames } from '../shared/contract/calls';
import { eventNames } from '../shared/contract/events';
import { callChannel, eventChannel } from '../shared/contract/ipcChannels';
import type { DesktopBridge } from './api';

// One method per call of the contract, and a subscription per event; never ipcRenderer itself.
const calls = Object.fromEntries(
  callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(callChannel(name), input)]),
) as DesktopBridge['calls'];

const bridge: DesktopBridge = {
  calls,
  subscribe(name, listener) {
    if (!eventNames.includes(name)) return () => undefined;
    const handler = (_event: unknown, payload: unknown) => listener(payload as never);
    ipcRenderer.on(eventChannel(name), handler);
    return () => void ipcRenderer.removeListener(eventChannel(name), handler);
  },
};

contextBridge.exposeInMainWorld('roc', bridge);
