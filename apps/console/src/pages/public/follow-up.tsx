import { Alert, App, Button, Descriptions, Form, Input, List } from 'antd';
import { useState } from 'react';
import { api, ApiProblem } from '../../api/client';
import { fieldPath } from '../../components/field-path';
import { beijingTime, yuan } from '../../format';
import { CATEGORY_ZH, publicProblemText, type Receipt, type ReporterView } from './public-api';
import { PublicFrame } from './public-frame';

const STATUS_ZH: Record<string, string> = {
  received: '已收到，等待受理或核查',
  accepted: '已受理，正在办理',
  decided: '已作出处理决定',
  concluded: '已办结',
  closed: '已关闭',
};

const OUTCOME_ZH: Record<string, string> = {
  'risk-item': '已立为风险隐患，督促整改',
  referral: '已作为涉嫌犯罪线索移送公安机关',
  merged: '已并入相关案件一并办理',
  transferred: '已移交有管辖权的部门',
  closed: '经核查后办结',
  refused: '不予受理',
};

const REWARD_ZH: Record<string, string> = {
  proposed: '奖励拟定中',
  approved: '奖励已批准，可以申领',
  claimed: '已申领，等待发放',
  paid: '已发放',
};

/** One unanswered question with its own answer box. */
function AnswerBox({
  questionId,
  onAnswer,
}: {
  questionId: number;
  onAnswer: (answer: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ answer: string }>();
  const [busy, setBusy] = useState(false);
  const send = async ({ answer }: { answer: string }) => {
    setBusy(true);
    try {
      await onAnswer(answer);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(fields) => void send(fields)}>
      <Form.Item
        label={`回答问题 ${questionId}`}
        name="answer"
        rules={[{ required: true, message: '请填写回答' }]}
      >
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        提交回答
      </Button>
    </Form>
  );
}

/** 查询办理进度: the receipt code and secret open the report's status, questions, outcome and reward. */
export default function PublicFollowUpPage() {
  const [form] = Form.useForm<Receipt>();
  const { message } = App.useApp();
  // In memory only: a reload asks for the secret again, and it never reaches a URL.
  const [receipt, setReceipt] = useState<Receipt>();
  const [view, setView] = useState<ReporterView>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  /** Asks the API; a refusal lands on the fields it names, or above the form. */
  const ask = async (path: string, body: object) => {
    setProblem(undefined);
    try {
      setView(await api.post<ReporterView>(path, body));
      return true;
    } catch (error) {
      const problems = error instanceof ApiProblem ? error.errors : [];
      form.setFields(problems.map((p) => ({ name: fieldPath(p.path) as never, errors: [p.message] })));
      setProblem(publicProblemText(error, '查询失败，请稍后再试。'));
      return false;
    }
  };

  const look = async (fields: Receipt) => {
    setBusy(true);
    const entered = { receiptCode: fields.receiptCode.trim().toUpperCase(), secret: fields.secret.trim() };
    if (await ask('/public/complaints/status', entered)) setReceipt(entered);
    else setView(undefined);
    setBusy(false);
  };

  const answer = async (questionId: number, text: string) => {
    if (await ask('/public/complaints/answers', { ...receipt, questionId, answer: text }))
      void message.success('回答已提交');
  };

  const claim = async () => {
    if (!receipt) return;
    setBusy(true);
    if (await ask('/public/complaints/reward-claim', receipt)) void message.success('已申领奖励');
    setBusy(false);
  };

  return (
    <PublicFrame title="查询办理进度">
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      <Form<Receipt> form={form} layout="vertical" onFinish={(fields) => void look(fields)}>
        <Form.Item
          label="受理编号"
          name="receiptCode"
          rules={[{ required: true, message: '请填写受理编号' }]}
        >
          <Input placeholder="XXXX-XXXX-XXXX-XXXX-XXXX" autoComplete="off" />
        </Form.Item>
        <Form.Item label="查询密码" name="secret" rules={[{ required: true, message: '请填写查询密码' }]}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          查询
        </Button>
      </Form>
      {view && (
        <section aria-label="办理进度" style={{ marginTop: 24 }}>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="类别">{CATEGORY_ZH[view.category]}</Descriptions.Item>
            <Descriptions.Item label="收到时间">{beijingTime(view.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label="办理状态">{STATUS_ZH[view.status] ?? view.status}</Descriptions.Item>
            <Descriptions.Item label="处理结果">
              {view.outcome
                ? `${OUTCOME_ZH[view.outcome.kind] ?? view.outcome.kind}（${beijingTime(view.outcome.decidedAt)}）`
                : '尚未作出'}
            </Descriptions.Item>
            <Descriptions.Item label="举报奖励">
              {view.reward
                ? `${REWARD_ZH[view.reward.status] ?? view.reward.status} ${yuan(view.reward.amountFen)}`
                : '—'}
              {view.reward?.status === 'approved' && (
                <Button style={{ marginLeft: 16 }} type="primary" loading={busy} onClick={() => void claim()}>
                  申领奖励
                </Button>
              )}
            </Descriptions.Item>
          </Descriptions>
          <List
            header={<strong>办理人员的询问</strong>}
            locale={{ emptyText: '暂无询问' }}
            dataSource={view.questions}
            renderItem={(question) => (
              <List.Item key={question.id}>
                <div style={{ width: '100%' }}>
                  <p>
                    问题 {question.id}（{beijingTime(question.askedAt)}）：{question.question}
                  </p>
                  {question.answer === null ? (
                    <AnswerBox questionId={question.id} onAnswer={(text) => answer(question.id, text)} />
                  ) : (
                    <p>
                      您的回答（{beijingTime(question.answeredAt)}）：{question.answer}
                    </p>
                  )}
                </div>
              </List.Item>
            )}
          />
        </section>
      )}
    </PublicFrame>
  );
}
