import { inflateRawSync } from 'node:zlib';

/**
 * An XLSX file is a ZIP archive: a few hundred kilobytes can inflate to gigabytes (a « bomb »).
 * Before the workbook is parsed, every entry is inflated with a cap on the total, and the
 * worksheets' cells are counted: what an import of 2,000 rows needs, with a wide margin.
 */
export const xlsxLimits = { bytes: 30 * 1024 * 1024, cells: 150_000, entries: 500 };

/** What the archive check refuses, in French (shown on the import page). */
export class XlsxTooLargeError extends Error {}

const eocdSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;

function endOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65_535); at--) {
    if (zip.readUInt32LE(at) === eocdSignature) return at;
  }
  return -1;
}

interface Entry {
  name: string;
  method: number;
  data: Buffer;
}

/** The archive's entries as its central directory lists them; null when it is not a ZIP. */
function entriesOf(zip: Buffer): Entry[] | null {
  const eocd = endOfCentralDirectory(zip);
  if (eocd < 0) return null;
  const count = zip.readUInt16LE(eocd + 10);
  if (count > xlsxLimits.entries) throw new XlsxTooLargeError('trop de fichiers dans l’archive');
  const entries: Entry[] = [];
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== centralSignature) return null;
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== localSignature) return null;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) return null;
    entries.push({ name, method, data: zip.subarray(start, start + compressed) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * Refuses an XLSX archive that inflates beyond `xlsxLimits.bytes` or whose worksheets hold more
 * than `xlsxLimits.cells` cells; inflating stops at the cap, whatever sizes the archive declares.
 * Returns false when the file is not a ZIP archive at all (the parser then says so).
 */
export function checkXlsxArchive(zip: Buffer): boolean {
  const entries = entriesOf(zip);
  if (!entries) return false;
  let budget = xlsxLimits.bytes;
  let cells = 0;
  for (const entry of entries) {
    let content: Buffer;
    if (entry.method === 0) content = entry.data;
    else if (entry.method === 8) {
      try {
        content = inflateRawSync(entry.data, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new XlsxTooLargeError(
            `plus de ${xlsxLimits.bytes / 1048576} Mo une fois décompressé`,
          );
        }
        return false;
      }
    } else return false;
    budget -= content.length;
    if (budget < 0) {
      throw new XlsxTooLargeError(`plus de ${xlsxLimits.bytes / 1048576} Mo une fois décompressé`);
    }
    if (entry.name.startsWith('xl/worksheets/')) {
      cells += content.toString('latin1').match(/<c[\s>/]/g)?.length ?? 0;
      if (cells > xlsxLimits.cells) {
        throw new XlsxTooLargeError(`plus de ${xlsxLimits.cells.toLocaleString('fr-FR')} cellules`);
      }
    }
  }
  return true;
}
