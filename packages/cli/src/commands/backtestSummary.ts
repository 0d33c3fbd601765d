import type { BacktestReport } from '@stratum/server';

type Locale = 'zh' | 'en';

/** The report as a few readable lines, in Chinese or English (the labels are stored in both). */
export function formatBacktestSummary(id: number, report: BacktestReport, locale: Locale): string[] {
  const zh = locale === 'zh';
  const t = (chinese: string, english: string) => (zh ? chinese : english);
  const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const money = (value: number) =>
    value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
  const num = (value: number | null, digits = 3) => (value === null ? '—' : value.toFixed(digits));
  const label = (l: { zh: string; en: string }) => l[locale];
  const { population: p, churn, purchases, revenue } = report;
  const lines: string[] = [];

  lines.push(
    t(
      `回测 ${id}：模型 ${report.model.key} v${report.model.version}，按 ${report.asOf} 分级，对照之后 ${report.horizonDays} 天（至 ${report.horizonEnd}）`,
      `Backtest ${id}: model ${report.model.key} v${report.model.version}, graded as of ${report.asOf}, compared with the next ${report.horizonDays} days (to ${report.horizonEnd})`,
    ),
  );
  lines.push(
    t(
      `  分级客户 ${n(p.customers)}（截至日前有购买 ${n(p.purchasedBefore)}）；期间购买客户 ${n(p.purchasersInHorizon)}，购买天数 ${n(p.purchasesInHorizon)}，净收入 ${money(p.revenueInHorizon)}`,
      `  Customers graded ${n(p.customers)} (${n(p.purchasedBefore)} had bought before); in the horizon ${n(p.purchasersInHorizon)} bought, ${n(p.purchasesInHorizon)} purchase days, net revenue ${money(p.revenueInHorizon)}`,
    ),
  );

  lines.push(
    t(
      `  ${label(churn.title)}：AUC ${num(churn.auc)}（P(alive) AUC ${num(churn.pAliveAuc)}），${n(churn.customers)} 个客户中 ${n(churn.churned)} 个未再购买（${pct(churn.baseRate)}）`,
      `  ${label(churn.title)}: AUC ${num(churn.auc)} (P(alive) AUC ${num(churn.pAliveAuc)}); ${n(churn.churned)} of ${n(churn.customers)} customers bought nothing (${pct(churn.baseRate)})`,
    ),
  );
  for (const level of churn.levels) {
    lines.push(
      t(
        `    ${label(level.label)}：预警 ${n(level.flagged)}，命中 ${n(level.truePositives)}，精确率 ${pct(level.precision)}，召回率 ${pct(level.recall)}`,
        `    ${label(level.label)}: flagged ${n(level.flagged)}, correct ${n(level.truePositives)}, precision ${pct(level.precision)}, recall ${pct(level.recall)}`,
      ),
    );
  }
  lines.push(
    `    ${t('按风险等级', 'By risk level')}: ` +
      churn.byLevel
        .map((row) =>
          t(
            `${label(row.label)} ${n(row.customers)} 户，流失 ${pct(row.churnRate)}`,
            `${label(row.label)} ${n(row.customers)}, ${pct(row.churnRate)} churned`,
          ),
        )
        .join(t('；', '; ')),
  );

  if (purchases.status === 'ok') {
    lines.push(
      t(
        `  ${label(purchases.title)}：预期 ${purchases.expectedTotal.toFixed(1)}，实际 ${n(purchases.actualTotal)}；每客户平均绝对误差 ${num(purchases.meanAbsoluteError)}（${n(purchases.customers)} 个客户）`,
        `  ${label(purchases.title)}: expected ${purchases.expectedTotal.toFixed(1)}, actual ${n(purchases.actualTotal)}; mean absolute error ${num(purchases.meanAbsoluteError)} per customer (${n(purchases.customers)} customers)`,
      ),
    );
  } else {
    lines.push(
      t(
        `  ${label(purchases.title)}：未拟合（${purchases.reasons.join(', ')}）`,
        `  ${label(purchases.title)}: not fitted (${purchases.reasons.join(', ')})`,
      ),
    );
  }

  lines.push(
    t(
      `  ${label(revenue.title)}（期间净收入 ${money(revenue.total)}；括号内为截至日前的占比）：`,
      `  ${label(revenue.title)} (net revenue in the horizon ${money(revenue.total)}; before the date in brackets):`,
    ),
  );
  const groupLine = (group: BacktestReport['revenue']['tiers'][number]) =>
    `    ${group.key.padEnd(3)} ${padDisplay(label(group.label), 28)} ${n(group.customers).padStart(9)} ${pct(group.share).padStart(8)} (${pct(group.shareBefore)})`;
  for (const group of revenue.tiers) lines.push(groupLine(group));
  lines.push(t('  ABC 分类：', '  ABC classes:'));
  for (const group of revenue.abc) lines.push(groupLine(group));
  for (const note of report.notes) lines.push(`  * ${label(note)}`);
  return lines;
}

/** Pads to a terminal width: CJK characters take two columns. */
function padDisplay(text: string, width: number): string {
  let columns = 0;
  for (const char of text)
    columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(char) ? 2 : 1;
  return text + ' '.repeat(Math.max(0, width - columns));
}
