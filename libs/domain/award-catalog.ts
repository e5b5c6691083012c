import type { NomineeKind, OrgLevel } from './org';

/**
 * The award catalog (hình thức khen thưởng / danh hiệu thi đua): reference data seeded into PostgreSQL.
 * Deciding levels follow Law 06/2022/QH15 Art. 77–80; documents follow Art. 84. A route stops at the first
 * org on the nominating unit's chain whose level is in `decidingLevels`.
 */
export interface RequiredDocument {
  code: string;
  name: string;
}

export interface AwardDefinition {
  code: string;
  nameVi: string;
  nameEn: string;
  /** TITLE: danh hiệu thi đua; COMMENDATION: hình thức khen thưởng (Bằng khen, Giấy khen); STATE: huân chương. */
  category: 'TITLE' | 'COMMENDATION' | 'STATE';
  nomineeKinds: NomineeKind[];
  /** Levels whose authority may decide; the nearest one up the chain decides. */
  decidingLevels: OrgLevel[];
  decider: string;
  requiredDocuments: RequiredDocument[];
  legalBasis: string;
}

const DOC = {
  TO_TRINH: { code: 'TO_TRINH', name: 'Tờ trình đề nghị khen thưởng' },
  BAO_CAO_THANH_TICH: { code: 'BAO_CAO_THANH_TICH', name: 'Báo cáo thành tích' },
  BIEN_BAN_XET: { code: 'BIEN_BAN_XET', name: 'Biên bản họp xét khen thưởng' },
  SANG_KIEN: { code: 'SANG_KIEN', name: 'Giấy chứng nhận sáng kiến / đề tài khoa học' },
  BIEN_BAN_BO_PHIEU_KIN: { code: 'BIEN_BAN_BO_PHIEU_KIN', name: 'Biên bản kiểm phiếu bỏ phiếu kín của Hội đồng' },
} as const satisfies Record<string, RequiredDocument>;

const titleDocs = [DOC.TO_TRINH, DOC.BAO_CAO_THANH_TICH, DOC.BIEN_BAN_XET];
const fighterDocs = [...titleDocs, DOC.SANG_KIEN];
const commendationDocs = [DOC.TO_TRINH, DOC.BAO_CAO_THANH_TICH, DOC.BIEN_BAN_XET];
const stateDocs = [DOC.TO_TRINH, DOC.BAO_CAO_THANH_TICH, DOC.BIEN_BAN_BO_PHIEU_KIN];

// Heads of units and provincial departments decide grassroots titles; since 1 Jul 2025 commune chairmen
// took over the district chairmen's powers (Decree 129/2025), so COMMUNE sits beside DISTRICT here.
const GRASSROOTS: OrgLevel[] = ['UNIT', 'DEPARTMENT', 'COMMUNE', 'DISTRICT'];
// Giấy khen is issued by the head of an agency with its own seal at department/district/commune level, so a
// plain unit forwards it to its parent.
const GIAY_KHEN_LEVELS: OrgLevel[] = ['DEPARTMENT', 'COMMUNE', 'DISTRICT'];

