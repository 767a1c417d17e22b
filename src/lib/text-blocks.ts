/**
 * How a text typed in a form reads on a page and on paper: blank lines separate paragraphs, a
 * line break inside a paragraph stays a line break, and lines starting with « - », « • », « * »
 * or « 1. » / « 1) » make a list. One reading for the public page, the approval page and the PDF.
 */
export type TextBlock =
  { kind: 'paragraph'; lines: string[] } | { kind: 'bullets' | 'numbered'; items: string[] };

const bullet = /^\s*[-–—•*]\s+(.*)$/;
const numbered = /^\s*\d{1,3}[.)]\s+(.*)$/;

function kindOf(line: string): { kind: TextBlock['kind']; text: string } {
  const b = bullet.exec(line);
  if (b) return { kind: 'bullets', text: b[1].trim() };
  const n = numbered.exec(line);
  if (n) return { kind: 'numbered', text: n[1].trim() };
  return { kind: 'paragraph', text: line.trim() };
}

/** The blocks of a text, whatever line breaks it was stored with (CRLF from older forms too). */
export function textBlocks(text: string | null | undefined): TextBlock[] {
  const blocks: TextBlock[] = [];
  let previous: TextBlock | undefined;
  for (const line of String(text ?? '').split(/\r\n?|\n/)) {
    if (!line.trim()) {
      previous = undefined;
      continue;
    }
    const { kind, text: content } = kindOf(line);
    if (previous && previous.kind === kind) {
      if (previous.kind === 'paragraph') previous.lines.push(content);
      else previous.items.push(content);
      continue;
    }
    previous = kind === 'paragraph' ? { kind, lines: [content] } : { kind, items: [content] };
    blocks.push(previous);
  }
  return blocks;
}
