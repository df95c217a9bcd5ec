import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiProblem } from '../../api/client';
import { type Person } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { type ReasonStep, ReasonStepModal } from '../../components/reason-step';
import { useApi } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { ROLE_ZH } from '../../format';
import { fieldPath } from '../../components/field-path';

interface PersonRow extends Person {
  active: boolean;
  mustChangePassword: boolean;
}

interface NewPerson {
  username: string;
  displayName: string;
  role: string;
  unitId: string;
}

/** 人员管理: everyone with their role and unit; add a person, deactivate or reactivate one. */
export default function People() {
  const people = useApi<PersonRow[]>('/people');
  const { units, nameOf } = useUnits();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewPerson>();
  const [adding, setAdding] = useState(false);
  const [password, setPassword] = useState<{ username: string; password: string }>();
  const [busy, setBusy] = useState(false);
  const [toggling, setToggling] = useState<ReasonStep>();

  const add = async (fields: NewPerson) => {
    setBusy(true);
    try {
      const created = await api.post<{ person: PersonRow; initialPassword: string }>('/people', fields);
      setAdding(false);
      form.resetFields();
      setPassword({ username: created.person.username, password: created.initialPassword });
      people.reload();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0)
        form.setFields(error.errors.map((p) => ({ name: fieldPath(p.path) as never, errors: [p.message] })));
      else void message.error(error instanceof Error ? error.message : '添加失败');
    } finally {
      setBusy(false);
    }
  };

  /** 停用 ends the person's sessions at once; 启用 lets them sign in again. Either way the admin says why. */
  const toggle = (person: PersonRow) => {
    const [label, step, consequence] = person.active
      ? ['停用', 'deactivate', '停用后其会话立即结束，访问令牌自下一次请求起拒绝；停用及理由记入身份台账。']
      : ['启用', 'reactivate', '启用后其可重新登录；启用及理由记入身份台账。'];
    setToggling({
      title: `${label} ${person.displayName}（${person.username}）`,
      okText: label,
      consequence,
      done: `已${label} ${person.username}`,
      danger: person.active,
      send: (reason) => api.post(`/people/${person.id}/${step}`, { reason }),
    });
  };

  return (
    <Card
      title={<Typography.Title level={4}>人员管理</Typography.Title>}
      extra={
        <Button type="primary" onClick={() => setAdding(true)}>
          添加人员
        </Button>
      }
    >
      {password && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setPassword(undefined) }}
          style={{ marginBottom: 16 }}
          title={`已添加 ${password.username}。初始密码（仅显示这一次，首次登录须修改）：${password.password}`}
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
            width: 90,
            render: (_, p) => (p.active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>),
          },
          {
            title: '操作',
            width: 100,
            render: (_, p) => (
              <Button size="small" danger={p.active} onClick={() => toggle(p)}>
                {p.active ? '停用' : '启用'}
              </Button>
            ),
          },
        ]}
      />
      <ReasonStepModal
        step={toggling}
        onClose={(accepted) => {
          setToggling(undefined);
          if (accepted) people.reload();
        }}
      />
      <Modal
        open={adding}
        title="添加人员"
        okText="添加"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
      >
        <Form<NewPerson> form={form} layout="vertical" onFinish={(fields) => void add(fields)}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input />
            </Form.Item>
            <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
              <Select options={Object.entries(ROLE_ZH).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={units.map((u) => ({ value: u.id, label: u.nameZh }))}
              />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
