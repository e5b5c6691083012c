import type { ThemeConfig } from 'antd';

/**
 * Ant Design's defaults with darker text and primary colours: its stock secondary text (#8c8c8c) and
 * primary blue (#1677ff) fall below WCAG AA contrast on white, which axe reports as serious.
 *
 * Motion off: a button's loading spinner leaves with a transition that Ant waits to end, and when its dialog
 * closes in that fraction of a second (a refusal read, then "Hủy") the hidden element never ends it; the
 * spinner stays in the button, named "loading" to screen readers and spinning for good. Offices' ageing PCs
 * lose nothing by dialogs that open at once.
 */
export const theme: ThemeConfig = {
  token: {
    motion: false,
    colorPrimary: '#0b57c5',
    colorLink: '#0b57c5',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.64)',
    colorTextDescription: 'rgba(0, 0, 0, 0.66)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.55)',
    colorError: '#c4161c',
    fontSize: 14,
  },
  // Narrower menu items keep the header on one line on a 1024-pixel tablet.
  components: { Menu: { itemPaddingInline: 12 } },
};
