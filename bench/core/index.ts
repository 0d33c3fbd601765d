// npm run bench core [--customers 100000,1000000]
// grade() end to end and the CLV fit alone on synthetic customers; the reference row is a native
// Float64Array sort of the same number of values, measured in the same run, to show how busy the machine is.
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
    const fit = await measure(() => fitClv(clvInputFromMatrix(features), DEFAULT_MODEL.clv));
    // Second grade() run is the steady-state figure (the first also pays for JIT warm-up).
    await measure(() => grade(DEFAULT_MODEL, features));
    const whole = await measure(() => grade(DEFAULT_MODEL, features));
    rows.push({
      customers: n,
      'grade() s': round(whole.seconds),
      'CLV fit s': round(fit.seconds),
      'fit status': fit.value.diagnostics.status,
      'peak RSS MiB': Math.round(whole.peakRssMb),
      'reference: sort n doubles s': round(reference.seconds),
      'goal grade ≤ 2 s @1M, fit ≤ 1 s':
        n >= 1_000_000 ? (whole.seconds <= 2 && fit.seconds <= 1 ? 'met' : 'not met') : '',
    });
  }
  printTable('core grade() benchmark', rows);
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
