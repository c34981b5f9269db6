/**
 * The axe-core rules every e2e audit runs: WCAG 2.0, 2.1 and 2.2 at levels A and AA. 2.2 AA adds
 * `target-size` (2.5.8: targets at least 24 × 24 px, or spaced so a 24 px circle fits). One list,
 * so the statement's claim and every suite's audit agree.
 */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
