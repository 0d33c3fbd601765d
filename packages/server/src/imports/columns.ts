import type { ImportEntity } from '@stratum/db';

/**
 * The import file contract (DESIGN §9): per entity, its columns with the English and Chinese header,
 * whether it is required, and how a cell is read. Exports write the same columns, so an export
 * re-imports unchanged. Extension beyond DESIGN §9: interactions, surveys and referrals accept an
 * optional external_id (记录编号); without it the id is derived from the row's natural key (see
 * entities/naturalId.ts). Exports write it, so records created in the app round-trip too.
 */
export type EnumValues = Readonly<Record<string, readonly string[]>>;

export type ColumnKind =
  | { readonly type: 'id' }
  | { readonly type: 'text'; readonly max: number }
  | { readonly type: 'email' }
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'money' }
  | { readonly type: 'currency' }
  | { readonly type: 'timestamp' }
  | { readonly type: 'enum'; readonly values: EnumValues }
  | { readonly type: 'boolean' }
  | { readonly type: 'tags' };

export interface ImportColumn {
  /** English header, also the staging column's name. */
  readonly key: string;
  readonly zh: string;
  /** Other headers accepted for this column (already in any case/width/spacing). */
  readonly aliases?: readonly string[];
  readonly required: boolean;
  readonly kind: ColumnKind;
}

const ID = { type: 'id' } as const;
const NAME = { type: 'text', max: 500 } as const;
const NOTE = { type: 'text', max: 20_000 } as const;
const TIME = { type: 'timestamp' } as const;
const MONEY = { type: 'money' } as const;
const EMAIL = { type: 'email' } as const;

/** Canonical value → accepted spellings (matched after case, width, space and underscore folding). */
export const MARKET_POSITION_VALUES: EnumValues = {
  leader: ['leader', '龙头', '龙头企业', '行业龙头'],
  major: ['major', '重要', '重要企业'],
  sme: ['sme', '中小企业', '中小', '中小型企业'],
};
export const CUSTOMER_STATUS_VALUES: EnumValues = {
  prospect: ['prospect', '潜在', '潜在客户'],
  active: ['active', '活跃', '合作中', '正常'],
  churned: ['churned', '流失', '已流失'],
};
export const CONTACT_ROLE_VALUES: EnumValues = {
  decision_maker: ['decision_maker', '决策者'],
  influencer: ['influencer', '影响者'],
  user: ['user', '使用者', '用户'],
  champion: ['champion', '支持者'],
  blocker: ['blocker', '反对者'],
};
export const INTERACTION_KIND_VALUES: EnumValues = {
  visit: ['visit', '拜访', '上门拜访', '回访'],
  call: ['call', '电话', '通话'],
  email: ['email', '邮件', '电子邮件'],
  meeting: ['meeting', '会议'],
  event: ['event', '活动'],
  other: ['other', '其他'],
};
export const SURVEY_KIND_VALUES: EnumValues = {
  csat: ['csat', '满意度'],
  nps: ['nps', '净推荐值'],
};
export const SEVERITY_VALUES: EnumValues = {
  low: ['low', '低'],
  medium: ['medium', '中', '一般'],
  high: ['high', '高', '严重'],
  critical: ['critical', '紧急', '危急'],
};
export const COMPLAINT_STATUS_VALUES: EnumValues = {
  open: ['open', '待处理', '未处理'],
  in_progress: ['in_progress', '处理中'],
  resolved: ['resolved', '已解决'],
  closed: ['closed', '已关闭', '关闭'],
};

const col = (
  key: string,
  zh: string,
  kind: ColumnKind,
  required = false,
  aliases?: string[],
): ImportColumn => ({
  key,
  zh,
  kind,
  required,
  ...(aliases ? { aliases } : {}),
});

export const IMPORT_COLUMNS: Readonly<Record<ImportEntity, readonly ImportColumn[]>> = {
  customers: [
    col('external_id', '客户编号', ID, true),
    col('name', '客户名称', NAME, true),
    col('industry', '行业', NAME),
    col('region', '地区', NAME),
    col('employees', '员工数', { type: 'integer', min: 0, max: 2_147_483_647 }),
    col('company_revenue', '企业营收', MONEY),
    col('market_position', '行业地位', { type: 'enum', values: MARKET_POSITION_VALUES }),
    col('parent_external_id', '上级客户编号', ID),
    col('owner_email', '客户经理邮箱', EMAIL),
    col('status', '状态', { type: 'enum', values: CUSTOMER_STATUS_VALUES }),
    col('created_at', '创建日期', TIME),
    col('tags', '标签', { type: 'tags' }),
  ],
  orders: [
    col('external_id', '订单编号', ID, true),
    col('customer_external_id', '客户编号', ID, true),
    col('ordered_at', '下单日期', TIME, true, ['下单时间']),
    col('amount', '金额', MONEY, true),
    col('margin', '毛利', MONEY),
    col('currency', '币种', { type: 'currency' }),
    col('category', '品类', NAME),
    col('channel', '渠道', NAME),
  ],
  contacts: [
    col('external_id', '联系人编号', ID, true),
    col('customer_external_id', '客户编号', ID, true),
    col('name', '姓名', NAME, true),
    col('title', '职位', NAME),
    col('role', '角色', { type: 'enum', values: CONTACT_ROLE_VALUES }),
    col('email', '邮箱', EMAIL, false, ['电子邮箱']),
    col('phone', '电话', { type: 'text', max: 100 }, false, ['手机']),
    col('reports_to_external_id', '汇报对象编号', ID),
    col('active', '在职', { type: 'boolean' }),
  ],
  interactions: [
    col('external_id', '记录编号', ID),
    col('customer_external_id', '客户编号', ID, true),
    col('kind', '类型', { type: 'enum', values: INTERACTION_KIND_VALUES }, true),
    col('occurred_at', '时间', TIME, true, ['发生时间']),
    col('user_email', '员工邮箱', EMAIL, false, ['用户邮箱']),
    col('contact_external_id', '联系人编号', ID),
    col('summary', '摘要', NOTE),
    col('outcome', '结果', NOTE),
  ],
  surveys: [
    col('external_id', '记录编号', ID),
    col('customer_external_id', '客户编号', ID, true),
    col('kind', '类型', { type: 'enum', values: SURVEY_KIND_VALUES }, true),
    col('score', '分数', { type: 'integer', min: 0, max: 10 }, true),
    col('answered_at', '日期', TIME, true, ['答复日期']),
    col('contact_external_id', '联系人编号', ID),
    col('comment', '评论', NOTE),
  ],
  complaints: [
    col('external_id', '投诉编号', ID, true),
    col('customer_external_id', '客户编号', ID, true),
    col('opened_at', '投诉日期', TIME, true, ['提出日期']),
    col('severity', '严重程度', { type: 'enum', values: SEVERITY_VALUES }),
    col('category', '类别', NAME),
    col('status', '状态', { type: 'enum', values: COMPLAINT_STATUS_VALUES }),
    col('resolved_at', '解决日期', TIME),
  ],
  referrals: [
    col('external_id', '记录编号', ID),
    col('referrer_external_id', '推荐客户编号', ID, true),
    col('referred_external_id', '被推荐客户编号', ID),
    col('referred_name', '被推荐客户名称', NAME),
    col('referred_at', '推荐日期', TIME, true),
  ],
};

/** Longest external id accepted (the API's rule too: app/schemas.ts externalIdSchema). */
export const ID_MAX_LENGTH = 100;
