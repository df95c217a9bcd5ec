import { Select } from 'antd';
import { type StoredPlan } from '../api/types';
import { useApi } from './use-api';

/**
 * A special action (专项行动) of the active plan, chosen by its number and name: a number box took 13
 * and quietly made it 12. Its value is the action's number, as the API takes it.
 */
export function ActionSelect(props: { id?: string; value?: number; onChange?: (number: number) => void }) {
  const plan = useApi<StoredPlan>('/plan');
  return (
    <Select<number>
      {...props}
      loading={plan.loading}
      status={plan.error ? 'error' : undefined}
      notFoundContent={plan.error ? `无法读取工作方案：${plan.error.message}` : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择专项行动"
      options={(plan.data?.plan.actions ?? []).map((action) => ({
        value: action.number,
        label: `${action.number}. ${action.nameZh}`,
      }))}
    />
  );
}
