import { Select, type SelectProps } from 'antd';
import { useUnits } from './use-units';

/**
 * The campaign's units as options of a select, by Chinese name, searchable. To give something to a unit,
 * only active ones are offered; `filter` (a list's filter) offers every unit, a deactivated one marked,
 * since its old cases are still listed.
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
  const units = (filter ? every : activeUnits).filter((u) => !omitKinds.includes(u.kind));
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
