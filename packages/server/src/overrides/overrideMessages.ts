import type { Label } from '@stratum/core';
import type { OverrideRecord } from './overrideStore.js';

/** The zh/en title and body of each override notification (stored as written; the UI picks the language). */
export interface Message {
  title: Label;
  body: Label;
}

function subject(o: OverrideRecord): Label {
  return {
    zh: `${o.customerName}（${o.customerExternalId}）`,
    en: `${o.customerName} (${o.customerExternalId})`,
  };
}

function tierName(o: OverrideRecord): Label {
  return o.tierLabel
    ? { zh: `${o.tierLabel.zh}（${o.tier}）`, en: `${o.tierLabel.en} (${o.tier})` }
    : { zh: o.tier, en: o.tier };
}

export function requestedMessage(o: OverrideRecord): Message {
  const who = o.requestedByName ?? '系统';
  const whoEn = o.requestedByName ?? 'The system';
  const c = subject(o);
  const t = tierName(o);
  return {
    title: { zh: `待审批的人工调整：${o.customerName}`, en: `Override to approve: ${o.customerName}` },
    body: {
      zh: `${who} 申请将客户 ${c.zh} 的等级调整为 ${t.zh}，有效期至 ${o.expiresOn}。理由：${o.reason}`,
      en: `${whoEn} requests tier ${t.en} for ${c.en} until ${o.expiresOn}. Reason: ${o.reason}`,
    },
  };
}

export type Decision = 'approved' | 'rejected' | 'withdrawn';

const DECISION: Record<Decision, Label> = {
  approved: { zh: '已批准', en: 'approved' },
  rejected: { zh: '已驳回', en: 'rejected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

export function decidedMessage(
  o: OverrideRecord,
  decision: Decision,
  byName: string | null,
  note: string | null,
): Message {
  const c = subject(o);
  const t = tierName(o);
  const d = DECISION[decision];
  const by = { zh: byName ?? '系统', en: byName ?? 'the system' };
  const effect: Label =
    decision === 'approved'
      ? {
          zh: `自即日起至 ${o.expiresOn}，该客户等级为 ${t.zh}，每次分级批次都会保留。`,
          en: `From now until ${o.expiresOn} the customer's tier is ${t.en}, kept by every grading run.`,
        }
      : { zh: '客户等级仍按模型计算。', en: 'The computed tier applies.' };
  return {
    title: {
      zh: `人工调整${d.zh}：${o.customerName}`,
      en: `Override ${d.en}: ${o.customerName}`,
    },
    body: {
      zh: `${by.zh} ${d.zh}客户 ${c.zh} 调整为 ${t.zh} 的申请。${effect.zh}${note ? `备注：${note}` : ''}`,
      en: `${by.en} ${d.en} the override of ${c.en} to ${t.en}. ${effect.en}${note ? ` Note: ${note}` : ''}`,
    },
  };
}

export function expiredMessage(o: OverrideRecord, wasPending: boolean): Message {
  const c = subject(o);
  const t = tierName(o);
  if (wasPending) {
    return {
      title: {
        zh: `人工调整申请已失效：${o.customerName}`,
        en: `Override request lapsed: ${o.customerName}`,
      },
      body: {
        zh: `将客户 ${c.zh} 调整为 ${t.zh} 的申请在 ${o.expiresOn} 前未获审批，已失效。如仍需要，请重新申请。`,
        en: `The request to set ${c.en} to ${t.en} was not decided before ${o.expiresOn} and has lapsed. Request again if still needed.`,
      },
    };
  }
  return {
    title: { zh: `人工调整已到期：${o.customerName}`, en: `Override expired: ${o.customerName}` },
    body: {
      zh: `客户 ${c.zh} 的人工调整（${t.zh}）已于 ${o.expiresOn} 到期，恢复按模型计算的等级。`,
      en: `The override of ${c.en} (${t.en}) ended on ${o.expiresOn}; the computed tier applies again.`,
    },
  };
}
