import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { filled } from './filled';
import { useFormStep } from './use-form-step';

/** A step that needs only its why, as the API takes it: `{ reason }`, kept on the ledger with the step. */
export interface ReasonStep {
  /** The modal's title, e.g. `停用 县政务平台对接`. */
  title: string;
  /** The confirming button's label (停用, 启用). */
  okText: string;
  /** What the step does, said before the person confirms. */
  consequence: string;
  /** What else it touches that the person should weigh first (a retired unit's units in use below it). */
  warnings?: string[];
  /** The message after the API accepted the step. */
  done: string;
  /** A step that takes something away (the button is red). */
  danger?: boolean;
  send: (reason: string) => Promise<unknown>;
}

/**
 * 停用 or 启用 a record that is never deleted (a person, a unit), whichever its state calls for, with a
 * reason: `POST <path>/deactivate` or `…/reactivate`. `consequence` says what each does.
 */
export function activationStep(
  record: { active: boolean; path: string; title: string; doneName: string },
  consequence: { deactivate: string; reactivate: string },
): ReasonStep {
  const [label, step] = record.active ? (['停用', 'deactivate'] as const) : (['启用', 'reactivate'] as const);
  return {
    title: `${label} ${record.title}`,
    okText: label,
    consequence: consequence[step],
    done: `已${label} ${record.doneName}`,
    danger: record.active,
    send: (reason) => api.post(`${record.path}/${step}`, { reason }),
  };
}

/**
 * A page's reason-only steps: `ask(step)` opens the modal for one; `onTaken` runs once the API accepted
 * it (the page reads its list again). Render `modal` once on the page.
 */
export function useReasonStep(onTaken: () => void) {
  const [step, ask] = useState<ReasonStep>();
  const modal = (
    <ReasonStepModal
      step={step}
      onClose={(accepted) => {
        ask(undefined);
        if (accepted) onTaken();
      }}
    />
  );
  return { ask, modal };
}

/**
 * The modal of a reason-only step: a 理由 field, the API's field message under it when refused. It asks
 * to be closed once the API accepted the step (`accepted`) or the person cancelled. Nothing is shown
 * while `step` is undefined.
 */
function ReasonStepModal({
  step,
  onClose,
}: {
  step: ReasonStep | undefined;
  onClose: (accepted: boolean) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, run } = useFormStep(form);

  const submit = async ({ reason }: { reason: string }) => {
    if (!step) return;
    const accepted = await run(async () => {
      await step.send(reason);
      return true;
    }, step.done);
    if (accepted) onClose(true);
  };

  return (
    <Modal
      open={step !== undefined}
      title={step?.title}
      okText={step?.okText}
      okButtonProps={{ danger: step?.danger }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Typography.Paragraph>{step?.consequence}</Typography.Paragraph>
      {step?.warnings?.map((warning) => (
        <Alert key={warning} type="warning" showIcon title={warning} style={{ marginBottom: 12 }} />
      ))}
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(fields) => void submit(fields)}
      >
        <Form.Item label="理由" name="reason" rules={[filled('请填写理由')]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
