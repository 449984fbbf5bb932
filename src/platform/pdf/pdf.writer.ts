import type PDFDocumentClass from 'pdfkit';
import { isolate, mirrorNeutral, visualPieces, type Direction, type Piece } from './pdf.bidi.js';
import { fontFiles, fontName } from './pdf.fonts.js';

/** Options of a new document. */
export interface PdfOptions {
  /** Document title (PDF metadata). */
  title: string;
  /** BCP 47 language of the document (PDF /Lang), e.g. "ar". */
  lang: string;
  /** Paragraph direction: "rtl" for Arabic documents. */
  direction: Direction;
  /** Printed large and light across every page, behind the text (e.g. "DRAFT"). */
  watermark?: string;
}

/** A column of a table: its header and its share of the text width (0–1). */
export interface TableColumn {
  header: string;
  width: number;
}

interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  /** Lay each line out in its own first-strong direction (values: names, numbers, addresses). */
  isolated?: boolean;
}

const MARGIN = 50;

let pdfkit: Promise<typeof PDFDocumentClass> | undefined;

/** pdfkit (with fontkit and its tables) is loaded on the first document, not at start-up (ADR 0129). */
function loadPdfkit(): Promise<typeof PDFDocumentClass> {
  pdfkit ??= import('pdfkit').then((m) => m.default);
  return pdfkit;
}
const LINE = 1.5;

/**
 * A small document writer on pdfkit that lays text out itself: lines are broken by measured
 * width, each line is put in visual order with the bidi algorithm, each piece is drawn with the
 * font of its script (fontkit shapes Arabic: joining forms, ligatures, right-to-left glyph order),
 * and right-to-left documents are right-aligned with their label columns on the right.
 */
