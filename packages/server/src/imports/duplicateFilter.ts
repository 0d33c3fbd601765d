/**
 * Finds candidate duplicate keys in one pass over a file of any size in fixed memory: a Bloom filter
 * remembers every key seen; a key that hits is a candidate. Candidates include the (rare) false
 * positives, so they are confirmed exactly against the staging table before anything is reported, and
 * there the first occurrence of each real duplicate is found too.
 */
export class DuplicateFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private readonly hashes: number;
  readonly candidates = new Set<string>();
  /** Past this many candidates the confirmation groups the whole staging table instead of looking keys up. */
  static readonly MAX_CANDIDATES = 50_000;
  overflowed = false;

  /** `expectedKeys` sizes the filter (16 bits per key, at most 64 MiB; a false positive rate near 0.05 %). */
  constructor(expectedKeys: number) {
    const wantedBits = Math.min(2 ** 29, Math.max(2 ** 16, expectedKeys * 16));
    const bits = 2 ** Math.ceil(Math.log2(wantedBits));
    this.bits = new Uint32Array(bits / 32);
    this.mask = bits - 1;
    this.hashes = 8;
  }

  add(key: string): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h2 |= 1;
    let present = true;
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      const current = this.bits[word] ?? 0;
      if ((current & flag) === 0) {
        present = false;
        this.bits[word] = current | flag;
      }
    }
    if (!present) return;
    if (this.candidates.size >= DuplicateFilter.MAX_CANDIDATES) this.overflowed = true;
    else this.candidates.add(key);
  }
}
