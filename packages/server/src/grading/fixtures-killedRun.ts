// Child process for the kill -9 test: runs a grading run and freezes (without yielding to the event loop)
// as soon as it starts writing grades, after printing WRITING, so the parent can kill it mid-write.
import { openDatabase } from '@stratum/db';
import { executeRun } from './executeRun.js';

const [url, runId] = process.argv.slice(2);
const database = await openDatabase({ url, migrate: false });
let frozen = false;
await executeRun(
  {
    database,
    timezone: 'UTC',
    onProgress: (phase, progress) => {
      if (phase === 'write' && progress > 0.6 && !frozen) {
        frozen = true;
        process.stdout.write('WRITING\n', () => {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
        });
      }
    },
  },
  Number(runId),
);
