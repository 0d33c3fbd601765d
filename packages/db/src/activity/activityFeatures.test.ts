import { dayFromIso } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_FEATURE_KEYS,
  accumulateActivity,
  allocateActivityColumns,
  windowBounds,
  type ActivityColumns,
  type ActivitySlices,
} from './activityFeatures.js';
import {
  CATEGORY_DAY,
  COMPLAINT,
  CONTACT_LEFT,
  INTERACTION,
  NEVER,
  ORDER_DAY,
  REFERRAL,
  SURVEY,
} from './activityLayout.js';

// Encoders mirroring the SQL in refreshActivity.ts, so a test reads like the data it describes.
interface OrderDay {
  day: string;
  net: number;
  margin?: number;
  orders?: number;
  returns?: number;
}

function encodeOrders(days: OrderDay[]): Buffer {
  const buffer = Buffer.alloc(days.length * ORDER_DAY.size);
  days.forEach((d, k) => {
    const p = k * ORDER_DAY.size;
    buffer.writeInt32BE(dayFromIso(d.day), p + ORDER_DAY.day);
    buffer.writeBigInt64BE(BigInt(Math.round(d.net * 100)), p + ORDER_DAY.net);
    buffer.writeBigInt64BE(BigInt(Math.round((d.margin ?? 0) * 100)), p + ORDER_DAY.margin);
    buffer.writeBigInt64BE(
      BigInt(d.margin === undefined ? 0 : Math.round(d.net * 100)),
      p + ORDER_DAY.marginBase,
    );
    buffer.writeInt16BE(d.orders ?? (d.net > 0 ? 1 : 0), p + ORDER_DAY.orders);
    buffer.writeInt16BE(d.returns ?? (d.net <= 0 ? 1 : 0), p + ORDER_DAY.returns);
  });
  return buffer;
}

function encode(size: number, records: number[][], widths: number[]): Buffer {
  const buffer = Buffer.alloc(records.length * size);
  records.forEach((fields, k) => {
    let p = k * size;
    fields.forEach((value, f) => {
      if (widths[f] === 4) buffer.writeInt32BE(value, p);
      else buffer.writeInt16BE(value, p);
      p += widths[f]!;
    });
  });
  return buffer;
}

interface Sections {
  orders?: Buffer;
  categories?: [string, number][];
  interactions?: [string, number][];
  surveys?: [string, 'csat' | 'nps', number][];
  complaints?: [string, number, string | null][];
  referrals?: string[];
  contactsLeft?: [string, number][];
}

function row(sections: Sections): ActivitySlices {
  const d = dayFromIso;
  const parts: (Buffer | undefined)[] = [
    sections.orders,
    sections.categories &&
      encode(
        CATEGORY_DAY.size,
        sections.categories.map(([day, c]) => [d(day), c]),
        [4, 4],
      ),
    sections.interactions &&
      encode(
        INTERACTION.size,
        sections.interactions.map(([day, k]) => [d(day), k]),
        [4, 2],
      ),
    sections.surveys &&
      encode(
        SURVEY.size,
        sections.surveys.map(([day, kind, score]) => [d(day), kind === 'nps' ? 1 : 0, score]),
        [4, 2, 2],
      ),
    sections.complaints &&
      encode(
        COMPLAINT.size,
        sections.complaints.map(([day, severity, closed]) => [d(day), severity, closed ? d(closed) : NEVER]),
        [4, 2, 4],
      ),
    sections.referrals &&
      encode(
        REFERRAL.size,
        sections.referrals.map((day) => [d(day)]),
        [4],
      ),
    sections.contactsLeft &&
      encode(
        CONTACT_LEFT.size,
        sections.contactsLeft.map(([day, r]) => [d(day), r]),
        [4, 2],
      ),
  ];
  const buffer = Buffer.concat(parts.filter((p): p is Buffer => p !== undefined));
  let offset = 0;
  const slice = (part: Buffer | undefined) => {
    if (!part) return { offset: -1, length: 0 };
    const s = { offset, length: part.length };
    offset += part.length;
    return s;
  };
  return {
    view: new DataView(buffer.buffer, buffer.byteOffset, buffer.length),
    orders: slice(parts[0]),
    categories: slice(parts[1]),
    interactions: slice(parts[2]),
    surveys: slice(parts[3]),
    complaints: slice(parts[4]),
    referrals: slice(parts[5]),
    contactsLeft: slice(parts[6]),
  };
}

const UNWRITTEN = -123456.789;

function features(
  sections: Sections,
  asOf: string,
  windowMonths = 12,
): { out: ActivityColumns; first: number } {
  const out = allocateActivityColumns(1);
  // Columns are not initialised (extraction reuses rows): every column must be written, whatever the row.
  for (const key of ACTIVITY_FEATURE_KEYS) out[key][0] = UNWRITTEN;
  const first = accumulateActivity(
    out,
    0,
    row(sections),
    windowBounds({ asOfDay: dayFromIso(asOf), windowMonths }),
  );
  expect(ACTIVITY_FEATURE_KEYS.filter((key) => out[key][0] === UNWRITTEN)).toEqual([]);
  return { out, first };
}

