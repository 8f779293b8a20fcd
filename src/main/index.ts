import { runDesktop } from './shell/electron/app';

runDesktop();
