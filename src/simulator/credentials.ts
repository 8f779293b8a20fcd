// Demo credentials of the simulator. They open nothing but the local simulator and are printed by
// `npm run sim` on purpose; they are plain constants so anyone can see they are not secrets.

export const demoCredentials = {
  retailnext: {
    subscription: 'demo',
    accessKey: 'DEMO-ACCESS-KEY',
    secretKey: 'demo-secret-key',
  },
  flow: {
    apiKey: 'demo-flow-api-key',
    /** filled from the estate when the simulator starts */
    storeCodes: [] as string[],
    language: 'en',
  },
  exteros: {
    apiKey: 'demo-exteros-api-key',
  },
};

export type DemoCredentials = typeof demoCredentials;