export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly direction: Direction;
  private y = MARGIN;
  /** Pages added so far (tells a two-column field whether a column ran onto a new page). */
  private pagesAdded = 0;

  /** A new document (loads pdfkit on first use). */
  static async create(opts: PdfOptions): Promise<PdfWriter> {
    return new PdfWriter(opts, await loadPdfkit());
  }

  private constructor(opts: PdfOptions, PDFDocument: typeof PDFDocumentClass) {
    this.direction = opts.direction;
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      lang: opts.lang,
      displayTitle: true,
      info: { Title: opts.title, Creator: 'Ariadne', Producer: 'Ariadne (pdfkit)' },
    });
    for (const [name, file] of Object.entries(fontFiles())) {
      this.doc.registerFont(name, file);
    }
    const mark = opts.watermark;
    if (mark) {
      this.stamp(mark);
      this.doc.on('pageAdded', () => this.stamp(mark));
    }
  }

  /** Draws the watermark diagonally across the current page (before its content). */
  private stamp(text: string) {
    const { width, height } = this.doc.page;
    this.doc
      .save()
      .rotate(-40, { origin: [width / 2, height / 2] })
      .font(fontName('latin', true))
      .fontSize(110)
      .fillColor('#e4e4e4')
      .text(text, 0, height / 2 - 60, { width, align: 'center', lineBreak: false })
      .restore();
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private pieceWidth(p: Piece, size: number, bold: boolean): number {
    return this.doc.font(fontName(p.script, bold)).fontSize(size).widthOfString(p.text);
  }

  private measure(line: string, size: number, bold: boolean): number {
    return visualPieces(line, this.direction).reduce(
      (w, p) => w + this.pieceWidth(p, size, bold),
      0,
    );
  }

  /** Breaks text into lines that fit a width (at spaces; explicit newlines kept). */
  private wrap(text: string, width: number, size: number, bold: boolean): string[] {
    const lines: string[] = [];
    for (const para of text.split('\n')) {
      let current = '';
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const candidate = current ? `${current} ${word}` : word;
        if (current && this.measure(candidate, size, bold) > width) {
          lines.push(current);
          current = word;
        } else {
          current = candidate;
        }
      }
      lines.push(current);
    }
    return lines;
  }

  private drawLine(line: string, x: number, y: number, width: number, style: Required<TextStyle>) {
    const pieces = visualPieces(line, this.direction);
    const widths = pieces.map((p) => this.pieceWidth(p, style.size, style.bold));
    const total = widths.reduce((a, b) => a + b, 0);
    let pen = this.direction === 'rtl' ? x + width - total : x;
    pieces.forEach((p, i) => {
      if (!p.space) {
        this.doc
          .font(fontName(p.script, style.bold))
          .fontSize(style.size)
          .fillColor(style.color)
          // One alphabetic baseline for every font: Arabic and Latin fonts have different ascenders.
          .text(mirrorNeutral(p), pen, y + style.size * 1.1, {
            lineBreak: false,
            baseline: 'alphabetic',
          });
      }
      pen += widths[i]!;
    });
  }

  private newPage() {
    this.doc.addPage();
    this.pagesAdded += 1;
    this.y = MARGIN;
  }

  private ensure(height: number) {
    if (this.y + height > this.doc.page.height - MARGIN) {
      this.newPage();
    }
  }

  private block(text: string, x: number, width: number, style: TextStyle): number {
    const s = { size: 10, bold: false, color: '#111111', isolated: false, ...style };
    const lines = this.wrap(text, width, s.size, s.bold).map((l) => (s.isolated ? isolate(l) : l));
    const height = s.size * LINE;
    let y = this.y;
    for (const line of lines) {
      if (y + height > this.doc.page.height - MARGIN) {
        this.newPage();
        y = MARGIN;
      }
      this.drawLine(line, x, y, width, s);
      y += height;
    }
    return y;
  }

  /** A paragraph across the page. */
  paragraph(text: string, style: TextStyle = {}): this {
    this.y = this.block(text, MARGIN, this.width, style) + 4;
    return this;
  }

  /** A title or section heading. */
  heading(text: string, level: 1 | 2 = 2): this {
    this.ensure(40);
    this.y += level === 1 ? 0 : 8;
    return this.paragraph(text, { size: level === 1 ? 18 : 13, bold: true, color: '#1d3557' });
  }

  /** A label and its value in two columns (label on the reading side). */
  field(label: string, value: string): this {
    const labelWidth = this.width * 0.34;
    const valueWidth = this.width - labelWidth - 10;
    // Kept on one page when it fits on one (a field never starts in the last lines of a page).
    const lines = Math.max(
      this.wrap(label, labelWidth, 10, true).length,
      this.wrap(value || '—', valueWidth, 10, false).length,
    );
    this.ensure(Math.min(lines * 10 * LINE, this.doc.page.height - 2 * MARGIN));
    const rtl = this.direction === 'rtl';
    const top = this.y;
    const labelX = rtl ? MARGIN + valueWidth + 10 : MARGIN;
    const valueX = rtl ? MARGIN : MARGIN + labelWidth + 10;
    const afterLabel = this.block(label, labelX, labelWidth, { bold: true, color: '#444444' });
    this.y = top;
    const pages = this.pagesAdded;
    const afterValue = this.block(value || '—', valueX, valueWidth, { isolated: true });
    // A value that ran onto a new page ends there: the label's end is on the page before.
    this.y = (this.pagesAdded > pages ? afterValue : Math.max(afterLabel, afterValue)) + 2;
    return this;
  }

  /**
   * A table: a bold header row, then one row per entry, each cell wrapped within its column
   * (columns in reading order; right to left in RTL documents). A row is never split across
   * pages; the header is repeated on a new page.
   */
  table(columns: TableColumn[], rows: string[][], size = 9): this {
    const gap = 6;
    const widths = columns.map((c) => c.width * this.width - gap);
    const starts = widths.map((_, i) => widths.slice(0, i).reduce((x, w) => x + w + gap, MARGIN));
    const xs =
      this.direction === 'rtl'
        ? starts.map((x, i) => 2 * MARGIN + this.width - x - widths[i]!)
        : starts;
    const cellsOf = (cells: string[]) => cells.map((c) => c || '—');
    const heightOf = (cells: string[], bold: boolean) =>
      Math.max(1, ...cellsOf(cells).map((c, i) => this.wrap(c, widths[i]!, size, bold).length)) *
      size *
      LINE;
    const draw = (cells: string[], bold: boolean) => {
      const top = this.y;
      cellsOf(cells).forEach((c, i) => {
        this.y = top;
        this.block(c, xs[i]!, widths[i]!, { size, bold, color: bold ? '#444444' : '#111111' });
      });
      this.y = top + heightOf(cells, bold) + 1;
      this.rule();
      this.y -= 6;
    };
    const header = columns.map((c) => c.header);
    const fits = (h: number) => this.y + h + 4 <= this.doc.page.height - MARGIN;
    this.ensure(heightOf(header, true) + heightOf(rows[0] ?? [], false) + 8);
    draw(header, true);
    for (const row of rows) {
      if (!fits(heightOf(row, false))) {
        this.newPage();
        draw(header, true);
      }
      draw(row, false);
    }
    return this;
  }

  /** Starts a new page unless `height` points are left (keeps a heading with its table). */
  keep(height: number): this {
    this.ensure(height);
    return this;
  }

  /**
   * A vector figure (a map, a chart) drawn by `draw` into a box the text width wide and `height`
   * points high, on a new page if it does not fit.
   */
  figure(
    height: number,
    draw: (
      doc: PDFKit.PDFDocument,
      box: { x: number; y: number; width: number },
      fonts: { regular: string; bold: string },
    ) => void,
  ): this {
    this.ensure(height);
    draw(
      this.doc,
      { x: MARGIN, y: this.y, width: this.width },
      { regular: fontName('latin', false), bold: fontName('latin', true) },
    );
    this.y += height + 10;
    return this;
  }

  /** A thin horizontal rule. */
  rule(): this {
    this.ensure(10);
    this.doc
      .moveTo(MARGIN, this.y + 3)
      .lineTo(MARGIN + this.width, this.y + 3)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    this.y += 10;
    return this;
  }

  /** Finishes the document and returns its bytes. */
  async toBuffer(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}
