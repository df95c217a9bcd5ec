import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { type Person } from '../../api/types';
import { filled } from '../../components/filled';
import { ProblemAlert } from '../../components/problem-alert';
import { ShownOnce } from '../../components/shown-once';
import { activationStep, useReasonStep } from '../../components/reason-step';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { UnitSelect } from '../../components/unit-select';
import { usePeople } from '../../components/use-people';
import { useUnits } from '../../components/use-units';
import { beijingTime, ROLE_ZH } from '../../format';

interface PersonRow extends Person {
  active: boolean;
  /** Locked after failed sign-ins until then; null when not locked. */
  lockedUntil: string | null;
}

interface PersonFields {
  username: string;
  displayName: string;
  role: string;
  unitId: string;
  reason: string;
}

/** A password the API shows once: a new person's first, or a reset's temporary one. */
interface OneTimePassword {
  what: string;
  password: string;
}

const ROLE_OPTIONS = Object.entries(ROLE_ZH).map(([value, label]) => ({ value, label }));

/**
 * 人员管理: everyone with their role, unit and sign-in state; add a person, change one's name, role or
 * unit, reset a forgotten password, deactivate or reactivate one. Each change says why (identity chain).
 */
export default function People() {
  const people = useApi<PersonRow[]>('/people');
  const { nameOf } = useUnits();
  const { reloadPeople } = usePeople();
  const [form] = Form.useForm<PersonFields>();
  const { busy, run } = useFormStep(form);
  /** The person being changed, or null while adding one; the modal is closed when undefined. */
  const [editing, setEditing] = useState<PersonRow | null>();
  const [password, setPassword] = useState<OneTimePassword>();
  // The list here and the names every page shows (the staff directory) both change with a person.
  const readAgain = () => {
    people.reload();
    reloadPeople();
  };
  const { ask: askReason, modal: reasonModal } = useReasonStep(readAgain);

  const openEditor = (person: PersonRow | null) => {
    form.resetFields();
    if (person) form.setFieldsValue(person);
    setEditing(person);
  };
  const save = async ({ username, displayName, role, unitId, reason }: PersonFields) => {
    if (editing) {
      const changed = await run(
        () => api.patch(`/people/${editing.id}`, { displayName, role, unitId, reason }),
        `已修改 ${editing.username}`,
      );
      if (!changed) return;
    } else {
      const created = await run(
        () =>
          api.post<{ person: PersonRow; initialPassword: string }>('/people', {
            username,
            displayName,
            role,
            unitId,
            reason,
          }),
        `已添加 ${username}`,
      );
      if (!created) return;
      setPassword({ what: `已添加 ${created.person.username}。初始密码`, password: created.initialPassword });
    }
    setEditing(undefined);
    readAgain();
  };

  /** 停用 ends the person's sessions at once; 启用 lets them sign in again. Either way the admin says why. */
  const toggle = (person: PersonRow) =>
    askReason(
      activationStep(
        {
          active: person.active,
          path: `/people/${person.id}`,
          title: `${person.displayName}（${person.username}）`,
          doneName: person.username,
        },
        {
          deactivate: '停用后其会话立即结束，访问令牌自下一次请求起拒绝；停用及理由记入身份台账。',
          reactivate: '启用后其可重新登录；启用及理由记入身份台账。',
        },
      ),
    );
  /** A forgotten password or a lock-out: a temporary password, shown here once, to be changed at sign-in. */
  const resetPassword = (person: PersonRow) =>
    askReason({
      title: `重置密码 ${person.displayName}（${person.username}）`,
      okText: '重置',
      consequence:
        '将生成临时密码（仅显示这一次），解除登录锁定，并结束其现有会话；其下次登录须先修改密码。重置及理由记入身份台账。',
      done: `已重置 ${person.username} 的密码`,
      send: async (reason) => {
        const { temporaryPassword } = await api.post<{ temporaryPassword: string }>(
          `/people/${person.id}/reset-password`,
          { reason },
        );
        setPassword({ what: `已重置 ${person.username} 的密码。临时密码`, password: temporaryPassword });
      },
    });

  return (
    <Card
      title={<Typography.Title level={4}>人员管理</Typography.Title>}
      extra={
        <Button type="primary" onClick={() => openEditor(null)}>
          添加人员
        </Button>
      }
    >
      {password && (
        <ShownOnce
          title={`${password.what}（仅显示这一次，登录后须修改）：`}
          secret={password.password}
          onClose={() => setPassword(undefined)}
        />
      )}
      <ProblemAlert problem={people.error} />
      <Table<PersonRow>
        rowKey="id"
        size="small"
        loading={people.loading}
        dataSource={people.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 160 },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', width: 110, render: (role: string) => ROLE_ZH[role] ?? role },
          { title: '单位', dataIndex: 'unitId', width: 180, render: (id: string) => nameOf(id) },
          {
            title: '状态',
            width: 200,
            render: (_, p) => (
              <Space size={4} wrap>
                {p.active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>}
                {p.lockedUntil && <Tag color="orange">锁定至 {beijingTime(p.lockedUntil)}</Tag>}
                {p.mustChangePassword && <Tag>待改密码</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            width: 220,
            render: (_, p) => (
              <Space size={4}>
                <Button size="small" onClick={() => openEditor(p)}>
                  修改
                </Button>
                {p.active && (
                  <Button size="small" onClick={() => resetPassword(p)}>
                    重置密码
                  </Button>
                )}
                <Button size="small" danger={p.active} onClick={() => toggle(p)}>
                  {p.active ? '停用' : '启用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {reasonModal}
      <Modal
        open={editing !== undefined}
        title={editing ? `修改 ${editing.displayName}（${editing.username}）` : '添加人员'}
        okText={editing ? '保存' : '添加'}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        forceRender
      >
        <Form<PersonFields>
          form={form}
          name="person"
          layout="vertical"
          onFinish={(fields) => void save(fields)}
        >
          <Form.Item label="用户名" name="username" rules={[filled('请填写用户名')]}>
            <Input autoComplete="off" disabled={Boolean(editing)} />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[filled('请填写姓名')]}>
            <Input />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={ROLE_OPTIONS} />
          </Form.Item>
          <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitSelect />
          </Form.Item>
          <Form.Item
            label={editing ? '理由' : '理由（选填）'}
            name="reason"
            rules={editing ? [filled('请填写理由')] : []}
          >
            <Input maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
