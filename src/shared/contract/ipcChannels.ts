/** IPC channel names, derived from the contract's call and event names. */
export const callChannel = (name: string) => `roc:call:${name}`;
export const eventChannel = (name: string) => `roc:event:${name}`;
