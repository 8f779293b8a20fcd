// Store layout benches (issue 14): each part in its own module under bench/storeLayout/.
//   npm run bench -- store-layout
import { benchMatrix } from './storeLayout/matrix';

async function main(): Promise<void> {
  await benchMatrix();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
