import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiProblem } from '../api/client';
import { fieldPath } from './field-path';

/**
 * A step taken from a form: while it runs the button is busy; a problem+json naming fields puts each
 * message under the field of that name, any other problem is shown as a message. Resolves to the answer,
 * or undefined when the API refused.
 */
export function useFormStep<Fields>(form: FormInstance<Fields>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async <T>(step: () => Promise<T>, done: string): Promise<T | undefined> => {
    setBusy(true);
    try {
      const answer = await step();
      void message.success(done);
      return answer;
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        // All of a field's messages under it (one entry per field: a later entry would replace an earlier).
        const byField = new Map<string, string[]>();
        for (const { path, message } of error.errors)
          byField.set(path, [...(byField.get(path) ?? []), message]);
        form.setFields([...byField].map(([path, errors]) => ({ name: fieldPath(path) as never, errors })));
      } else void message.error(error instanceof Error ? error.message : '操作失败');
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
