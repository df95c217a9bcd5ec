import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { type Unit } from '../../api/types';
import { filled } from '../../components/filled';
import { ProblemAlert } from '../../components/problem-alert';
import { activationStep, useReasonStep } from '../../components/reason-step';
import { useFormStep } from '../../components/use-form-step';
import { useUnits } from '../../components/use-units';
import { beijingTime, NEW_UNIT_CODE_ZH, UNIT_KIND_ZH } from '../../format';
import { UnitImportModal } from './unit-import';
import { retirementWarnings } from './unit-retirement';

interface UnitFields {
  id: string;
  nameZh: string;
  /** Optional: left empty, the unit has none. */
  nameEn?: string;
  kind: string;
  /** Cleared: a top-level unit. */
  parentId?: string;
  reason: string;
}

const KIND_OPTIONS = Object.entries(UNIT_KIND_ZH).map(([value, label]) => ({ value, label }));

/** Whether the unit's code or either name holds what the administrator typed. */
const matches = (unit: Unit, typed: string) =>
  [unit.id, unit.nameZh, unit.nameEn ?? ''].some((text) => text.toLowerCase().includes(typed));

/** An English name as the API takes it: what was typed, or none (null) when the field was left empty. */
const englishName = (typed: string | undefined) => (typed?.trim() ? typed : null);

/**
 * 单位: the campaign's units as the administrator keeps them: add one, rename it, change its kind or
 * parent, deactivate or reactivate it, or import a county's list from a CSV or YAML file. Each change
 * says why (identity chain); a unit is never deleted, since cases and the ledger refer to it.
 */
export default function Units() {
  const { units, nameOf, loading, error, reload } = useUnits();
  const [form] = Form.useForm<UnitFields>();
  const { busy, run } = useFormStep(form);
  /** The unit being changed, or null while adding one; the modal is closed when undefined. */
  const [editing, setEditing] = useState<Unit | null>();
  const { ask: askReason, modal: reasonModal } = useReasonStep(() => reload());
  const [importing, setImporting] = useState(false);
  const [typed, setTyped] = useState('');
  const shown = useMemo(() => {
    const wanted = typed.trim().toLowerCase();
    return wanted ? units.filter((unit) => matches(unit, wanted)) : units;
  }, [units, typed]);

  const openEditor = (unit: Unit | null) => {
    form.resetFields();
    if (unit) {
      form.setFieldsValue({
        ...unit,
        nameEn: unit.nameEn ?? undefined,
        parentId: unit.parentId ?? undefined,
      });
    }
    setEditing(unit);
  };
  const save = async ({ id, nameZh, nameEn: typedEn, kind, parentId, reason }: UnitFields) => {
    const nameEn = englishName(typedEn);
    const saved = editing
      ? await run(
          () =>
            api.patch(`/units/${editing.id}`, { nameZh, nameEn, kind, parentId: parentId ?? null, reason }),
          `已修改 ${nameZh}`,
        )
      : await run(
          () => api.post('/units', { id, nameZh, nameEn, kind, parentId, reason }),
          `已新增 ${nameZh}`,
        );
    if (!saved) return;
    setEditing(undefined);
    reload();
  };

  /**
   * 停用 keeps the unit (cases and the ledger refer to it) but gives it no new people or work; the units
   * in use below it, and what its kind carries, are said before the click.
   */
  const toggle = (unit: Unit) =>
    askReason({
      ...activationStep(
        {
          active: unit.active,
          path: `/units/${unit.id}`,
          title: `${unit.nameZh}（${unit.id}）`,
          doneName: unit.nameZh,
        },
        {
          deactivate:
            '停用后该单位不再接收新人员，也不能再被指定承办新的工作；单位不会被删除，已有案件和台账仍指向它，日后可重新启用。停用及理由记入身份台账。',
          reactivate: '启用后该单位可重新接收人员和新的工作；启用及理由记入身份台账。',
        },
      ),
      warnings: unit.active ? retirementWarnings(unit, units) : undefined,
    });

  return (
    <Card
      title={<Typography.Title level={4}>单位</Typography.Title>}
      extra={
        <Space>
          <Input
            allowClear
            aria-label="筛选单位"
            placeholder="按名称或代码筛选"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            style={{ width: 200 }}
          />
          <Button onClick={() => setImporting(true)}>导入</Button>
          <Button type="primary" onClick={() => openEditor(null)}>
            新增单位
          </Button>
        </Space>
      }
    >
      <ProblemAlert problem={error} />
      <Table<Unit>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '代码', dataIndex: 'id', width: 180 },
          { title: '中文名称', dataIndex: 'nameZh', width: 180 },
          { title: '英文名称', dataIndex: 'nameEn', render: (name: string | null) => name ?? '—' },
          { title: '类别', dataIndex: 'kind', width: 120, render: (k: string) => UNIT_KIND_ZH[k] ?? k },
          { title: '上级单位', dataIndex: 'parentId', width: 160, render: (id: string | null) => nameOf(id) },
          {
            title: '状态',
            width: 150,
            // A retired unit's 停用时间 beneath its tag, not a column of its own: the English name keeps
            // its width on a 1366-wide screen. — when it was retired before the moment was kept.
            render: (_, u) => (
              <Space size={4} wrap>
                {u.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
                {u.isSample && <Tag>样例</Tag>}
                {!u.active && (
                  <Typography.Text type="secondary" title="停用时间">
                    {beijingTime(u.retiredAt)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '操作',
            width: 140,
            render: (_, u) => (
              <Space size={4}>
                <Button size="small" onClick={() => openEditor(u)}>
                  修改
                </Button>
                <Button size="small" danger={u.active} onClick={() => toggle(u)}>
                  {u.active ? '停用' : '启用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {reasonModal}
      <UnitImportModal open={importing} onImported={reload} onClose={() => setImporting(false)} />
      <Modal
        open={editing !== undefined}
        title={editing ? `修改 ${editing.nameZh}（${editing.id}）` : '新增单位'}
        okText={editing ? '保存' : '新增'}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        forceRender
      >
        <Form<UnitFields> form={form} name="unit" layout="vertical" onFinish={(fields) => void save(fields)}>
          <Form.Item noStyle shouldUpdate>
            {() => {
              // The rule is said once: when the code's error already states it, the help keeps the rest.
              const ruleSaid = form.getFieldError('id').some((e) => e.includes(NEW_UNIT_CODE_ZH));
              return (
                <Form.Item
                  label="代码"
                  name="id"
                  rules={[filled('请填写代码')]}
                  extra={
                    editing ? undefined : ruleSaid ? '新增后不能更改' : `${NEW_UNIT_CODE_ZH}；新增后不能更改`
                  }
                >
                  <Input autoComplete="off" disabled={Boolean(editing)} />
                </Form.Item>
              );
            }}
          </Form.Item>
          <Form.Item label="中文名称" name="nameZh" rules={[filled('请填写中文名称')]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="英文名称" name="nameEn" extra="选填，可留空">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={KIND_OPTIONS} />
          </Form.Item>
          <Form.Item label="上级单位" name="parentId">
            <Select
              allowClear
              placeholder="无（顶级单位）"
              showSearch={{ optionFilterProp: 'label' }}
              options={units
                .filter((u) => u.id !== editing?.id)
                .map((u) => ({ value: u.id, label: `${u.nameZh}（${u.id}）` }))}
            />
          </Form.Item>
          <Form.Item label="理由" name="reason" rules={[filled('请填写理由')]}>
            <Input maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
