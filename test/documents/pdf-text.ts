// Extracts the text of a PDF written by platform/pdf: inflates the content streams, maps the
// glyph ids of each embedded font back to Unicode through its ToUnicode CMap, and rebuilds
// lines from the text positions (top to bottom, left to right). Enough for content assertions
// on our own documents; not a general PDF parser.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = header.exec(text))) {
    const start = m.index + m[0].length;
    const streamAt = text.indexOf('stream', start);
    const endAt = text.indexOf('endobj', start);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = text.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      const dataStart = streamAt + 'stream'.length + (text[streamAt + 6] === '\r' ? 2 : 1);
      let data = pdf.subarray(dataStart, dataStart + length);
      if (/\/Filter \/FlateDecode/.test(dict)) {
        data = inflateSync(data);
      }
      objects.set(Number(m[1]), { dict, stream: data });
      header.lastIndex = dataStart + length;
    } else {
      objects.set(Number(m[1]), { dict: text.slice(start, endAt) });
      header.lastIndex = endAt;
    }
  }
  return objects;
}

/** glyph id (hex) → text, from a ToUnicode CMap. */
function parseCmap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of block[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const from = parseInt(line[1]!, 16);
      const to = parseInt(line[2]!, 16);
      const targets = line[3]!.startsWith('[')
        ? // A ligature maps to several UTF-16 units, written with spaces: <0066 0069>.
          [...line[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((t) => t[1]!.replace(/\s/g, ''))
        : null;
      for (let g = from; g <= to; g++) {
        const key = g.toString(16).padStart(4, '0');
        if (targets) {
          map.set(key, utf16(targets[g - from] ?? ''));
        } else {
          const base = parseInt(line[3]!.slice(1, -1), 16) + (g - from);
          map.set(key, String.fromCharCode(base));
        }
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) {
      map.set(line[1]!.toLowerCase().padStart(4, '0'), utf16(line[2]!.replace(/\s/g, '')));
    }
  }
  return map;
}

interface Run {
  x: number;
  y: number;
  text: string;
}

function decode(hex: string, cmap: Map<string, string> | undefined): string {
  return (hex.match(/.{4}/g) ?? []).map((g) => cmap?.get(g.toLowerCase()) ?? '\ufffd').join('');
}

/** The text of every page, one string per page, lines separated by "\n". */
export function pdfPages(pdf: Buffer): string[] {
  const objects = parseObjects(pdf);
  const cmaps = new Map<string, Map<string, string>>();
  for (const obj of objects.values()) {
    for (const fonts of obj.dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const f of fonts[1]!.matchAll(/\/(\w+) (\d+) 0 R/g)) {
        const font = objects.get(Number(f[2]));
        const ref = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict)?.[1];
        const stream = ref ? objects.get(Number(ref))?.stream : undefined;
        if (stream) {
          cmaps.set(f[1]!, parseCmap(stream.toString('latin1')));
        }
      }
    }
  }
  const pagesRoot = [...objects.values()].find((o) => /\/Type \/Pages/.test(o.dict));
  const kids = [
    ...(/\/Kids \[([^\]]*)\]/.exec(pagesRoot?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g),
  ];
  return kids.map((k) => {
    const page = objects.get(Number(k[1]))!;
    const contents = /\/Contents (\d+) 0 R/.exec(page.dict)?.[1];
    const stream = contents
      ? (objects.get(Number(contents))?.stream?.toString('latin1') ?? '')
      : '';
    const runs: Run[] = [];
    let font = '';
    let x = 0;
    let y = 0;
    for (const t of stream.matchAll(
      /\/(\w+) [\d.]+ Tf|([-\d.]+) ([-\d.]+) Tm|([-\d.]+) ([-\d.]+) Td|<([0-9a-fA-F]*)> Tj|\[((?:[^\]]|\n)*?)\] TJ/g,
    )) {
      if (t[1]) {
        font = t[1];
      } else if (t[2] !== undefined) {
        x = Number(t[2]);
        y = Number(t[3]);
      } else if (t[4] !== undefined) {
        x += Number(t[4]);
        y += Number(t[5]);
      } else if (t[6] !== undefined) {
        runs.push({ x, y, text: decode(t[6], cmaps.get(font)) });
      } else if (t[7] !== undefined) {
        const parts = [...t[7].matchAll(/<([0-9a-fA-F]*)>/g)].map((p) =>
          decode(p[1]!, cmaps.get(font)),
        );
        runs.push({ x, y, text: parts.join('') });
      }
    }
    return lines(runs);
  });
}

function lines(runs: Run[]): string {
  const rows = new Map<number, Run[]>();
  for (const r of runs) {
    const key = Math.round(r.y);
    rows.set(key, [...(rows.get(key) ?? []), r]);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, rs]) =>
      rs
        .sort((a, b) => a.x - b.x)
        .map((r) => r.text)
        .join(' '),
    )
    .join('\n');
}

/** All the text of a PDF. */
export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf).join('\n');
}
