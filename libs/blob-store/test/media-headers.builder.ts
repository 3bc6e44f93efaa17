// Headers of the formats that have no fixture file, built byte by byte.

/** An ISO-BMFF file start: an `ftyp` box with these brands, then an empty `free` box. */
export function ftypFile(major: string, compatible: readonly string[]): Buffer {
  const size = 16 + 4 * compatible.length;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  box.writeUInt32BE(0x200, 12);
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
  return Buffer.concat([box, Buffer.from([0, 0, 0, 8]), Buffer.from('free', 'latin1')]);
}

const element = (id: readonly number[], payload: readonly number[]): number[] => [...id, 0x80 | payload.length, ...payload];

/**
 * An EBML header as ffmpeg (DocType `webm`) and mkvmerge (`matroska`) write it, followed by the
 * start of a Segment of unknown size.
 */
export function ebmlFile(docType: string): Buffer {
  const header = [
    ...element([0x42, 0x86], [1]), // EBMLVersion
    ...element([0x42, 0xf7], [1]), // EBMLReadVersion
    ...element([0x42, 0xf2], [4]), // EBMLMaxIDLength
    ...element([0x42, 0xf3], [8]), // EBMLMaxSizeLength
    ...element([0x42, 0x82], [...Buffer.from(docType, 'latin1')]), // DocType
    ...element([0x42, 0x87], [4]), // DocTypeVersion
    ...element([0x42, 0x85], [2]), // DocTypeReadVersion
  ];
  const segment = [0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
  return Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | header.length, ...header, ...segment]);
}
