// npm run bench core [--customers 100000,1000000]
// grade() end to end and the CLV fit alone on synthetic customers; the reference row is a native
// Float64Array sort of the same number of values, measured in the same run, to show how busy the machine is.
// grade() is timed on its first call (after the smaller sizes and the fit ran) and on WARM_RUNS more, whose
// median judges the goal. CPU seconds (user + system of the whole process, so GC threads included) sit
// beside the wall times: on a shared machine the wall time mostly measures the wait for a core, the CPU
// time what the code costs.
import { clvInputFromMatrix, DEFAULT_MODEL, fitClv, grade } from '@stratum/core';
import { syntheticFeatures } from '../../packages/core/src/grade/syntheticFeatures.js';
import { measure, printTable, type Row } from '../lib/report.js';

export default async function benchCore(args: string[]): Promise<void> {
  const sizesArg = args[args.indexOf('--customers') + 1];
  const sizes =
    args.includes('--customers') && sizesArg ? sizesArg.split(',').map(Number) : [100_000, 1_000_000];
  const rows: Row[] = [];
  for (const n of sizes) {
    const features = syntheticFeatures(n, 1);
    const values = Float64Array.from(features.columns.revenue!);
    const reference = await measure(() => values.sort());
    const fit = await measure(() => withCpu(() => fitClv(clvInputFromMatrix(features), DEFAULT_MODEL.clv)));
    // The first call pays for V8's optimisation of every model's code; a server grades repeatedly (runs,
    // what-if previews), so the goal is judged on warm calls: the median of WARM_RUNS after the first.
    const first = await measure(() => {
      grade(DEFAULT_MODEL, features);
    });
    const warm: Timing[] = [];
    for (let r = 0; r < WARM_RUNS; r++) warm.push(await timeGrade(features));
    warm.sort((x, y) => x.seconds - y.seconds);
    const whole = warm[Math.floor(WARM_RUNS / 2)]!;
    rows.push({
      customers: n,
      'first grade() s': round(first.seconds),
      'grade() s (median warm)': round(whole.seconds),
      'warm min–max s': `${round(warm[0]!.seconds)}–${round(warm[WARM_RUNS - 1]!.seconds)}`,
      'grade() CPU s': round(whole.cpuSeconds),
      'CLV fit s': round(fit.seconds),
      'fit CPU s': round(fit.value.cpuSeconds),
      'fit status': fit.value.value.diagnostics.status,
      'peak RSS MiB': Math.round(Math.max(first.peakRssMb, ...warm.map((w) => w.peakRssMb))),
      'reference: sort n doubles s': round(reference.seconds),
      'goal grade ≤ 2 s @1M, fit ≤ 1 s':
        n >= 1_000_000 ? (whole.seconds <= 2 && fit.seconds <= 1 ? 'met' : 'not met') : '',
    });
  }
  printTable('core grade() benchmark', rows);
}

const WARM_RUNS = 3;

interface Timing {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** One grade() call's times, without keeping its result (several results alive would skew peak memory). */
async function timeGrade(features: ReturnType<typeof syntheticFeatures>): Promise<Timing> {
  const run = await measure(() => withCpu(() => grade(DEFAULT_MODEL, features).ids.length));
  return { seconds: run.seconds, cpuSeconds: run.value.cpuSeconds, peakRssMb: run.peakRssMb };
}

/** `run()` and the process CPU time (user + system, all threads) it took, in seconds. */
function withCpu<T>(run: () => T): { value: T; cpuSeconds: number } {
  const before = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(before);
  return { value, cpuSeconds: (used.user + used.system) / 1e6 };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
