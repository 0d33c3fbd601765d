import { DemoRandom, cumulativeWeights, mix32 } from './random.js';
import { BUSINESS_VARIANTS, COMPANY_SUFFIXES, INDUSTRIES } from './vocabulary/industries.js';
import { BRAND_SYLLABLES, GIVEN_NAME_CHARACTERS, SURNAMES, type PersonName } from './vocabulary/people.js';
import { CITIES } from './vocabulary/places.js';

const GROUP_SUFFIXES = ['集团有限公司', '集团股份有限公司', '控股集团有限公司'] as const;
/** Subsidiaries a group may have; their names are unique for up to this many per group. */
export const MAX_SUBSIDIARIES = 6;

const SYLLABLES = BRAND_SYLLABLES.length;
const BRANDS = SYLLABLES * (SYLLABLES - 1);
const SUFFIXES = COMPANY_SUFFIXES.length;
const CAPACITY = BRANDS * BUSINESS_VARIANTS * SUFFIXES;
// Coprime with CAPACITY (a prime dividing none of its factors), so index → tuple is a bijection.
const MULTIPLIER = 1_000_003;

export interface CompanyBrand {
  readonly brand: string;
  readonly pinyin: string;
  /** Which of the industry's business words the name uses. */
  readonly variant: number;
  readonly suffix: number;
}

/**
 * Company names that are unique by construction: customer index → (brand, business variant, suffix)
 * is a bijection (a seeded affine permutation over the whole space, so neighbours look unrelated), and
 * the city and business word in front of it can only make two names differ more. Past the space of
 * two-character brands, each further round appends a third character.
 */
export class CompanyNamer {
  private readonly offset: number;

  constructor(seed: number) {
    this.offset = mix32(seed ^ 0x5bd1e995) % CAPACITY;
  }

  brandOf(index: number): CompanyBrand {
    const zero = index - 1;
    const round = Math.floor(zero / CAPACITY);
    const position = ((((zero % CAPACITY) * MULTIPLIER) % CAPACITY) + this.offset + round) % CAPACITY;
    const suffix = position % SUFFIXES;
    const variant = Math.floor(position / SUFFIXES) % BUSINESS_VARIANTS;
    const brandIndex = Math.floor(position / (SUFFIXES * BUSINESS_VARIANTS));
    const first = Math.floor(brandIndex / (SYLLABLES - 1));
    let second = brandIndex % (SYLLABLES - 1);
    if (second >= first) second++;
    const parts = [BRAND_SYLLABLES[first], BRAND_SYLLABLES[second]];
    if (round > 0) parts.push(BRAND_SYLLABLES[(round - 1) % SYLLABLES]);
    return {
      brand: parts.map((part) => part?.[0] ?? '').join(''),
      pinyin: parts.map((part) => part?.[1] ?? '').join(''),
      variant,
      suffix,
    };
  }

  /** 「苏州恒瑞精密机械有限公司」: city + brand + business + suffix. */
  regular(index: number, industry: number, city: number): string {
    const brand = this.brandOf(index);
    return `${cityName(city)}${brand.brand}${business(industry, brand.variant)}${COMPANY_SUFFIXES[brand.suffix] ?? ''}`;
  }

  /** 「苏州恒瑞精密机械集团有限公司」: a group head; group suffixes never end a regular name. */
  groupHead(index: number, industry: number, city: number): string {
    const brand = this.brandOf(index);
    return `${cityName(city)}${brand.brand}${business(industry, brand.variant)}${GROUP_SUFFIXES[brand.suffix] ?? ''}`;
  }

  /**
   * Where subsidiary `number` (1…MAX_SUBSIDIARIES) of a group sits and which business word it uses: a
   * one-to-one code of (head's variant and suffix, number), so 「恒瑞（成都）机电设备有限公司」 names
   * exactly one subsidiary of exactly one head.
   */
  subsidiarySlot(headIndex: number, number: number): { city: number; variant: number } {
    const brand = this.brandOf(headIndex);
    const code = (brand.variant * SUFFIXES + brand.suffix) * (MAX_SUBSIDIARIES + 1) + number;
    return { city: CITY_SHUFFLE[code % CITIES.length] ?? 0, variant: Math.floor(code / CITIES.length) };
  }

  subsidiary(headIndex: number, number: number, industry: number): string {
    const { city, variant } = this.subsidiarySlot(headIndex, number);
    return `${this.brandOf(headIndex).brand}（${cityName(city)}）${business(industry, variant)}有限公司`;
  }
}

/** A fixed shuffle of the cities, so a group's subsidiaries do not sit in neighbouring cities of one list. */
const CITY_SHUFFLE: readonly number[] = (() => {
  const order = CITIES.map((_, i) => i);
  const random = new DemoRandom(0x5eed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
})();

function cityName(city: number): string {
  return CITIES[city]?.name ?? '';
}

function business(industry: number, variant: number): string {
  return INDUSTRIES[industry]?.businesses[variant % BUSINESS_VARIANTS] ?? '';
}

const SURNAME_WEIGHTS = cumulativeWeights(SURNAMES.map((surname) => surname[2]));

/** A Chinese personal name (surname + one or two characters) and its pinyin handle "wang.fang". */
export function personName(random: DemoRandom): PersonName {
  const surname = SURNAMES[random.weighted(SURNAME_WEIGHTS)] ?? SURNAMES[0];
  const first = random.pick(GIVEN_NAME_CHARACTERS);
  const second = random.chance(0.6) ? random.pick(GIVEN_NAME_CHARACTERS) : undefined;
  const given = second && second !== first ? [first, second] : [first];
  return {
    name: `${surname?.[0] ?? ''}${given.map((part) => part[0]).join('')}`,
    handle: `${surname?.[1] ?? ''}.${given.map((part) => part[1]).join('')}`,
  };
}
