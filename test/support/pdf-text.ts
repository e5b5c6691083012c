import { execFile } from 'node:child_process';

/**
 * The text of a PDF, extracted by pdf-parse (pdf.js) in a plain Node process: pdf.js loads its worker with a
 * dynamic import, which Jest's module sandbox refuses. Returned NFC-normalised, as Vietnamese is compared.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      try { process.stdout.write((await parser.getText()).text); } finally { await parser.destroy(); }
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', script],
      { cwd: __dirname, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err
          ? reject(new Error(`pdf text extraction failed: ${stderr || err.message}`))
          : resolve(stdout.normalize('NFC')),
    );
    child.stdin!.end(pdf);
  });
}
