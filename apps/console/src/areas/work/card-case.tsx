import { Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { type CardView, type LedgerEntry } from '../../api/types';
import { Due } from '../../components/due';
import { filled } from '../../components/filled';
import { FilePicker } from '../../components/file-picker';
import { type FileRecord } from '../../components/file-record';
import { LedgerTimeline } from '../../components/ledger-timeline';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { useUnits } from '../../components/use-units';
import { beijingTime, COLOUR_ZH, STEP_ZH, systemTextZh } from '../../format';

// A step is named as the timeline names it: one table in format.ts.
const CARD_STEP_ZH = STEP_ZH.card;

/** The county's steps on a card (the unit's own, 回应, is the form on the page), by the API's step name. */
const COUNTY_STEPS: Record<string, { label: string; path: string }> = {
  lift: { label: CARD_STEP_ZH.lift, path: 'lift' },
  withdraw: { label: CARD_STEP_ZH.withdraw, path: 'withdraw' },
  'record-summons': { label: CARD_STEP_ZH['record-summons'], path: 'summons' },
  'refer-accountability': { label: CARD_STEP_ZH['refer-accountability'], path: 'accountability' },
};

interface CountyStepFields {
  reason?: string;
  /** datetime-local: a Beijing wall-clock time. */
  heldAt?: string;
  attendees?: string;
  minutes?: FileRecord;
  letter?: FileRecord;
}

/** The body each county step takes, from the modal's fields. */
function countyStepBody(step: string, fields: CountyStepFields): unknown {
  switch (step) {
    case 'record-summons':
      return {
        heldAt: fields.heldAt && `${fields.heldAt}:00+08:00`,
        attendees: (fields.attendees ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        minutes: fields.minutes,
      };
    case 'refer-accountability':
      return { reason: fields.reason, letter: fields.letter };
    default:
      return { reason: fields.reason };
  }
}

/** 亮牌: the levels it went through with their rules, the unit's responses, the summons; respond here. */
export default function CardCase() {
  const { id = '' } = useParams();
  const card = useApi<CardView>(`/cards/${id}`);
  const timeline = useApi<LedgerEntry[]>(`/cards/${id}/timeline`);
  const { nameOf } = useUnits();
  const [form] = Form.useForm<{ text: string }>();
  const { busy, run } = useFormStep(form);
  const [stepForm] = Form.useForm<CountyStepFields>();
  const countyStep = useFormStep(stepForm);
  const [open, setOpen] = useState<string>();
  const now = Date.now();
  const view = card.data;
  const level = view?.levels[view.levels.length - 1];

  const respond = async (fields: { text: string }) => {
    if (await run(() => api.step<CardView>(`/cards/${id}/respond`, fields), '已提交回应')) {
      form.resetFields();
      card.reload();
      timeline.reload();
    }
  };

  const takeCountyStep = async (fields: CountyStepFields) => {
    if (!open) return;
    const { label, path } = COUNTY_STEPS[open];
    const done = await countyStep.run(
      () => api.step<CardView>(`/cards/${id}/${path}`, countyStepBody(open, fields)),
      `已${label}`,
    );
    if (done) {
      setOpen(undefined);
      card.reload();
      timeline.reload();
    }
  };

  if (card.error) return <ProblemAlert problem={card.error} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        loading={!view}
        title={<Typography.Title level={4}>亮牌 {id}</Typography.Title>}
        extra={<Link to={`/print/cards/${id}`}>打印亮牌通知</Link>}
      >
        {view && level && (
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="单位">{nameOf(view.unitId)}</Descriptions.Item>
            <Descriptions.Item label="当前等级">
              <Tag color={level.colour}>{COLOUR_ZH[level.colour] ?? level.nameZh}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="亮牌事由" span={2}>
              {systemTextZh(view.reason)}
            </Descriptions.Item>
            <Descriptions.Item label="本级期限">
              {beijingTime(level.dueAt)} <Due dueAt={level.dueAt} now={now} />
            </Descriptions.Item>
            <Descriptions.Item label="期限依据">{level.rule.zh}</Descriptions.Item>
            {view.summons && (
              <Descriptions.Item label="约谈日期" span={2}>
                {beijingTime(view.summons.scheduledFor)}
                {view.summons.held && `（已于 ${beijingTime(view.summons.held.heldAt)} 约谈）`}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        {view && view.responses.length > 0 && (
          <Table
            style={{ marginTop: 16 }}
            size="small"
            rowKey="respondedAt"
            pagination={false}
            caption="单位回应"
            dataSource={view.responses}
            columns={[
              { title: '时间', dataIndex: 'respondedAt', width: 160, render: beijingTime },
              { title: '内容', dataIndex: 'text' },
            ]}
          />
        )}
        {view?.allowedSteps.some((step) => String(step) === 'respond') && (
          <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={(f) => void respond(f)}>
            <Form.Item
              label="回应（整改方案、进展报告或约谈记录）"
              name="text"
              rules={[filled('请填写回应内容')]}
            >
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              提交回应
            </Button>
          </Form>
        )}
        <Space wrap style={{ marginTop: 16 }} aria-label="可办理的步骤">
          {(view?.allowedSteps ?? [])
            .map(String)
            .filter((step) => COUNTY_STEPS[step])
            .map((step) => (
              <Button key={step} onClick={() => setOpen(step)}>
                {COUNTY_STEPS[step].label}
              </Button>
            ))}
        </Space>
      </Card>
      <Modal
        open={open !== undefined}
        title={open ? COUNTY_STEPS[open]?.label : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={countyStep.busy}
        onOk={() => stepForm.submit()}
        onCancel={() => setOpen(undefined)}
        destroyOnHidden
      >
        <Form<CountyStepFields>
          form={stepForm}
          layout="vertical"
          preserve={false}
          onFinish={(fields) => void takeCountyStep(fields)}
        >
          {open === 'record-summons' ? (
            <>
              <Form.Item label="约谈时间（北京时间）" name="heldAt">
                <Input type="datetime-local" />
              </Form.Item>
              <Form.Item label="参加人员（每行一人，县领导在前）" name="attendees">
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item label="约谈记录（计算 SHA-256 后提交其摘要）" name="minutes">
                <FilePicker />
              </Form.Item>
            </>
          ) : (
            <Form.Item label="理由" name="reason" rules={[filled('请填写理由')]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
          {open === 'refer-accountability' && (
            <Form.Item label="移送函（计算 SHA-256 后提交其摘要）" name="letter">
              <FilePicker />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Card title="办理记录">
        <ProblemAlert problem={timeline.error} />
        <LedgerTimeline entries={timeline.data ?? []} />
      </Card>
    </Space>
  );
}
