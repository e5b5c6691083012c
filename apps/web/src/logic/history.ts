/**
 * A deadline extension's log comment is written by the workflow as `due <from> → <to>[: <comment>]`
 * (`extensionEvent` in libs/domain/dossier-machine); the page shows the two days as people write them.
 */
export function parseExtension(comment: string | null): { from: string; to: string; comment: string | null } | null {
  const m = comment?.match(/^due (\d{4}-\d{2}-\d{2}) → (\d{4}-\d{2}-\d{2})(?:: ([\s\S]*))?$/);
  return m ? { from: m[1], to: m[2], comment: m[3] ?? null } : null;
}

/** YYYY-MM-DD (a calendar day, no time zone) as dd/mm/yyyy. */
export function dayText(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
