// Colours of the diagram in light and dark, including the AWS group colours. Light follows the AWS
// Architecture Icons guidelines; dark keeps each group's hue but lifts colours that vanish on a dark
// background (the AWS Cloud navy) and darkens the subnet tints. `auto` draws light and switches to
// dark with a prefers-color-scheme media query inside the SVG.

import { GROUP_STYLES, type GroupStyle, SERVICE_GROUP_STYLE } from '../catalog/group-styles.js';
import type { EdgeColor } from '../diagram/diagram.js';

export type ThemeName = 'light' | 'dark' | 'auto';
export const THEME_NAMES: readonly ThemeName[] = ['light', 'dark', 'auto'];

export interface Palette {
  background: string;
  text: string;
  mutedText: string;
  edge: string;
  labelBackground: string;
  badge: string;
  badgeText: string;
  legendBackground: string;
  legendBorder: string;
  groups: Record<string, GroupColors>;
  /** The named line colours, each at least 3:1 against the background (WCAG's ratio for graphics). */
  edgeColors: Record<EdgeColor, string>;
  /** A diff's marks: added, removed, changed (with badges and dashes, never colour alone). */
  marks: Record<'added' | 'removed' | 'changed', string>;
}

export interface GroupColors {
  stroke: string;
  fill: string;
  label: string;
}

const DARK_OVERRIDES: Record<string, Partial<GroupColors>> = {
  'group.aws-cloud': { stroke: '#D5DBDB', label: '#D5DBDB' },
  'group.public-subnet': { fill: '#1D2A12', label: '#9BC53D' },
  'group.private-subnet': { fill: '#0C2A2E', label: '#4FC3F7' },
  'group.generic': { label: '#D5DBDB', stroke: '#95A5A6' },
  'group.server-contents': { stroke: '#95A5A6', label: '#D5DBDB' },
  'group.corporate-data-center': { stroke: '#95A5A6', label: '#D5DBDB' },
  service: { stroke: '#95A5A6', label: '#D5DBDB' },
};

function groupColors(style: GroupStyle): GroupColors {
  return { stroke: style.stroke, fill: style.fill ?? 'none', label: style.labelColor };
}

function groupPalette(dark: boolean): Record<string, GroupColors> {
  const entries = [...Object.entries(GROUP_STYLES), ['service', SERVICE_GROUP_STYLE] as const];
  return Object.fromEntries(
    entries.map(([key, style]) => [key, { ...groupColors(style), ...(dark ? DARK_OVERRIDES[key] : {}) }]),
  );
}

export const LIGHT: Palette = {
  background: '#FFFFFF',
  text: '#232F3E',
  mutedText: '#545B64',
  edge: '#545B64',
  labelBackground: '#FFFFFF',
  badge: '#ED7100',
  badgeText: '#FFFFFF',
  legendBackground: '#F7F8F8',
  legendBorder: '#D5DBDB',
  groups: groupPalette(false),
  // The AWS category colours where they are dark enough for a thin line on white.
  edgeColors: {
    orange: '#D45B07',
    blue: '#1166BB',
    teal: '#067F68',
    purple: '#8C4FFF',
    red: '#DD344C',
    gray: '#7D8998',
  },
  marks: { added: '#037F0C', removed: '#D91515', changed: '#A35D00' },
};

export const DARK: Palette = {
  background: '#161D26',
  text: '#E9EBED',
  mutedText: '#AAB7B8',
  edge: '#AAB7B8',
  labelBackground: '#161D26',
  badge: '#ED7100',
  badgeText: '#FFFFFF',
  legendBackground: '#1F2A37',
  legendBorder: '#3B4857',
  groups: groupPalette(true),
  edgeColors: {
    orange: '#FF9900',
    blue: '#5CA8F0',
    teal: '#2BC7A8',
    purple: '#B197FF',
    red: '#FF6B7F',
    gray: '#8D99A8',
  },
  marks: { added: '#29AD32', removed: '#FF5D64', changed: '#F2B705' },
};

/** The palette whose colours go into presentation attributes. */
export function basePalette(theme: ThemeName): Palette {
  return theme === 'dark' ? DARK : LIGHT;
}

/** The key under which a group's colours are found: its type, or `service` for a service with children. */
export function groupKey(typeId: string): string {
  return typeId in GROUP_STYLES ? typeId : 'service';
}

/** CSS class for a group's colour role, e.g. `rf-g-region`. */
export function groupClass(key: string): string {
  return `rf-g-${key.replace(/^group\./, '')}`;
}

/** CSS class of a named line colour's stroke (the arrowhead's fill is `rf-arrow-<name>`). */
export function edgeColorClass(color: EdgeColor): string {
  return `rf-edge-${color}`;
}

/** For `auto`: CSS that repaints every role in dark colours when the viewer prefers dark; of the
 *  named line colours, those the diagram uses. */
export function darkModeCss(lineColors: readonly EdgeColor[] = []): string {
  const d = DARK;
  const rules = [
    `.rf-bg{fill:${d.background}}`,
    `.rf-text{fill:${d.text}}`,
    `.rf-muted{fill:${d.mutedText}}`,
    `.rf-edge{stroke:${d.edge}}`,
    `.rf-arrow{fill:${d.edge}}`,
    `.rf-label-bg{fill:${d.labelBackground}}`,
    `.rf-legend{fill:${d.legendBackground};stroke:${d.legendBorder}}`,
    ...lineColors.flatMap((name) => [
      `.${edgeColorClass(name)}{stroke:${d.edgeColors[name]}}`,
      `.rf-arrow-${name}{fill:${d.edgeColors[name]}}`,
    ]),
    ...Object.entries(d.groups).flatMap(([key, c]) => {
      const cls = groupClass(key);
      return [`.${cls}-box{stroke:${c.stroke};fill:${c.fill}}`, `.${cls}-label{fill:${c.label}}`];
    }),
  ];
  return `@media (prefers-color-scheme: dark){${rules.join('')}}`;
}
