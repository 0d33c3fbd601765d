// `npm run bench <name> [args…]` runs bench/<name>/index.ts, whose default export prints its own table.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2);
const available = fs
  .readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(here, entry.name, 'index.ts')))
  .map((entry) => entry.name);

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench <${available.join('|')}> [args…]`);
  process.exit(2);
}
const module = (await import(pathToFileURL(path.join(here, name, 'index.ts')).href)) as {
  default: (args: string[]) => Promise<void>;
};
await module.default(args);
