import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiProblem } from '../api/client';
import { fieldPath } from './field-path';

/**
 * A step taken from a form: while it runs the button is busy; a problem+json naming fields puts each
 * message under the field of that name, any other problem is shown as a message. Resolves to the answer,
 * or undefined when the API refused. `nameOf` turns the API's field path into the form's field name, for
 * a form whose fields do not mirror the body (one field for a list, a file for its record).
 */
export function useFormStep<Fields>(
  form: FormInstance<Fields>,
  nameOf: (path: string) => Array<string | number> = fieldPath,
) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async <T>(step: () => Promise<T>, done: string): Promise<T | undefined> => {
    setBusy(true);
    try {
      const answer = await step();
      void message.success(done);
      return answer;
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0)
        form.setFields(
          error.errors.map((problem) => ({
            name: nameOf(problem.path) as never,
            errors: [problem.message],
          })),
        );
      else void message.error(error instanceof Error ? error.message : '操作失败');
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
