import PDFDocument from 'pdfkit';

/**
 * PDFs the engine issues (council minutes, decisions). pdfkit's built-in fonts are WinAnsi only, so every
 * text is set in DejaVu Sans (embedded, subsetted), which covers Vietnamese with its stacked diacritics.
 */
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

export type Pdf = PDFKit.PDFDocument;

export function renderPdf(title: string, draw: (doc: Pdf, font: (weight: 'regular' | 'bold') => Pdf) => void) {
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Producer: 'Award Dossier Engine' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', FONTS.regular);
    doc.registerFont('bold', FONTS.bold);
    doc.font('regular');
    try {
      draw(doc, (weight) => doc.font(weight));
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}

/** The national heading every administrative document starts with (Decree 30/2020/NĐ-CP). */
export function nationalHeading(doc: Pdf, font: (w: 'regular' | 'bold') => Pdf, issuer: string): void {
  font('bold').fontSize(11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
  font('bold').text('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  doc.moveDown(0.5);
  font('regular').fontSize(11).text(issuer.toUpperCase(), { align: 'center' });
  doc.moveDown(1);
}
