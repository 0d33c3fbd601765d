/**
 * Fit and prediction timings on synthetic data (not a test; core code never reads a clock, this script
 * does). Run from the repository root:
 *
 *   npx tsx packages/core/src/clv/fit-timing.ts [customers …]     (default: 100000 1000000)
 *
 * For each size: generates BG/NBD + Gamma-Gamma transactions (days, first purchases spread over three
 * years), summarises them, then times fitClv (BG/NBD + Gamma-Gamma, and BG/NBD alone) and predictClv
 * several times and prints wall and CPU times (the machine may be shared), and the process's peak
 * resident memory.
 */
import { fitBgNbd } from './bgnbdFit.js';
import { validPurchaseRows } from './bgnbdGroups.js';
import { fitClv } from './fitClv.js';
import { predictClv } from './predictClv.js';
import { summarisePurchases } from './summarisePurchases.js';
import { generateClvData } from './syntheticClv.js';

const REPEATS = 5;
const AS_OF = 20_000;

/**
 * Wall time (min and median of the runs) and process CPU time (min): on a shared machine the wall time
 * includes waiting for a core, while CPU time (user + system, all threads incl. GC) stays close to
 * what the code costs on an idle one.
 */
function time<T>(label: string, run: () => T, repeats = REPEATS): T {
  const wall: number[] = [];
  const cpu: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    result = run();
    const used = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  const median = wall[Math.floor(wall.length / 2)] ?? Number.NaN;
  console.log(
    `  ${label.padEnd(34)} wall min ${wall[0]?.toFixed(0)} ms, median ${median.toFixed(0)} ms; ` +
      `cpu min ${Math.min(...cpu).toFixed(0)} ms (${repeats} runs)`,
  );
  return result as T;
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
for (const customers of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
  console.log(`${customers.toLocaleString('en')} customers`);
  const data = time(
    'generate transactions',
    () =>
      generateClvData({
        customers,
        seed: 1,
        bgnbd: { r: 0.25, alpha: 30, a: 0.8, b: 2.5 }, // α per day
        spend: { p: 6, q: 4, gamma: 15 },
        firstPurchaseSpanDays: 3 * 365,
        asOfDay: AS_OF,
      }),
    1,
  );
  console.log(`  ${data.day.length.toLocaleString('en')} transactions`);
  const summary = time('summarisePurchases', () => summarisePurchases(data, customers, AS_OF), 3);
  const input = { ...summary, lifetimeRevenue: data.lifetimeRevenue };
  const rows = validPurchaseRows(summary.x, summary.tx, summary.T).rows;
  const bgnbd = time('fitBgNbd (weeks)', () =>
    fitBgNbd(summary.x, summary.tx, summary.T, rows, { timeUnit: 7 }),
  );
  console.log(
    `    ${bgnbd.groups.toLocaleString('en')} likelihood entries; warm start ${bgnbd.warmStartIterations} it., ` +
      `full ${bgnbd.iterations} it. / ${bgnbd.evaluations} evaluations, converged ${bgnbd.converged}`,
  );
  const fit = time('fitClv (BG/NBD + Gamma-Gamma)', () => fitClv(input));
  console.log(
    `    status ${fit.diagnostics.status} ${JSON.stringify(fit.bgnbd)} ${JSON.stringify(fit.gammaGamma)}`,
  );
  time('predictClv (12 months + 90 days)', () => predictClv(fit, input), 3);
  const usage = process.memoryUsage();
  console.log(
    `  memory now: rss ${mb(usage.rss)}, heap ${mb(usage.heapUsed)}, typed arrays ${mb(usage.arrayBuffers)}; ` +
      `peak rss so far ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
}
