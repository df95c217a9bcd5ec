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
    // The page's own rules passed, so any message still shown is the API's from an earlier answer: a
    // field it named then may be right now, and a field without rules of its own never clears by itself.
    form.setFields(
      form
        .getFieldsError()
        .filter(({ errors }) => errors.length > 0)
        .map(({ name }) => ({ name: name as never, errors: [] })),
    );
    try {
      const answer = await step();
      void message.success(done);
      return answer;
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        // All of a field's messages under it (one entry per field: a later entry would replace an
        // earlier), grouped by the form's field, which several of the API's paths may share.
        const byField = new Map<string, { name: Array<string | number>; errors: string[] }>();
        for (const { path, message } of error.errors) {
          const name = nameOf(path);
          const key = JSON.stringify(name);
          byField.set(key, { name, errors: [...(byField.get(key)?.errors ?? []), message] });
        }
        form.setFields([...byField.values()].map(({ name, errors }) => ({ name: name as never, errors })));
      } else void message.error(error instanceof Error ? error.message : '操作失败');
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
