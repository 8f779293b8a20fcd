// Child process for crash.test.ts: writes batches of rows forever, each batch in one transaction,
// until it is killed with SIGKILL. Prints "ready" once the first batch is committed.
import { openDatabase } from '../../src/main/db/open';

const [file, batchSizeArg] = process.argv.slice(2);
const batchSize = Number(batchSizeArg);
const db = openDatabase({ file: file! });
db.exec('CREATE TABLE IF NOT EXISTS crash_rows (batch INTEGER NOT NULL, n INTEGER NOT NULL, payload TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO crash_rows (batch, n, payload) VALUES (?, ?, ?)');
const writeBatch = db.transaction((batch: number) => {
  for (let n = 0; n < batchSize; n++) insert.run(batch, n, 'x'.repeat(200));
});
let batch = 0;
for (;;) {
  writeBatch(batch++);
  if (batch === 1) process.stdout.write('ready\n');
}
