/** IPC channel names, derived from the contract's call and event names. */
export const callChannel = (name: string) => `roc:call:${name}`;
export const eventChannel = (name: string) => `roc:event:${name}`;
/** The main process hands a window its MessagePort to the core on this channel (the window asks on it). */
export const corePortChannel = 'roc:core-port';
