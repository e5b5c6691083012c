import { nationalHeading, renderPdf } from '../pdf/pdf';

export interface DecisionDoc {
  number: string;
  date: string;
  signer: string;
  title: string;
  orgName: string;
  /** The dossiers it decides, grouped by award in the text. */
  items: { awardName: string; nomineeName: string; originOrgName: string }[];
}

const dateVi = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `ngày ${d} tháng ${m} năm ${y}`;
};

/** Quyết định khen thưởng with its list (danh sách kèm theo). */
export function renderDecision(d: DecisionDoc): Promise<Buffer> {
  return renderPdf(`Quyết định ${d.number}`, (doc, font) => {
    nationalHeading(doc, font, d.orgName);
    font('regular').fontSize(11).text(`Số: ${d.number}`, { align: 'left' });
    doc.text(`${dateVi(d.date)}`, { align: 'right' });
    doc.moveDown();
    font('bold').fontSize(14).text('QUYẾT ĐỊNH', { align: 'center' });
    font('bold').fontSize(11).text(d.title, { align: 'center' });
    doc.moveDown();
    font('regular').text('Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;');
    doc.text('Xét đề nghị của Hội đồng Thi đua – Khen thưởng,');
    doc.moveDown();
    font('bold').text('QUYẾT ĐỊNH:');
    const awards = [...new Set(d.items.map((i) => i.awardName))];
    font('regular').text(
      `Điều 1. Tặng ${awards.join('; ')} cho ${d.items.length} cá nhân, tập thể có tên trong danh sách kèm theo.`,
    );
    doc.text('Điều 2. Quyết định này có hiệu lực kể từ ngày ký.');
    doc.moveDown();
    font('bold').text(d.signer, { align: 'right' });
    doc.addPage();
    font('bold').fontSize(12).text(`DANH SÁCH KÈM THEO QUYẾT ĐỊNH SỐ ${d.number}`, { align: 'center' });
    doc.moveDown();
    font('regular').fontSize(11);
    for (const [n, item] of d.items.entries()) {
      doc.text(`${n + 1}. ${item.nomineeName} — ${item.originOrgName} — ${item.awardName}`);
    }
  });
}
