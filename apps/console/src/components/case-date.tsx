import { Input, type FormRule, type InputProps } from 'antd';
import { EARLIEST_CASE_DATE } from '../../../../libs/contracts/src/case-dates';
import { beijingToday } from '../format';

/**
 * A day a case says something happened on (a hazard found, a complaint's event, a retaliation suffered):
 * the picker offers no day the API refuses (after today in Beijing, before EARLIEST_CASE_DATE). A plain
 * date input: the public report page loads no date-picker library for it.
 */
export function CaseDateInput(props: Omit<InputProps, 'type' | 'min' | 'max'>) {
  return <Input {...props} type="date" min={EARLIEST_CASE_DATE} max={beijingToday()} />;
}

/**
 * The same bounds for a day typed past the picker, said under the field (`label`: 发现日期, 发生日期)
 * before the API is asked; the API stays the authority (its check, its today).
 */
export const caseDateRule = (label: string): FormRule => ({
  validator: (_, day: string | undefined) => {
    if (day && day > beijingToday()) return Promise.reject(new Error(`${label}不能晚于今天`));
    if (day && day < EARLIEST_CASE_DATE) {
      return Promise.reject(new Error(`${label}不能早于 ${EARLIEST_CASE_DATE}，请核对年份`));
    }
    return Promise.resolve();
  },
});
