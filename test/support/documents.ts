import type { Caller } from './http';

/** A small, valid-looking PDF (its magic bytes are what the API checks); `label` makes the content unique. */
export function samplePdf(label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** Attaches a PDF for every document the dossier still misses before submission; returns their codes. */
export async function attachMissingDocuments(clerk: Caller, dossierId: string): Promise<string[]> {
  const checklist = await clerk.get(`/dossiers/${dossierId}/documents`);
  if (checklist.status !== 200) throw new Error(`checklist: ${checklist.status} ${JSON.stringify(checklist.body)}`);
  const missing: string[] = checklist.body.missing;
  for (const code of missing) {
    const res = await clerk
      .raw('post', `/dossiers/${dossierId}/documents`)
      .field('docType', code)
      .attach('file', samplePdf(`${dossierId} ${code}`), { filename: `${code}.pdf`, contentType: 'application/pdf' });
    if (res.status !== 201) throw new Error(`upload ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return missing;
}

/** The same, for tests that hold a bearer token rather than a Caller. */
export async function attachMissingDocumentsAs(baseUrl: string, bearer: string, dossierId: string): Promise<string[]> {
  const { default: request } = await import('supertest');
  const caller = {
    get: (path: string) => request(baseUrl).get(path).set('Authorization', bearer),
    raw: (method: 'get' | 'post' | 'put', path: string) => request(baseUrl)[method](path).set('Authorization', bearer),
  } as unknown as Caller;
  return attachMissingDocuments(caller, dossierId);
}
