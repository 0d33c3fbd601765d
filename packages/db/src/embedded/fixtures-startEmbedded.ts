// Child-process helper for embeddedServer tests: starts the server on argv[2], prints a JSON line with
// what it got, then waits: "hold" = until killed, "stop" = stop immediately and exit.
import { startEmbeddedServer } from './embeddedServer.js';

const [dataDir, mode] = process.argv.slice(2);
const server = await startEmbeddedServer({ dataDir: dataDir ?? '' });
console.log(JSON.stringify({ port: server.port, owner: server.owner, pid: process.pid }));
if (mode === 'stop') {
  await server.stop();
} else {
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
  setInterval(() => undefined, 1000);
}
