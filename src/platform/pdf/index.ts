export { PdfWriter, type PdfOptions } from './pdf.writer.js';
export { visualPieces, type Direction, type Piece } from './pdf.bidi.js';
export { fontFiles, scriptOf, type FontScript } from './pdf.fonts.js';