describe('point-in-time order features', () => {
  const orders = encodeOrders([
    { day: '2022-06-01', net: 500 }, // previous window
    { day: '2023-01-10', net: 1000, margin: 300 }, // window (2022-12-31 exclusive … 2023-12-31]
    { day: '2023-03-05', net: -200, margin: -60 }, // a return: revenue, not a purchase
    { day: '2023-12-31', net: 250.5, orders: 2 }, // the as-of day itself counts
    { day: '2024-01-01', net: 9999 }, // after the as-of date: invisible
  ]);
  const { out, first } = features({ orders }, '2023-12-31');

  it.each([
    ['revenue', 1050.5],
    ['revenue_prev', 500],
    ['order_count', 3],
    ['order_count_prev', 1],
    ['purchase_days', 2],
    ['avg_order_value', 1050.5 / 3],
    ['gross_margin', 240],
    ['margin_rate', 240 / 800],
    ['recency_days', 0],
    ['lifetime_revenue', 1550.5],
    ['clv_x', 2],
    ['clv_tx', dayFromIso('2023-12-31') - dayFromIso('2022-06-01')],
    ['clv_T', dayFromIso('2023-12-31') - dayFromIso('2022-06-01')],
    ['clv_mbar', (1000 + 250.5) / 2],
  ] as const)('%s', (key, expected) => {
    expect(out[key][0]).toBeCloseTo(expected, 9);
  });

  it('growth is relative to the previous window', () => {
    expect(out.revenue_growth[0]).toBeCloseTo((1050.5 - 500) / 500, 12);
  });

  it('reports the first activity day', () => {
    expect(first).toBe(dayFromIso('2022-06-01'));
  });

  it('the window starts the day after the same date a year earlier', () => {
    const edge = encodeOrders([
      { day: '2022-12-31', net: 100 },
      { day: '2023-01-01', net: 7 },
    ]);
    const { out: e } = features({ orders: edge }, '2023-12-31');
    expect(e.revenue[0]).toBe(7);
    expect(e.revenue_prev[0]).toBe(100);
  });

  it('a customer with no purchase up to the date has no recency, CLV inputs or growth', () => {
    const { out: none, first: never } = features(
      { orders: encodeOrders([{ day: '2025-01-01', net: 10 }]) },
      '2023-12-31',
    );
    expect(never).toBeNaN();
    expect(none.revenue[0]).toBe(0);
    for (const key of [
      'recency_days',
      'clv_x',
      'clv_mbar',
      'revenue_growth',
      'avg_order_value',
      'revenue_trend',
    ] as const) {
      expect(none[key][0]).toBeNaN();
    }
  });

  it('trend is positive for rising monthly revenue and negative for falling', () => {
    const months = Array.from({ length: 12 }, (_, m) => `2023-${String(m + 1).padStart(2, '0')}-15`);
    const rising = encodeOrders(months.map((day, m) => ({ day, net: 100 + 10 * m })));
    const falling = encodeOrders(months.map((day, m) => ({ day, net: 210 - 10 * m })));
    const flat = encodeOrders(months.map((day) => ({ day, net: 100 })));
    expect(features({ orders: rising }, '2023-12-31').out.revenue_trend[0]).toBeCloseTo(10 / 155, 9);
    expect(features({ orders: falling }, '2023-12-31').out.revenue_trend[0]).toBeCloseTo(-10 / 155, 9);
    expect(features({ orders: flat }, '2023-12-31').out.revenue_trend[0]).toBeCloseTo(0, 12);
  });
});

describe('point-in-time relationship features', () => {
  const sections: Sections = {
    categories: [
      ['2023-02-01', 11],
      ['2023-03-01', 12],
      ['2023-04-01', 11],
      ['2024-02-01', 13],
    ],
    interactions: [
      ['2022-05-01', 0],
      ['2023-06-01', 1],
      ['2023-10-02', 0],
      ['2024-03-01', 0],
    ],
    surveys: [
      ['2022-11-01', 'csat', 5],
      ['2023-02-01', 'csat', 3],
      ['2023-08-01', 'csat', 4],
      ['2023-08-01', 'nps', 10],
      ['2023-09-01', 'nps', 3],
      ['2023-09-05', 'nps', 8],
    ],
    complaints: [
      ['2022-12-01', 1, '2022-12-05'],
      ['2023-05-01', 3, null],
      ['2023-06-01', 2, '2024-01-10'],
      ['2023-07-01', 0, '2023-07-02'],
    ],
    referrals: ['2023-04-01', '2022-04-01'],
    contactsLeft: [
      ['2023-09-01', 0],
      ['2023-09-02', 2],
      ['2024-02-01', 3],
    ],
  };
  const { out } = features(sections, '2023-12-31');

  it.each([
    ['category_breadth', 2],
    ['interaction_count', 2],
    ['interaction_count_prev', 1],
    ['days_since_interaction', dayFromIso('2023-12-31') - dayFromIso('2023-10-02')],
    ['csat_avg', 3.5],
    ['csat_prev', 5],
    ['nps', (10 + 3 + 8) / 3],
    ['complaint_count', 3],
    ['complaint_count_prev', 1],
    ['complaint_severity', 4 + 3 + 1],
    ['open_complaints', 2], // the critical one never closed, the high one closed after the date
    ['open_critical_complaints', 1],
    ['referral_count', 1],
    ['key_contacts_left', 1], // a decision maker left in the window; a user does not count
    ['survey_response_rate', 2 / 4],
  ] as const)('%s', (key, expected) => {
    expect(out[key][0]).toBeCloseTo(expected, 9);
  });
});

describe('a customer with no activity at all', () => {
  const { out, first } = features({}, '2023-12-31');

  it('has every indicator written: counts and sums zero, the rest missing', () => {
    expect(first).toBeNaN();
    expect([out.revenue[0], out.order_count[0], out.interaction_count[0], out.complaint_count[0]]).toEqual([
      0, 0, 0, 0,
    ]);
    expect([out.recency_days[0], out.csat_avg[0], out.clv_x[0]]).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ]);
  });
});
