// Sizes of leaf nodes and group headers from measured text, in coordinates local to the box.
// ELK positions these boxes; place.ts then moves their parts to absolute coordinates.

import type { IconRef } from '../catalog/catalog.js';
import { groupStyleFor, type HeaderPlacement } from '../catalog/group-styles.js';
import type { Box, TextBlock } from '../diagram/diagram.js';
import type { ModelNode } from '../spec/model.js';
import type { BorderSide } from '../spec/types.js';
import { type TextStyle, wrapText } from './measure.js';
import {
  GROUP_HEADER_GAP,
  GROUP_ICON_SIZE,
  GROUP_LABEL_FONT,
  GROUP_LABEL_MAX_WIDTH,
  GROUP_PADDING,
  ICON_LABEL_GAP,
  ICON_SIZE,
  LABEL_FONT,
  LABEL_MAX_WIDTH,
  NODE_PADDING,
  NOTE_FONT,
  TEXT_SLACK,
} from './metrics.js';

export interface LocalIcon extends Box {
  typeId: string;
  ref: IconRef;
}

/** A node's parts relative to its own top-left corner. */
export interface LocalBox {
  width: number;
  height: number;
  label: TextBlock;
  note: TextBlock | null;
  icon: LocalIcon | null;
}

export interface GroupFrame extends LocalBox {
  /** Space reserved above the children for the header. */
  paddingTop: number;
  /** Smallest width that still fits the header. */
  minWidth: number;
}

export function textBlock(
  text: string,
  font: TextStyle,
  maxWidth: number,
  x: number,
  y: number,
  align: TextBlock['align'],
): TextBlock {
  const wrapped = wrapText(text, font, maxWidth);
  return {
    x,
    y,
    width: wrapped.width + TEXT_SLACK,
    height: wrapped.height,
    lines: wrapped.lines,
    font,
    lineHeight: wrapped.lineHeight,
    align,
  };
}

function centered(block: TextBlock, width: number): TextBlock {
  return { ...block, x: (width - block.width) / 2 };
}

export function leafBox(node: ModelNode): LocalBox {
  const label = textBlock(node.label, LABEL_FONT, LABEL_MAX_WIDTH, 0, ICON_SIZE + ICON_LABEL_GAP, 'middle');
  const note = node.note
    ? textBlock(node.note, NOTE_FONT, LABEL_MAX_WIDTH, 0, label.y + label.height, 'middle')
    : null;
  const width = Math.ceil(Math.max(ICON_SIZE, label.width, note?.width ?? 0) + 2 * NODE_PADDING);
  const height = Math.ceil((note ? note.y + note.height : label.y + label.height) + NODE_PADDING);
  const icon = node.type.icon
    ? {
        x: (width - ICON_SIZE) / 2,
        y: 0,
        width: ICON_SIZE,
        height: ICON_SIZE,
        typeId: node.type.id,
        ref: node.type.icon,
      }
    : null;
  return { width, height, label: centered(label, width), note: note ? centered(note, width) : null, icon };
}

/** Where lines meet a node, in its own box: the icon's centre (the box's middle for a group or a
 *  node without an icon). */
export function nodeAnchor(
  node: ModelNode,
  box: { width: number; height: number },
): { x: number; y: number } {
  if (node.isGroup) return { x: box.width / 2, y: box.height / 2 };
  if (node.border) return borderBox(node, node.border).centre;
  return node.type.icon ? { x: box.width / 2, y: ICON_SIZE / 2 } : { x: box.width / 2, y: box.height / 2 };
}

/** How far a border node's label keeps from the border line and from the icon. */
const BORDER_LABEL_GAP = 4;

/**
 * A node on its group's border: the icon is centred on the border line, and the label sits beside
 * it on the outside, clear of the line and of the lines that meet the icon head-on (right of the
 * icon on a top or bottom border, above it on a left or right one). `centre` is the icon's centre.
 */
export function borderBox(
  node: ModelNode,
  side: BorderSide,
): LocalBox & { centre: { x: number; y: number } } {
  const label = textBlock(node.label, LABEL_FONT, LABEL_MAX_WIDTH, 0, 0, 'start');
  const note = node.note ? textBlock(node.note, NOTE_FONT, LABEL_MAX_WIDTH, 0, 0, 'start') : null;
  const textWidth = Math.max(label.width, note?.width ?? 0);
  const textHeight = label.height + (note?.height ?? 0);
  const half = ICON_SIZE / 2;
  // Text position relative to the icon's centre.
  const at: Record<BorderSide, [number, number]> = {
    top: [half + BORDER_LABEL_GAP, -BORDER_LABEL_GAP - textHeight],
    bottom: [half + BORDER_LABEL_GAP, BORDER_LABEL_GAP],
    left: [-BORDER_LABEL_GAP - textWidth, -half - BORDER_LABEL_GAP - textHeight],
    right: [BORDER_LABEL_GAP, -half - BORDER_LABEL_GAP - textHeight],
  };
  const [tx, ty] = at[side];
  const left = Math.min(-half, tx);
  const top = Math.min(-half, ty);
  const width = Math.ceil(Math.max(half, tx + textWidth) - left);
  const height = Math.ceil(Math.max(half, ty + textHeight) - top);
  const centre = { x: -left, y: -top };
  const placedLabel = { ...label, x: centre.x + tx, y: centre.y + ty };
  const placedNote = note ? { ...note, x: centre.x + tx, y: placedLabel.y + label.height } : null;
  const icon = node.type.icon
    ? {
        x: centre.x - half,
        y: centre.y - half,
        width: ICON_SIZE,
        height: ICON_SIZE,
        typeId: node.type.id,
        ref: node.type.icon,
      }
    : null;
  return { width, height, label: placedLabel, note: placedNote, icon, centre };
}

