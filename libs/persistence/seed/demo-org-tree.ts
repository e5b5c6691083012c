import type { OrgLevel, OrgNode } from '../../domain/org';

/**
 * The demo organisations: the three-tier tree of the seed articles (unit → district → province → centre),
 * with the two emulation clusters of provinces. Only the codes are contractual; names are the real ones.
 */
export interface DemoOrg {
  code: string;
  name: string;
  level: OrgLevel;
  parent: string | null;
}

const province = (code: string, name: string): DemoOrg => ({ code, name, level: 'PROVINCE', parent: 'trung-uong' });

export const NORTHERN_BORDER_CLUSTER = [
  'lang-son',
  'dien-bien',
  'son-la',
  'cao-bang',
  'lai-chau',
  'ha-giang',
  'lao-cai',
];
export const NORTH_CENTRAL_CLUSTER = ['nghe-an', 'thanh-hoa', 'ha-tinh', 'quang-binh', 'quang-tri', 'thua-thien-hue'];

export const DEMO_ORG_TREE: readonly DemoOrg[] = [
  { code: 'trung-uong', name: 'Ban Thi đua – Khen thưởng Trung ương', level: 'CENTRAL', parent: null },
  province('lang-son', 'Tỉnh Lạng Sơn'),
  province('dien-bien', 'Tỉnh Điện Biên'),
  province('son-la', 'Tỉnh Sơn La'),
  province('cao-bang', 'Tỉnh Cao Bằng'),
  province('lai-chau', 'Tỉnh Lai Châu'),
  province('ha-giang', 'Tỉnh Hà Giang'),
  province('lao-cai', 'Tỉnh Lào Cai'),
  province('nghe-an', 'Tỉnh Nghệ An'),
  province('thanh-hoa', 'Tỉnh Thanh Hóa'),
  province('ha-tinh', 'Tỉnh Hà Tĩnh'),
  province('quang-binh', 'Tỉnh Quảng Bình'),
  province('quang-tri', 'Tỉnh Quảng Trị'),
  province('thua-thien-hue', 'Tỉnh Thừa Thiên Huế'),
  { code: 'van-lang', name: 'Huyện Văn Lãng', level: 'DISTRICT', parent: 'lang-son' },
  { code: 'loc-binh', name: 'Huyện Lộc Bình', level: 'DISTRICT', parent: 'lang-son' },
  { code: 'trang-dinh', name: 'Huyện Tràng Định', level: 'DISTRICT', parent: 'lang-son' },
  { code: 'cao-loc', name: 'Huyện Cao Lộc', level: 'DISTRICT', parent: 'lang-son' },
  { code: 'dinh-lap', name: 'Huyện Đình Lập', level: 'DISTRICT', parent: 'lang-son' },
  { code: 'xa-hoang-van-thu', name: 'UBND xã Hoàng Văn Thụ', level: 'UNIT', parent: 'van-lang' },
  {
    code: 'so-tai-nguyen-moi-truong',
    name: 'Sở Tài nguyên và Môi trường tỉnh Điện Biên',
    level: 'DEPARTMENT',
    parent: 'dien-bien',
  },
  { code: 'so-cong-thuong', name: 'Sở Công Thương tỉnh Điện Biên', level: 'DEPARTMENT', parent: 'dien-bien' },
  {
    code: 'chi-cuc-bao-ve-moi-truong',
    name: 'Chi cục Bảo vệ môi trường',
    level: 'UNIT',
    parent: 'so-tai-nguyen-moi-truong',
  },
  {
    code: 'trung-tam-khuyen-cong',
    name: 'Trung tâm Khuyến công và Tư vấn phát triển công nghiệp',
    level: 'UNIT',
    parent: 'so-cong-thuong',
  },
];

/** The chain from `code` up to the root, as the route needs it. */
export function demoChain(code: string, tree: readonly DemoOrg[] = DEMO_ORG_TREE): OrgNode[] {
  const byCode = new Map(tree.map((o) => [o.code, o]));
  const chain: OrgNode[] = [];
  for (let org = byCode.get(code); org; org = org.parent ? byCode.get(org.parent) : undefined) {
    chain.push({ code: org.code, name: org.name, level: org.level });
  }
  return chain;
}
