/**
 * Writes one table's COPY text straight into byte chunks. Building rows as JS strings cost more than
 * everything else the generator does (rope strings to flatten, UTF-8 to encode, garbage to collect);
 * here numbers are written digit by digit, fixed words are encoded once and copied, and a full chunk is
 * handed on as it is.
 */
const CHUNK_BYTES = 128 * 1024;
const TAB = 9;
const NEWLINE = 10;
const ZERO = 48;
const encoded = new Map<string, Buffer>();

/** UTF-8 bytes of a word from a fixed vocabulary (encoded once, then shared). */
export function wordBytes(word: string): Buffer {
  let bytes = encoded.get(word);
  if (!bytes) {
    bytes = Buffer.from(word, 'utf8');
    encoded.set(word, bytes);
  }
  return bytes;
}

export class ByteWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private position = 0;
  /** Filled chunks not yet taken. */
  private readonly filled: Buffer[] = [];

  get pendingChunks(): number {
    return this.filled.length;
  }

  /** The filled chunks, and with `all` the partial one too. */
  take(all = false): Buffer[] {
    if (all && this.position > 0) this.seal();
    return this.filled.splice(0, this.filled.length);
  }

  private seal(): void {
    this.filled.push(this.buffer.subarray(0, this.position));
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.position = 0;
  }

  private room(bytes: number): void {
    if (this.position + bytes > this.buffer.length) {
      this.seal();
      if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
    }
  }

  /** Copies pre-encoded bytes. */
  bytes(source: Buffer): this {
    const length = source.length;
    this.room(length);
    const target = this.buffer;
    let at = this.position;
    if (length < 24) for (let i = 0; i < length; i++) target[at++] = source[i] ?? 0;
    else at += source.copy(target, at);
    this.position = at;
    return this;
  }

  /** A word from a fixed vocabulary. */
  word(value: string): this {
    return this.bytes(wordBytes(value));
  }

  /** Free text (names, e-mail addresses): encoded where it is written. */
  text(value: string): this {
    this.room(value.length * 3);
    this.position += this.buffer.write(value, this.position, 'utf8');
    return this;
  }

  tab(): this {
    this.room(1);
    this.buffer[this.position++] = TAB;
    return this;
  }

  end(): this {
    this.room(1);
    this.buffer[this.position++] = NEWLINE;
    return this;
  }

  /** `\N`, COPY's NULL. */
  null(): this {
    this.room(2);
    this.buffer[this.position++] = 92;
    this.buffer[this.position++] = 78;
    return this;
  }

  /** A safe integer in decimal. */
  int(value: number): this {
    this.room(17);
    let n = value;
    if (n < 0) {
      this.buffer[this.position++] = 45;
      n = -n;
    }
    return this.digits(n, 1);
  }

  /** Cents as a decimal with two places: 123456 → "1234.56". */
  cents(value: number): this {
    this.room(20);
    let n = value;
    if (n < 0) {
      this.buffer[this.position++] = 45;
      n = -n;
    }
    const fraction = n % 100;
    this.digits((n - fraction) / 100, 1);
    this.buffer[this.position++] = 46;
    return this.digits(fraction, 2);
  }

  /** A two-letter prefix and ten digits: "SO0000000042". */
  serial(prefix: Buffer, id: number): this {
    this.bytes(prefix);
    this.room(10);
    return this.digits(id, 10);
  }

  /** The key every customer-scoped row starts with: customer id, row id, external id ("SO0000000042"), each tab-ended. */
  key(customer: number, id: number, prefix: Buffer): this {
    return this.int(customer).tab().int(id).tab().serial(prefix, id).tab();
  }

  /** An integer, or `\N` for null. */
  intOrNull(value: number | null): this {
    return value === null ? this.null() : this.int(value);
  }

  /** Writes n ≥ 0 with at least `width` digits (zero-padded). */
  private digits(value: number, width: number): this {
    let n = value;
    let length = 1;
    for (let rest = Math.floor(n / 10); rest > 0; rest = Math.floor(rest / 10)) length++;
    if (length < width) length = width;
    const target = this.buffer;
    let at = this.position + length;
    this.position = at;
    for (let i = 0; i < length; i++) {
      const next = Math.floor(n / 10);
      target[--at] = ZERO + (n - next * 10);
      n = next;
    }
    return this;
  }
}
