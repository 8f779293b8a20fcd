// A .tsx file so only the DOM program (tsconfig.test-dom.json) typechecks it, never the Node one.
import { configure } from '@testing-library/react';

// The component tests drive a real core: since issue 17 its heavy reads (the store tree, tables,
// reports) run on read worker threads that start and open the cache first, which takes more than
// Testing Library's default 1 s on a loaded machine. findBy/waitFor wait up to 20 s instead; a view
// that never answers still fails, with its last DOM printed.
configure({ asyncUtilTimeout: 20_000 });
