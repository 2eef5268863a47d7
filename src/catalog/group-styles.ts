// How each AWS group type looks, after the AWS Architecture Icons guidelines (2023+ deck):
// border colour and dash, optional tint, and how the header (icon + label) sits. The renderer's
// theme turns these into light and dark colours; the layout only needs the header geometry.

export type BorderDash = 'solid' | 'dashed' | 'dotted';
/** corner: icon in the top-left corner, label beside it; center-label: label centred, no icon;
 *  center-icon: icon centred on the top edge, label under it; label: label top-left, no icon. */
export type HeaderPlacement = 'corner' | 'center-label' | 'center-icon' | 'label';

export interface GroupStyle {
  stroke: string;
  /** Light-theme background tint, or null for none. */
  fill: string | null;
  dash: BorderDash;
  header: HeaderPlacement;
  /** Label colour: the border colour for coloured groups, dark text for neutral ones. */
  labelColor: string;
}

const style = (
  stroke: string,
  dash: BorderDash,
  header: HeaderPlacement,
  fill: string | null = null,
  labelColor = stroke,
): GroupStyle => ({
  stroke,
  fill,
  dash,
  header,
  labelColor,
});

export const GROUP_STYLES: Readonly<Record<string, GroupStyle>> = {
  'group.aws-cloud': style('#232F3E', 'solid', 'corner'),
  'group.aws-account': style('#E7157B', 'solid', 'corner'),
  'group.region': style('#00A4A6', 'dotted', 'corner'),
  'group.availability-zone': style('#00A4A6', 'dashed', 'center-label'),
  'group.vpc': style('#8C4FFF', 'solid', 'corner'),
  'group.public-subnet': style('#7AA116', 'solid', 'corner', '#F2F6E8', '#248814'),
  'group.private-subnet': style('#00A4A6', 'solid', 'corner', '#E6F6F7', '#147EBA'),
  'group.security-group': style('#DD344C', 'solid', 'label'),
  'group.auto-scaling-group': style('#ED7100', 'dashed', 'center-icon'),
  'group.ec2-instance-contents': style('#ED7100', 'solid', 'corner'),
  'group.spot-fleet': style('#ED7100', 'solid', 'corner'),
  'group.server-contents': style('#7D8998', 'solid', 'corner'),
  'group.corporate-data-center': style('#7D8998', 'solid', 'corner'),
  'group.generic': style('#7D8998', 'dashed', 'label', null, '#232F3E'),
};

/** A service or resource with children (e.g. an EKS cluster) is drawn as a neutral group with its icon. */
export const SERVICE_GROUP_STYLE: GroupStyle = style('#7D8998', 'solid', 'corner', null, '#232F3E');

export function groupStyleFor(typeId: string): GroupStyle {
  return GROUP_STYLES[typeId] ?? SERVICE_GROUP_STYLE;
}
