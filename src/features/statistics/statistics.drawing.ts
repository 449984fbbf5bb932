// A tiny vector scene (paths, circles, rectangles, text) drawn either as SVG or onto a pdfkit
// page, so the map and charts are the same picture in the browser and in the PDF brief.

/** One shape of a drawing, in drawing units (pixels of the SVG). */
export type Shape =
  | {
      kind: 'path';
      d: string;
      fill?: string;
      stroke?: string;
      width?: number;
      opacity?: number;
      dash?: number[];
    }
  | {
      kind: 'circle';
      cx: number;
      cy: number;
      r: number;
      fill?: string;
      stroke?: string;
      width?: number;
      opacity?: number;
    }
  | {
      kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      fill?: string;
      stroke?: string;
      width?: number;
      opacity?: number;
    }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      fill?: string;
      anchor?: 'start' | 'middle' | 'end';
      bold?: boolean;
    };

/** A drawing: its size, an accessible title and description, and its shapes in paint order. */
export interface Drawing {
  width: number;
  height: number;
  title: string;
  description: string;
  shapes: Shape[];
}

/** Escapes text for XML content and attributes. */
export function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const n = (v: number) => String(Math.round(v * 10) / 10);

function paint(s: { fill?: string; stroke?: string; width?: number; opacity?: number }): string {
  return [
    `fill="${xml(s.fill ?? 'none')}"`,
    s.stroke ? `stroke="${xml(s.stroke)}" stroke-width="${n(s.width ?? 1)}"` : '',
    s.opacity !== undefined ? `opacity="${n(s.opacity)}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The drawing as a standalone SVG document (no scripts, no external references). */
export function toSvg(d: Drawing): string {
  const body = d.shapes.map((s) => {
    switch (s.kind) {
      case 'path':
        return `<path d="${xml(s.d)}" ${paint(s)}${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}/>`;
      case 'circle':
        return `<circle cx="${n(s.cx)}" cy="${n(s.cy)}" r="${n(s.r)}" ${paint(s)}/>`;
      case 'rect':
        return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" ${paint(s)}/>`;
      case 'text':
        return `<text x="${n(s.x)}" y="${n(s.y)}" font-size="${n(s.size)}" fill="${xml(s.fill ?? '#222')}" text-anchor="${s.anchor ?? 'start'}"${s.bold ? ' font-weight="bold"' : ''}>${xml(s.text)}</text>`;
    }
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${d.width} ${d.height}" width="${d.width}" height="${d.height}" role="img" aria-labelledby="t d" font-family="Noto Sans, DejaVu Sans, sans-serif">`,
    `<title id="t">${xml(d.title)}</title><desc id="d">${xml(d.description)}</desc>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** Fonts of the PDF the drawing's text uses (registered names). */
export interface PdfFonts {
  regular: string;
  bold: string;
}

/** Draws the drawing onto a pdfkit page at (x, y), scaled to `width` points. */
export function drawPdf(
  doc: PDFKit.PDFDocument,
  d: Drawing,
  at: { x: number; y: number; width: number },
  fonts: PdfFonts,
): void {
  const k = at.width / d.width;
  doc.save();
  doc.translate(at.x, at.y).scale(k);
  doc.rect(0, 0, d.width, d.height).clip();
  const fillStroke = (s: { fill?: string; stroke?: string; width?: number; opacity?: number }) => {
    const fill = s.fill && s.fill !== 'none' ? s.fill : undefined;
    doc.fillOpacity(s.opacity ?? 1).strokeOpacity(s.opacity ?? 1);
    if (s.stroke) {
      doc.lineWidth(s.width ?? 1);
    }
    if (fill && s.stroke) {
      doc.fillAndStroke(fill, s.stroke);
    } else if (fill) {
      doc.fill(fill);
    } else if (s.stroke) {
      doc.stroke(s.stroke);
    }
  };
  for (const s of d.shapes) {
    switch (s.kind) {
      case 'path':
        if (s.d) {
          doc.path(s.d);
          if (s.dash) {
            doc.dash(s.dash[0]!, { space: s.dash[1] ?? s.dash[0]! });
          }
          fillStroke(s);
          doc.undash();
        }
        break;
      case 'circle':
        doc.circle(s.cx, s.cy, s.r);
        fillStroke(s);
        break;
      case 'rect':
        doc.rect(s.x, s.y, s.w, s.h);
        fillStroke(s);
        break;
      case 'text': {
        doc
          .fillOpacity(1)
          .font(s.bold ? fonts.bold : fonts.regular)
          .fontSize(s.size);
        const w = doc.widthOfString(s.text);
        const x = s.anchor === 'middle' ? s.x - w / 2 : s.anchor === 'end' ? s.x - w : s.x;
        doc
          .fillColor(s.fill ?? '#222')
          .text(s.text, x, s.y, { lineBreak: false, baseline: 'alphabetic' });
        break;
      }
    }
  }
  doc.restore();
}
