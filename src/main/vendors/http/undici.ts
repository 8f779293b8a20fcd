import type * as Undici from 'undici';

/**
 * undici, loaded at the first vendor request rather than with every file that may send one: it was
 * about 70 ms of the core process's start and of the read worker's, neither of which needs it to
 * answer its first calls. Node keeps the module once loaded.
 */
export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module loaded when first needed (see above)
  return require('undici') as typeof Undici;
}
