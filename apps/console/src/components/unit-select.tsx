import { Select, type SelectProps } from 'antd';
import { useUnits } from './use-units';

/** The campaign's units as options of a select, by Chinese name, searchable. */
export function UnitSelect(
  props: Pick<
    SelectProps<string>,
    'aria-label' | 'value' | 'onChange' | 'allowClear' | 'placeholder' | 'style'
  >,
) {
  const { units } = useUnits();
  return (
    <Select<string>
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      options={units.map((u) => ({ value: u.id, label: u.nameZh }))}
    />
  );
}
