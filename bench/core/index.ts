// npm run bench core [--customers 100000,1000000]
// grade() end to end and the CLV fit alone on synthetic customers; the reference row is a native
// Float64Array sort of the same number of values, measured in the same run, to show how busy the machine is.
// CPU seconds (user + system of the whole process, so GC threads included) sit beside the wall times:
// on a shared machine the wall time mostly measures the wait for a core, the CPU time what the code costs.
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
    // Second grade() run is the steady-state figure (the first also pays for JIT warm-up).
    await measure(() => grade(DEFAULT_MODEL, features));
    const whole = await measure(() => withCpu(() => grade(DEFAULT_MODEL, features)));
    rows.push({
      customers: n,
      'grade() s': round(whole.seconds),
      'grade() CPU s': round(whole.value.cpuSeconds),
      'CLV fit s': round(fit.seconds),
      'fit CPU s': round(fit.value.cpuSeconds),
      'fit status': fit.value.value.diagnostics.status,
      'peak RSS MiB': Math.round(whole.peakRssMb),
      'reference: sort n doubles s': round(reference.seconds),
      'goal grade ≤ 2 s @1M, fit ≤ 1 s':
        n >= 1_000_000 ? (whole.seconds <= 2 && fit.seconds <= 1 ? 'met' : 'not met') : '',
    });
  }
  printTable('core grade() benchmark', rows);
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
