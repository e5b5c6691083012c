import { nationalHeading, renderPdf } from '../pdf/pdf';
import type { ItemRow } from './councils.service';

interface SessionInfo {
  id: string;
  title: string;
  orgName: string;
  memberCount: number;
  secretBallot: boolean;
  closedAt: Date | null;
}

const dateVi = (d: Date) => {
  const local = new Date(d.getTime() + 7 * 3600_000);
  return `ngày ${local.getUTCDate()} tháng ${local.getUTCMonth() + 1} năm ${local.getUTCFullYear()}`;
};

/** Biên bản kiểm phiếu: the tallies of each dossier against its threshold, with the threshold's legal basis. */
export function renderMinutes(session: SessionInfo, items: ItemRow[], blocked: Map<string, string>): Promise<Buffer> {
  return renderPdf(`Biên bản kiểm phiếu – ${session.title}`, (doc, font) => {
    nationalHeading(doc, font, `Hội đồng Thi đua – Khen thưởng ${session.orgName}`);
    font('bold')
      .fontSize(14)
      .text(session.secretBallot ? 'BIÊN BẢN KIỂM PHIẾU BỎ PHIẾU KÍN' : 'BIÊN BẢN KIỂM PHIẾU', {
        align: 'center',
      });
    font('regular').fontSize(11).text(session.title, { align: 'center' });
    doc.text(session.closedAt ? dateVi(session.closedAt) : '', { align: 'center' });
    doc.moveDown();
    doc.text(`Tổng số thành viên Hội đồng: ${session.memberCount}`);
    doc.text(`Mã phiên họp: ${session.id}`);
    doc.moveDown();
    for (const [n, item] of items.entries()) {
      const t = item.tally!;
      const quota = blocked.get(item.dossierId);
      font('bold').text(`${n + 1}. ${item.nomineeName} — ${item.awardName}`);
      font('regular');
      doc.text(
        `Đồng ý: ${t.yes}; Không đồng ý: ${t.no}; Không biểu quyết: ${t.abstain}; Không bỏ phiếu: ${t.notVoted}` +
          ` (trên tổng số ${t.members} thành viên)`,
      );
      doc.text(
        `Ngưỡng: ${item.threshold.strict ? 'trên' : 'từ'} ${item.threshold.percent}% tổng số thành viên, cần ${t.required} phiếu đồng ý` +
          ` — ${item.threshold.legalBasis}`,
      );
      doc.text(`Kết quả: ${t.passed ? (quota ? `Đạt, nhưng vượt chỉ tiêu: ${quota}` : 'Đạt') : 'Không đạt'}`);
      doc.moveDown(0.5);
    }
    doc.moveDown();
    doc.text('Thư ký Hội đồng', { align: 'right' });
  });
}
