// Sizes and spacing of the AWS Architecture Icons look, in px. One place, so layout and rendering agree.

import type { TextStyle } from './measure.js';

export const ICON_SIZE = 48;
export const GROUP_ICON_SIZE = 32;
export const LABEL_FONT: TextStyle = { size: 13, weight: 'regular' };
export const NOTE_FONT: TextStyle = { size: 11, weight: 'regular' };
export const GROUP_LABEL_FONT: TextStyle = { size: 13, weight: 'semibold' };
export const EDGE_LABEL_FONT: TextStyle = { size: 12, weight: 'regular' };
/** Text at a line's end (a port, a protocol): smaller than a label in the middle of the line. */
export const END_LABEL_FONT: TextStyle = { size: 11, weight: 'regular' };
export const TITLE_FONT: TextStyle = { size: 20, weight: 'semibold' };
export const SOURCE_FONT: TextStyle = { size: 12, weight: 'regular' };
export const LEGEND_FONT: TextStyle = { size: 13, weight: 'regular' };
export const LEGEND_HEADING_FONT: TextStyle = { size: 13, weight: 'semibold' };

/** Labels wrap at these widths so long names do not stretch the layout. */
export const LABEL_MAX_WIDTH = 120;
export const GROUP_LABEL_MAX_WIDTH = 260;
export const EDGE_LABEL_MAX_WIDTH = 130;
export const END_LABEL_MAX_WIDTH = 100;
export const LEGEND_TEXT_MAX_WIDTH = 520;

/** Slack around measured text: other fonts in the fallback stack are slightly wider. */
export const TEXT_SLACK = 4;
export const NODE_PADDING = 4;
export const ICON_LABEL_GAP = 6;
export const GROUP_PADDING = 20;
export const GROUP_HEADER_GAP = 14;
export const EDGE_LABEL_PADDING = 3;
export const BADGE_RADIUS = 9;
export const MARGIN = 24;
export const TITLE_GAP = 16;
