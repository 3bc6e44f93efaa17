import type { RgbFrame } from './rgb-frame';

const isSpace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** Splits a stream of binary PPM images ("P6 <w> <h> <max>\n" + RGB bytes) into frames. */
export function splitPpmStream(stream: Buffer): RgbFrame[] {
  const frames: RgbFrame[] = [];
  let offset = 0;
  while (offset < stream.length) {
    const { fields, bodyStart } = readHeader(stream, offset);
    const [magic, width, height, maxValue] = fields;
    if (magic !== 'P6' || maxValue !== '255') throw new Error('not an 8-bit binary PPM stream');
    const size = Number(width) * Number(height) * 3;
    if (!(size > 0) || bodyStart + size > stream.length) throw new Error('PPM stream ends inside a frame');
    frames.push({ width: Number(width), height: Number(height), data: stream.subarray(bodyStart, bodyStart + size) });
    offset = bodyStart + size;
  }
  return frames;
}

// The header is four whitespace-separated tokens; exactly one whitespace byte follows the last.
function readHeader(stream: Buffer, start: number): { fields: string[]; bodyStart: number } {
  const fields: string[] = [];
  let token = '';
  let position = start;
  while (fields.length < 4 && position < stream.length) {
    const byte = stream[position++] ?? 0x20;
    if (!isSpace(byte)) token += String.fromCharCode(byte);
    else if (token !== '') {
      fields.push(token);
      token = '';
    }
  }
  return { fields, bodyStart: position };
}
