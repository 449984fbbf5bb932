// Sending a generated PDF from a console page, as the documents API sends it.
import type { Response } from 'express';

/** Sends a PDF: never cached (personal data), downloaded under its own name. */
export function sendPdf(res: Response, doc: { pdf: Buffer | Uint8Array; filename: string }): void {
  res
    .status(200)
    .type('application/pdf')
    .set('Cache-Control', 'no-store')
    .set('Content-Disposition', `attachment; filename="${doc.filename.replace(/[^\w.-]/g, '_')}"`)
    .send(doc.pdf);
}
