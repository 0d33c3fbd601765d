import { isAscii, isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { FileFormatError } from './FileFormatError.js';

export type EncodingOption = 'auto' | 'utf8' | 'gbk';
export type DetectedEncoding = 'utf-8' | 'gb18030';

/**
 * Bytes of a CSV file in, validated UTF-8 out, in constant memory.
 *
 * Detection (`auto`): a UTF-8 byte-order mark means UTF-8; otherwise the encoding is decided by the first
 * chunk holding a non-ASCII byte: valid UTF-8 there → UTF-8, else GB18030 (a superset of GBK and GB2312,
 * what Chinese Excel writes). `utf8` and `gbk` force the choice (a UTF-8 BOM is still skipped).
 *
 * Invalid bytes are never replaced: the first one stops the import with its line number. For UTF-8 that
 * is any ill-formed sequence (including a file cut inside a character); for GB18030 it is any byte
 * sequence iconv-lite cannot map, which it reports as U+FFFD — so a GB18030 file that legitimately
 * contains U+FFFD (bytes 84 31 A4 37) is refused too.
 */
export class DecodeToUtf8 extends Transform {
  encoding: DetectedEncoding | undefined;
  /** Line number (1-based) of the next byte to be passed on. */
  private line = 1;
  private started = false;
  private carry: Buffer | null = null;
  private gbk: iconv.DecoderStream | null = null;

  constructor(option: EncodingOption) {
    super();
    if (option === 'utf8') this.encoding = 'utf-8';
    if (option === 'gbk') this.useGb18030();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      let bytes = chunk;
      if (!this.started) {
        bytes = this.skipBom(bytes);
        if (bytes.length === 0) return callback();
        this.started = true;
      }
      if (this.encoding === undefined) {
        if (isAscii(bytes)) {
          this.pass(bytes);
          return callback();
        }
        if (isUtf8(withoutIncompleteTail(bytes))) this.encoding = 'utf-8';
        else this.useGb18030();
      }
      if (this.gbk) this.passText(this.gbk.write(bytes));
      else this.passUtf8(bytes);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.gbk) this.passText(this.gbk.end() ?? '');
      else if (this.carry && this.carry.length > 0) {
        throw invalid('UTF-8', this.line, 'the file ends inside a character');
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  private useGb18030(): void {
    this.encoding = 'gb18030';
    this.gbk = iconv.getDecoder('gb18030');
  }

  private skipBom(bytes: Buffer): Buffer {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      if (!this.gbk) this.encoding = 'utf-8';
      return this.gbk ? bytes : bytes.subarray(3);
    }
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw new FileFormatError('UNSUPPORTED_ENCODING', 1, { encoding: 'UTF-16' });
    }
    return bytes;
  }

  private passUtf8(chunk: Buffer): void {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = completeLength(bytes);
    const complete = bytes.subarray(0, end);
    if (!isUtf8(complete)) {
      const bad = firstInvalidUtf8(complete);
      throw invalid(
        'UTF-8',
        this.line + countNewlines(complete, bad),
        'if the file is GBK, use --encoding gbk',
      );
    }
    this.carry = end < bytes.length ? Buffer.from(bytes.subarray(end)) : null;
    this.pass(complete);
  }

  private passText(text: string): void {
    const bad = text.indexOf('\ufffd');
    if (bad !== -1) {
      throw invalid(
        'GB18030',
        this.line + countNewlinesInText(text, bad),
        'or the file is cut inside a character',
      );
    }
    if (text.length > 0) this.pass(Buffer.from(text, 'utf8'));
  }

  private pass(bytes: Buffer): void {
    this.line += countNewlines(bytes, bytes.length);
    this.push(bytes);
  }
}

function invalid(encoding: string, line: number, hint: string): FileFormatError {
  return new FileFormatError('INVALID_ENCODING', line, { encoding, hint });
}

/** Length of the prefix that ends on a character boundary (a chunk may end inside a UTF-8 sequence). */
function completeLength(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= 3 && back <= length; back++) {
    const byte = bytes[length - back] ?? 0;
    if (byte < 0x80) return length;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needed > back ? length - back : length;
    }
  }
  return length;
}

function withoutIncompleteTail(bytes: Buffer): Buffer {
  return bytes.subarray(0, completeLength(bytes));
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0;
    const size =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (size === 0 || !isUtf8(bytes.subarray(i, i + size)) || i + size > bytes.length) return i;
    i += size;
  }
  return bytes.length;
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  let at = bytes.indexOf(10);
  while (at !== -1 && at < end) {
    count++;
    at = bytes.indexOf(10, at + 1);
  }
  return count;
}

function countNewlinesInText(text: string, end: number): number {
  let count = 0;
  let at = text.indexOf('\n');
  while (at !== -1 && at < end) {
    count++;
    at = text.indexOf('\n', at + 1);
  }
  return count;
}
