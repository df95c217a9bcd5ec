import { Alert, App, Button, Checkbox, Col, Descriptions, Form, Input, Radio, Row, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiProblem, type FieldProblem } from '../../api/client';
import { CaseDateInput, caseDateRule } from '../../components/case-date';
import { fieldPath } from '../../components/field-path';
import { copyText } from '../../components/copy-text';
import { useFileToRecord } from '../../components/file-picker';
import { type FileRecord } from '../../components/file-record';
import { CATEGORY_ZH, publicProblemText, type Receipt } from './public-api';
import { PublicFrame } from './public-frame';

interface ReportFields {
  category: 'complaint' | 'report';
  business: { name: string; creditCode?: string; address?: string };
  what: string;
  occurredOn?: string;
  place?: string;
  anonymous: boolean;
  reporter?: { name: string; phone: string; idNumber?: string; contact?: string };
  insider: boolean;
  employer?: string;
}

interface Filed extends Receipt {
  category: string;
  status: string;
  receivedAt: string;
}

/** Optional fields left empty are left out: the API checks what is sent, and '' is not a credit code. */
function withoutBlanks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlanks);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, withoutBlanks(v)]),
  );
}

/** The receipt code and secret, shown this once: the API keeps only the secret's hash. */
function ReceiptShownOnce({ filed }: { filed: Filed }) {
  const { message } = App.useApp();
  const copy = () =>
    copyText(`受理编号：${filed.receiptCode}\n查询密码：${filed.secret}`).then(
      () => void message.success('已复制受理编号和查询密码'),
      () => void message.error('无法复制，请手工抄写'),
    );
  return (
    <section aria-label="受理回执">
      <Alert
        type="warning"
        showIcon
        role="alert"
        title="请立即保存受理编号和查询密码"
        description="查询密码只显示这一次，我们不保存它的原文，遗失后无法找回。凭这两项可查询办理进度、回答补充询问和申领举报奖励；请勿告诉他人。"
        style={{ marginBottom: 16 }}
      />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="类别">{CATEGORY_ZH[filed.category]}</Descriptions.Item>
        <Descriptions.Item label="受理编号">
          <span className="receipt-value" data-testid="receipt-code">
            {filed.receiptCode}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="查询密码">
          <span className="receipt-value" data-testid="receipt-secret">
            {filed.secret}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <div className="public-links">
        <Button type="primary" onClick={() => void copy()}>
          复制受理编号和查询密码
        </Button>
        <Link to="/public/follow-up">去查询办理进度</Link>
      </div>
    </section>
  );
}

/** 举报投诉: anyone may file, anonymous or named; the API checks every field and names the ones it refuses. */
export default function PublicReportPage() {
  const [form] = Form.useForm<ReportFields>();
  const anonymous = Form.useWatch('anonymous', form);
  const insider = Form.useWatch('insider', form);
  const [evidence, setEvidence] = useState<FileRecord[]>([]);
  const [evidenceProblems, setEvidenceProblems] = useState<FieldProblem[]>([]);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<Filed>();
  const evidenceToRecord = useFileToRecord((described) => setEvidence((list) => [...list, described]));

  const submit = async (fields: ReportFields) => {
    setBusy(true);
    setProblem(undefined);
    setEvidenceProblems([]);
    try {
      const body = withoutBlanks({
        ...fields,
        evidence,
        reporter: fields.anonymous ? undefined : fields.reporter,
      });
      setFiled(await api.post<Filed>('/public/complaints', body));
    } catch (error) {
      const problems = error instanceof ApiProblem ? error.errors : [];
      const [ofEvidence, ofFields] = [
        problems.filter((p) => p.path.startsWith('evidence')),
        problems.filter((p) => !p.path.startsWith('evidence')),
      ];
      form.setFields(ofFields.map((p) => ({ name: fieldPath(p.path) as never, errors: [p.message] })));
      setEvidenceProblems(ofEvidence);
      setProblem(publicProblemText(error, '提交失败，请稍后再试。'));
    } finally {
      setBusy(false);
    }
  };

  if (filed)
    return (
      <PublicFrame title="举报投诉：已受理">
        <ReceiptShownOnce filed={filed} />
      </PublicFrame>
    );

  return (
    <PublicFrame title="举报投诉（无需登录）">
      <p>
        投诉：本人因食品问题受到损失；举报：发现食品生产经营中的违法行为。可以匿名；内部员工举报的身份严格保密。
      </p>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      <Form<ReportFields>
        form={form}
        layout="vertical"
        initialValues={{ category: 'report', anonymous: true, insider: false }}
        onFinish={(fields) => void submit(fields)}
        // The date's bounds are the form's rules, said under the field; the browser's own bubble would hide them.
        noValidate
      >
        <Form.Item label="类别" name="category">
          <Radio.Group aria-label="类别">
            <Radio value="complaint">投诉</Radio>
            <Radio value="report">举报</Radio>
          </Radio.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label="经营者名称"
              name={['business', 'name']}
              rules={[{ required: true, message: '请填写经营者名称（店名、摊位或作坊名均可）' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="统一社会信用代码（可不填）" name={['business', 'creditCode']}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="经营地址" name={['business', 'address']}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item label="发生了什么" name="what" rules={[{ required: true, message: '请描述发生了什么' }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="发生日期" name="occurredOn" rules={[caseDateRule('发生日期')]}>
              <CaseDateInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="发生地点" name="place">
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="证据材料（照片、视频、PDF；只提交文件的 SHA-256 摘要等信息）">
          <Upload multiple showUploadList={false} beforeUpload={evidenceToRecord}>
            <Button>选择证据文件</Button>
          </Upload>
          <ul aria-label="已选证据">
            {evidence.map((file) => (
              <li key={file.sha256}>
                {file.fileName}（{file.size} 字节）
                <Button
                  type="link"
                  size="small"
                  aria-label={`移除 ${file.fileName}`}
                  onClick={() => setEvidence((list) => list.filter((f) => f.sha256 !== file.sha256))}
                >
                  移除
                </Button>
                <div className="sha256">sha256: {file.sha256}</div>
              </li>
            ))}
          </ul>
          {evidenceProblems.map((p) => (
            <div key={p.path} className="ant-form-item-explain-error" role="alert">
              {p.message}
            </div>
          ))}
        </Form.Item>
        <Form.Item label="是否匿名" name="anonymous">
          <Radio.Group aria-label="是否匿名">
            <Radio value={true}>匿名</Radio>
            <Radio value={false}>实名（身份加密保存，办理人员只见化名）</Radio>
          </Radio.Group>
        </Form.Item>
        {anonymous === false && (
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                label="姓名"
                name={['reporter', 'name']}
                rules={[{ required: true, message: '实名举报请填写姓名' }]}
              >
                <Input autoComplete="name" maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="手机号码"
                name={['reporter', 'phone']}
                rules={[{ required: true, message: '实名举报请填写手机号码' }]}
              >
                <Input autoComplete="tel" inputMode="tel" maxLength={20} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="身份证号码（可不填）" name={['reporter', 'idNumber']}>
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="其他联系方式（可不填）" name={['reporter', 'contact']}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="insider" valuePropName="checked">
          <Checkbox>我是该经营者的员工（内部吹哨人）</Checkbox>
        </Form.Item>
        {insider && (
          <Form.Item
            label="所在单位"
            name="employer"
            rules={[{ required: true, message: '内部人员举报请填写所在单位' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          提交
        </Button>
      </Form>
    </PublicFrame>
  );
}
