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

/** Accepted extensions and media types, for the file input's `accept` attribute. */
export const acceptAttribute = [
  ...new Set(Object.values(types).map((t) => `.${t.extension}`)),
  '.jpeg',
  ...Object.values(types)
    .filter((t) => t.image || t === types.pdf)
    .map((t) => t.mime),
].join(',');

const startsWith = (buf: Buffer, bytes: number[], offset = 0) =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const zipMagic = [0x50, 0x4b, 0x03, 0x04];
/** Enough of the start of a file for every check below (OpenDocument reads bytes 30–98). */
const headSize = 128;

function fromHead(head: Buffer): AllowedType | 'zip' | undefined {
  if (startsWith(head, ascii('%PDF-'))) return types.pdf;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return types.jpeg;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return types.png;
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return types.webp;
  if (startsWith(head, zipMagic)) return 'zip';
  return undefined;
}

/** OpenDocument: the first entry is an uncompressed "mimetype" file holding the media type. */
function openDocumentType(head: Buffer): AllowedType | undefined {
  const declared = head.toString('latin1', 38, 38 + 60);
  if (declared.startsWith(types.odt.mime) && !declared.startsWith(`${types.odt.mime}-`))
    return types.odt;
  if (declared.startsWith(types.ods.mime) && !declared.startsWith(`${types.ods.mime}-`))
    return types.ods;
  return undefined;
}

/** OOXML entry names, stored in clear in the local headers and the central directory. */
const ooxmlMarkers = [
  '[Content_Types].xml',
  'word/document.xml',
  'xl/workbook.xml',
  'ppt/presentation.xml',
];
const overlap = Math.max(...ooxmlMarkers.map((m) => m.length)) - 1;

/**
 * Identifies a file from its chunks as they stream in, holding only its first bytes and a short
 * overlap between chunks (Office files name their parts anywhere in the archive).
 */
export function createTypeSniffer() {
  let head = Buffer.alloc(0);
  let tail = '';
  const found = new Set<string>();
  return {
    push(chunk: Buffer): void {
      if (head.length < headSize) {
        head = Buffer.concat([head, chunk.subarray(0, headSize - head.length)]);
      }
      if (!startsWith(head, zipMagic)) return;
      const text = tail + chunk.toString('latin1');
      for (const marker of ooxmlMarkers) if (text.includes(marker)) found.add(marker);
      tail = text.slice(-overlap);
    },
    /** True as soon as the first bytes rule out every accepted format. */
    refused(): boolean {
      return head.length >= 12 && fromHead(head) === undefined;
    },
    /** The detected type once the whole file was pushed, or undefined. */
    result(): AllowedType | undefined {
      const type = fromHead(head);
      if (type !== 'zip') return type;
      if (head.toString('latin1', 30, 38) === 'mimetype') return openDocumentType(head);
      if (!found.has('[Content_Types].xml')) return undefined;
      if (found.has('word/document.xml')) return types.docx;
      if (found.has('xl/workbook.xml')) return types.xlsx;
      if (found.has('ppt/presentation.xml')) return types.pptx;
      return undefined;
    },
  };
}

/**
 * A file name safe to show and store: no path, no control characters, no bidirectional
 * overrides (« facture\u202Efdp.exe » displays as « factureexe.pdf »), no reserved characters,
 * no extension, at most 90 characters.
 */
export function cleanBaseName(original: string): string {
  return (
    original
      .split(/[\\/]/)
      .pop()!
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/\.[^.]*$/, '')
      .replace(/[<>:"|?*]+/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 90) || 'document'
  );
}

/** The display and download name: the clean base name with the extension of the detected type. */
export function sanitiseFilename(original: string, type: AllowedType): string {
  return `${cleanBaseName(original)}.${type.extension}`;
}
