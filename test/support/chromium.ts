/**
 * How every test, bench and script starts Debian's Chromium: the e2e suite (playwright.config.ts),
 * the screenshot scripts and the benches that render a view. ROC_CHROMIUM names another binary.
 */
export const chromiumPath = process.env.ROC_CHROMIUM || '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export const chromiumLaunchOptions = { executablePath: chromiumPath, args: chromiumArgs };
