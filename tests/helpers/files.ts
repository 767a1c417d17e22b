/** Small files built in memory, recognisable by their magic bytes (or deliberately not). */
export const samplePdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const sampleJpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(200, 0x11),
  Buffer.from([0xff, 0xd9]),
]);
/** A Windows executable (MZ header). */
export const sampleExe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
export const sampleHtml = Buffer.from(
  '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>',
);
