import { Select, type SelectProps } from 'antd';
import { useUnits } from './use-units';

/**
 * The campaign's units as options of a select, by Chinese name, searchable. To give something to a unit,
 * only active ones are offered, and the unit the value already names; `filter` (a list's filter) offers
 * every unit, since old cases are still listed. A deactivated unit is marked.
 */
export function UnitSelect({
  filter = false,
  omitKinds = [],
  ...props
}: Pick<
  SelectProps<string>,
  'id' | 'aria-label' | 'value' | 'onChange' | 'allowClear' | 'placeholder' | 'style'
> & {
  filter?: boolean;
  /** Kinds of unit the choice never takes (the county government bears no card). */
  omitKinds?: string[];
}) {
  const { units: every, activeUnits } = useUnits();
  const offered = (filter ? every : activeUnits).filter((u) => !omitKinds.includes(u.kind));
  // A record still held by a unit since retired (a person being edited) shows it by name, marked.
  const held = offered.some((u) => u.id === props.value) ? [] : every.filter((u) => u.id === props.value);
  const units = [...offered, ...held];
  return (
    <Select<string>
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      options={units.map((u) => ({
        value: u.id,
        label: u.active ? u.nameZh : `${u.nameZh}（已停用）`,
      }))}
    />
  );
}