/** A leaf's box: under its icon, or beside it on a border. */
export function nodeBox(node: ModelNode): LocalBox {
  return node.border ? borderBox(node, node.border) : leafBox(node);
}

export function headerPlacement(node: { type: { id: string; icon: IconRef | null } }): HeaderPlacement {
  const placement = groupStyleFor(node.type.id).header;
  // A style that wants an icon falls back to a plain label when the type has none.
  if ((placement === 'corner' || placement === 'center-icon') && !node.type.icon) return 'label';
  return placement;
}

/** Header geometry of a group of the given width (x positions of centred parts depend on it). */
export interface GroupHeading {
  label: string;
  note?: string | undefined;
  type: { id: string; icon: IconRef | null };
  /** Its children, for the ones on its top border: the group is made wide enough for them. */
  children?: readonly { border: BorderSide | undefined }[];
}

/** Space kept between a node on a group's top border and the group's header. */
export const BORDER_HEADER_GAP = 12;

/** Header geometry of a group of the given width, with the note (if any) under the label. */
export function groupFrame(node: GroupHeading, width = 0): GroupFrame {
  const frame = noteFrame(node, width);
  if (frame.label.align !== 'start' || !node.children?.some((c) => c.border === 'top')) return frame;
  // A node on the top border sits in the middle of the side (over what it feeds, usually): the
  // group is wide enough for its icon to clear the header there.
  const headerRight = Math.max(...[frame.label, frame.note].map((t) => (t ? t.x + t.width : 0)));
  const minWidth = Math.ceil(2 * (headerRight + BORDER_HEADER_GAP + ICON_SIZE / 2));
  return { ...frame, minWidth: Math.max(frame.minWidth, minWidth) };
}

function noteFrame(node: GroupHeading, width: number): GroupFrame {
  const base = headerFrame(node, width);
  if (!node.note) return base;
  const label = base.label;
  const note = textBlock(
    node.note,
    NOTE_FONT,
    GROUP_LABEL_MAX_WIDTH,
    label.x,
    label.y + label.height,
    label.align,
  );
  if (label.align === 'middle') note.x = (Math.max(width, base.minWidth) - note.width) / 2;
  const grow = Math.max(0, note.y + note.height + 4 + GROUP_HEADER_GAP - base.paddingTop);
  const paddingTop = Math.ceil(base.paddingTop + grow);
  return {
    ...base,
    note,
    paddingTop,
    height: paddingTop + GROUP_PADDING,
    minWidth: Math.ceil(Math.max(base.minWidth, note.x + note.width + GROUP_PADDING)),
  };
}

/** Header geometry (icon and label) of a group of the given width (centred parts depend on it). */
function headerFrame(node: GroupHeading, width: number): GroupFrame {
  const placement = headerPlacement(node);
  const icon = (x: number): LocalIcon | null =>
    node.type.icon
      ? {
          x,
          y: 0,
          width: GROUP_ICON_SIZE,
          height: GROUP_ICON_SIZE,
          typeId: node.type.id,
          ref: node.type.icon,
        }
      : null;
  if (placement === 'corner') {
    const label = textBlock(
      node.label,
      GROUP_LABEL_FONT,
      GROUP_LABEL_MAX_WIDTH,
      GROUP_ICON_SIZE + 8,
      0,
      'start',
    );
    label.y = label.lines.length === 1 ? (GROUP_ICON_SIZE - label.height) / 2 : 6;
    const headerHeight = Math.max(GROUP_ICON_SIZE, label.y + label.height + 4);
    return frame(width, label, icon(0), headerHeight, label.x + label.width + GROUP_PADDING);
  }
  if (placement === 'center-icon') {
    const label = textBlock(
      node.label,
      GROUP_LABEL_FONT,
      GROUP_LABEL_MAX_WIDTH,
      0,
      GROUP_ICON_SIZE + 4,
      'middle',
    );
    const minWidth = Math.max(GROUP_ICON_SIZE, label.width) + 2 * GROUP_PADDING;
    const w = Math.max(width, minWidth);
    return frame(
      width,
      centered(label, w),
      icon((w - GROUP_ICON_SIZE) / 2),
      label.y + label.height,
      minWidth,
    );
  }
  const label = textBlock(
    node.label,
    GROUP_LABEL_FONT,
    GROUP_LABEL_MAX_WIDTH,
    10,
    8,
    placement === 'center-label' ? 'middle' : 'start',
  );
  const minWidth = label.width + 2 * GROUP_PADDING;
  const placed = placement === 'center-label' ? centered(label, Math.max(width, minWidth)) : label;
  return frame(width, placed, null, label.y + label.height, minWidth);
}

function frame(
  width: number,
  label: TextBlock,
  icon: LocalIcon | null,
  headerHeight: number,
  minWidth: number,
): GroupFrame {
  const paddingTop = Math.ceil(headerHeight + GROUP_HEADER_GAP);
  return {
    width,
    height: paddingTop + GROUP_PADDING,
    label,
    note: null,
    icon,
    paddingTop,
    minWidth: Math.ceil(minWidth),
  };
}
