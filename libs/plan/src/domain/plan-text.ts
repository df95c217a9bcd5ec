import {
  type CampaignPlan,
  type Comparator,
  type Deliverable,
  type Indicator,
  type IndicatorTarget,
  type UnitRef,
} from '../../../contracts/src/plan.contracts.js';

const SYMBOL: Record<Comparator, string> = { '>=': '≥', '<=': '≤' };

/** The plan for a reader: actions with their units and targets, then the dated deliverables. */
export function formatPlan(plan: CampaignPlan): string {
  const names = new Map(plan.units.map((u) => [u.id, u.nameZh]));
  const unit = (id: UnitRef) => `${names.get(id) ?? '?'} (${id})`;
  const { campaign } = plan;
  const lines = [
    campaign.nameZh,
    campaign.nameEn,
    `${campaign.documentNo}, issued ${campaign.issuedOn}; period ${campaign.period.from} to ${campaign.period.to}`,
    `supervised by ${unit(campaign.supervisingUnit)}`,
  ];
  for (const action of plan.actions) {
    lines.push(
      '',
      `${action.number}. ${action.nameZh} — ${action.nameEn}`,
      `   lead: ${unit(action.leadUnit)}`,
    );
    if (action.coUnits.length > 0) lines.push(`   with: ${action.coUnits.map(unit).join(', ')}`);
    for (const indicator of action.indicators) {
      lines.push(
        `   - ${indicator.nameZh} [${indicator.id}]` +
          (indicator.responsibleUnits
            ? `, answered by ${indicator.responsibleUnits.map(unit).join(', ')}`
            : ''),
        `     ${indicator.targets.map((t) => target(indicator, t)).join('; ')}`,
      );
    }
  }
  lines.push('', 'Deliverables:', ...plan.deliverables.map((d) => `  - ${deliverable(d, unit)}`));
  return `${lines.join('\n')}\n`;
}

function target(indicator: Indicator, t: IndicatorTarget): string {
  const unit = indicator.measure === 'percent' ? '%' : '';
  const amount = t.upTo === undefined ? `${t.value}${unit}` : `${t.value}–${t.upTo}${unit}`;
  const assumed = t.yearAssumed ? ` (year assumed: ${t.assumption})` : '';
  return t.mode === 'keep'
    ? `keep ${SYMBOL[indicator.comparator]} ${amount} through ${t.due}${assumed}`
    : `${SYMBOL[indicator.comparator]} ${amount} by ${t.due}${assumed}`;
}

function deliverable(d: Deliverable, unit: (id: UnitRef) => string): string {
  const from =
    d.from !== 'action-leads'
      ? d.from.map(unit).join(', ')
      : d.perAction
        ? "each action's lead unit, one per action"
        : "each action's lead unit";
  const due = 'date' in d.due ? `due ${d.due.date}` : `due every year by ${d.due.yearly}`;
  return `${d.titleZh} [${d.id}]: ${from} → ${unit(d.to)}, ${due}`;
}
