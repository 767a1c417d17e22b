/**
 * Identifies an uploaded file by its content (magic bytes), never by its name or the browser's
 * declared type. Returns one of the allowed types, or undefined.
 */
export interface AllowedType {
  mime: string;
  extension: string;
  label: string;
  image: boolean;
}

const types = {
  pdf: { mime: 'application/pdf', extension: 'pdf', label: 'PDF', image: false },
  jpeg: { mime: 'image/jpeg', extension: 'jpg', label: 'image JPEG', image: true },
  png: { mime: 'image/png', extension: 'png', label: 'image PNG', image: true },
  webp: { mime: 'image/webp', extension: 'webp', label: 'image WebP', image: true },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    label: 'document Word',
    image: false,
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    label: 'tableur Excel',
    image: false,
  },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extension: 'pptx',
    label: 'présentation PowerPoint',
    image: false,
  },
  odt: {
    mime: 'application/vnd.oasis.opendocument.text',
    extension: 'odt',
    label: 'document OpenDocument',
    image: false,
  },
  ods: {
    mime: 'application/vnd.oasis.opendocument.spreadsheet',
    extension: 'ods',
    label: 'tableur OpenDocument',
    image: false,
  },
} satisfies Record<string, AllowedType>;

export const allowedTypesLabel =
  'PDF, JPEG, PNG, WebP, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt, .ods)';

const startsWith = (buf: Buffer, bytes: number[], offset = 0) =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Office Open XML and OpenDocument files are ZIP archives: tell them apart by their entries. */
function zipType(buf: Buffer): AllowedType | undefined {
  // OpenDocument: the first entry is an uncompressed "mimetype" file holding the media type.
  if (buf.toString('latin1', 30, 38) === 'mimetype') {
    const declared = buf.toString('latin1', 38, 38 + 60);
    if (declared.startsWith(types.odt.mime) && !declared.startsWith(`${types.odt.mime}-`))
      return types.odt;
    if (declared.startsWith(types.ods.mime) && !declared.startsWith(`${types.ods.mime}-`))
      return types.ods;
    return undefined;
  }
  // OOXML: entry names are stored in clear in the local headers and the central directory.
  const names = buf.toString('latin1');
  if (!names.includes('[Content_Types].xml')) return undefined;
  if (names.includes('word/document.xml')) return types.docx;
  if (names.includes('xl/workbook.xml')) return types.xlsx;
  if (names.includes('ppt/presentation.xml')) return types.pptx;
  return undefined;
}

export function sniffFileType(buf: Buffer): AllowedType | undefined {
  if (startsWith(buf, ascii('%PDF-'))) return types.pdf;
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return types.jpeg;
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return types.png;
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return types.webp;
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return zipType(buf);
  return undefined;
}

/**
 * A safe display and download name: no path, no control or reserved characters, the extension
 * of the detected type, at most 100 characters.
 */
export function sanitiseFilename(original: string, type: AllowedType): string {
  const base = original
    .split(/[\\/]/)
    .pop()!
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f<>:"|?*]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 90);
  return `${base || 'document'}.${type.extension}`;
}
