import { App, Button, Card, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiProblem } from '../../api/client';
import { type PlanProblem, type PlanVersion } from '../../api/types';
import { type TextFile, TextFilePicker } from '../../components/file-picker';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { usePeople } from '../../components/use-people';
import { beijingTime } from '../../format';

/** 工作方案版本: every loaded version; load a YAML file and see its problems by line. */
export default function PlanVersions() {
  const versions = useApi<PlanVersion[]>('/plan/versions');
  const { personName } = usePeople();
  const { message } = App.useApp();
  const [file, setFile] = useState<TextFile>();
  const [problems, setProblems] = useState<PlanProblem[]>([]);
  const [busy, setBusy] = useState(false);

  const load = async ({ reason }: { reason: string }) => {
    if (!file) return void message.warning('请先选择方案文件');
    setBusy(true);
    setProblems([]);
    try {
      const outcome = await api.post<{ loaded: boolean; version: PlanVersion }>('/plan/versions', {
        yaml: file.text,
        reason,
      });
      void message.success(
        outcome.loaded ? `已载入第 ${outcome.version.version} 版` : '内容与现行版本相同，未载入',
      );
      versions.reload();
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) setProblems(error.errors as PlanProblem[]);
      else void message.error(error instanceof Error ? error.message : '载入失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={4}>载入新版本</Typography.Title>}>
        <Form layout="vertical" onFinish={(fields: { reason: string }) => void load(fields)}>
          <Form.Item label="方案文件（YAML）">
            <TextFilePicker accept=".yaml,.yml" value={file} onChange={setFile} />
          </Form.Item>
          <Form.Item label="修订理由" name="reason" rules={[{ required: true, message: '请填写修订理由' }]}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            载入
          </Button>
        </Form>
        {problems.length > 0 && (
          <Table<PlanProblem>
            style={{ marginTop: 16 }}
            size="small"
            rowKey={(p) => `${p.line}:${p.column}:${p.path}`}
            caption={`方案有 ${problems.length} 处问题，未载入`}
            pagination={false}
            dataSource={problems}
            columns={[
              { title: '行', dataIndex: 'line', width: 60 },
              { title: '列', dataIndex: 'column', width: 60 },
              { title: '位置', dataIndex: 'path', width: 240 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        )}
      </Card>
      <Card title="历次版本">
        <ProblemAlert problem={versions.error} />
        <Table<PlanVersion>
          rowKey="version"
          size="small"
          loading={versions.loading}
          dataSource={versions.data ?? []}
          columns={[
            { title: '版本', dataIndex: 'version', width: 70 },
            { title: '文号', dataIndex: 'documentNo', width: 180 },
            {
              title: '载入人',
              dataIndex: 'loadedBy',
              width: 140,
              // The bundled plan is the system's, loaded on first start.
              render: (id: string) => (id === 'system' ? '系统（自动）' : personName(id)),
            },
            { title: '载入时间', dataIndex: 'loadedAt', width: 160, render: (t: string) => beijingTime(t) },
            { title: '理由', dataIndex: 'reason' },
          ]}
        />
      </Card>
    </Space>
  );
}