export const AWARD_CATALOG: readonly AwardDefinition[] = [
  {
    code: 'LAO_DONG_TIEN_TIEN',
    nameVi: 'Lao động tiên tiến',
    nameEn: 'Advanced Worker',
    category: 'TITLE',
    nomineeKinds: ['INDIVIDUAL'],
    decidingLevels: GRASSROOTS,
    decider: 'Thủ trưởng cơ quan, đơn vị / Chủ tịch UBND cấp huyện, cấp xã',
    requiredDocuments: titleDocs,
    legalBasis: 'Luật TĐKT 2022 Điều 26, 80; Thông tư 01/2024/TT-BNV',
  },
  {
    code: 'CHIEN_SI_THI_DUA_CO_SO',
    nameVi: 'Chiến sĩ thi đua cơ sở',
    nameEn: 'Grassroots Emulation Fighter',
    category: 'TITLE',
    nomineeKinds: ['INDIVIDUAL'],
    decidingLevels: GRASSROOTS,
    decider: 'Thủ trưởng cơ quan, đơn vị / Chủ tịch UBND cấp huyện, cấp xã',
    requiredDocuments: fighterDocs,
    legalBasis: 'Luật TĐKT 2022 Điều 23, 80',
  },
  {
    code: 'TAP_THE_LAO_DONG_TIEN_TIEN',
    nameVi: 'Tập thể lao động tiên tiến',
    nameEn: 'Advanced Collective',
    category: 'TITLE',
    nomineeKinds: ['COLLECTIVE'],
    decidingLevels: GRASSROOTS,
    decider: 'Thủ trưởng cơ quan, đơn vị / Chủ tịch UBND cấp huyện, cấp xã',
    requiredDocuments: titleDocs,
    legalBasis: 'Luật TĐKT 2022 Điều 28, 80',
  },
  {
    code: 'GIAY_KHEN',
    nameVi: 'Giấy khen',
    nameEn: 'Certificate of Merit',
    category: 'COMMENDATION',
    nomineeKinds: ['INDIVIDUAL', 'COLLECTIVE'],
    decidingLevels: GIAY_KHEN_LEVELS,
    decider: 'Thủ trưởng cơ quan cấp sở / Chủ tịch UBND cấp huyện, cấp xã',
    requiredDocuments: commendationDocs,
    legalBasis: 'Luật TĐKT 2022 Điều 75, 80',
  },
  {
    code: 'BANG_KHEN_CHU_TICH_TINH',
    nameVi: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
    nameEn: "Provincial Chairman's Certificate of Merit",
    category: 'COMMENDATION',
    nomineeKinds: ['INDIVIDUAL', 'COLLECTIVE'],
    decidingLevels: ['PROVINCE'],
    decider: 'Chủ tịch UBND tỉnh',
    requiredDocuments: commendationDocs,
    legalBasis: 'Luật TĐKT 2022 Điều 74, 79',
  },
  {
    code: 'CO_THI_DUA_TINH',
    nameVi: 'Cờ thi đua của Ủy ban nhân dân tỉnh',
    nameEn: 'Provincial Emulation Flag',
    category: 'TITLE',
    nomineeKinds: ['COLLECTIVE'],
    decidingLevels: ['PROVINCE'],
    decider: 'Chủ tịch UBND tỉnh',
    requiredDocuments: titleDocs,
    legalBasis: 'Luật TĐKT 2022 Điều 25, 79',
  },
  {
    code: 'CHIEN_SI_THI_DUA_TINH',
    nameVi: 'Chiến sĩ thi đua cấp tỉnh',
    nameEn: 'Provincial Emulation Fighter',
    category: 'TITLE',
    nomineeKinds: ['INDIVIDUAL'],
    decidingLevels: ['PROVINCE'],
    decider: 'Chủ tịch UBND tỉnh',
    requiredDocuments: [...fighterDocs, DOC.BIEN_BAN_BO_PHIEU_KIN],
    legalBasis: 'Luật TĐKT 2022 Điều 22, 79',
  },
  {
    code: 'TAP_THE_LAO_DONG_XUAT_SAC',
    nameVi: 'Tập thể lao động xuất sắc',
    nameEn: 'Excellent Collective',
    category: 'TITLE',
    nomineeKinds: ['COLLECTIVE'],
    decidingLevels: ['PROVINCE'],
    decider: 'Chủ tịch UBND tỉnh',
    requiredDocuments: titleDocs,
    legalBasis: 'Luật TĐKT 2022 Điều 27, 79',
  },
  {
    code: 'BANG_KHEN_THU_TUONG',
    nameVi: 'Bằng khen của Thủ tướng Chính phủ',
    nameEn: "Prime Minister's Certificate of Merit",
    category: 'COMMENDATION',
    nomineeKinds: ['INDIVIDUAL', 'COLLECTIVE'],
    decidingLevels: ['CENTRAL'],
    decider: 'Thủ tướng Chính phủ',
    requiredDocuments: commendationDocs,
    legalBasis: 'Luật TĐKT 2022 Điều 73, 78',
  },
  {
    code: 'CO_THI_DUA_CHINH_PHU',
    nameVi: 'Cờ thi đua của Chính phủ',
    nameEn: 'Government Emulation Flag',
    category: 'TITLE',
    nomineeKinds: ['COLLECTIVE'],
    decidingLevels: ['CENTRAL'],
    decider: 'Chính phủ',
    requiredDocuments: titleDocs,
    legalBasis: 'Luật TĐKT 2022 Điều 24, 78',
  },
  {
    code: 'CHIEN_SI_THI_DUA_TOAN_QUOC',
    nameVi: 'Chiến sĩ thi đua toàn quốc',
    nameEn: 'National Emulation Fighter',
    category: 'TITLE',
    nomineeKinds: ['INDIVIDUAL'],
    decidingLevels: ['CENTRAL'],
    decider: 'Thủ tướng Chính phủ',
    requiredDocuments: [...fighterDocs, DOC.BIEN_BAN_BO_PHIEU_KIN],
    legalBasis: 'Luật TĐKT 2022 Điều 21, 78',
  },
  ...(['BA', 'NHI', 'NHAT'] as const).map((rank): AwardDefinition => ({
    code: `HUAN_CHUONG_LAO_DONG_HANG_${rank}`,
    nameVi: `Huân chương Lao động hạng ${{ BA: 'Ba', NHI: 'Nhì', NHAT: 'Nhất' }[rank]}`,
    nameEn: `Labour Order, ${{ BA: 'Third', NHI: 'Second', NHAT: 'First' }[rank]} Class`,
    category: 'STATE',
    nomineeKinds: ['INDIVIDUAL', 'COLLECTIVE'],
    decidingLevels: ['CENTRAL'],
    decider: 'Chủ tịch nước (theo đề nghị của Thủ tướng Chính phủ)',
    requiredDocuments: stateDocs,
    legalBasis: 'Luật TĐKT 2022 Điều 42–44, 77',
  })),
];
