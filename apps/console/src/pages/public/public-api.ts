import { ApiProblem } from '../../api/client';

/** What the reporter may see with the receipt code and secret (the API's ReporterView), nothing else. */
export interface ReporterView {
  category: 'complaint' | 'report';
  status: string;
  receivedAt: string;
  questions: Array<{
    id: number;
    question: string;
    askedAt: string;
    answer: string | null;
    answeredAt: string | null;
  }>;
  outcome: { kind: string; decidedAt: string } | null;
  reward: { status: string; amountFen: number } | null;
}

/** The two things that open a report to its reporter; kept in the page's memory only, never in a URL. */
export interface Receipt {
  receiptCode: string;
  secret: string;
}

export { COMPLAINT_CATEGORY_ZH as CATEGORY_ZH } from '../../format';

/** Seconds the API asks to wait: its Retry-After, repeated in the problem body. */
function retryAfterSeconds(problem: ApiProblem): number | undefined {
  const seconds = problem.body.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}

/** "12分钟" / "40秒" */
const waitZh = (seconds: number) => (seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`);

const CLOCK = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** The page-level message for a refusal without field problems; 429 says when to come back. */
export function publicProblemText(error: unknown, fallback: string): string {
  if (!(error instanceof ApiProblem)) return fallback;
  if (error.status === 429) {
    const seconds = retryAfterSeconds(error);
    if (seconds === undefined) return '操作过于频繁，请稍后再试。';
    const at = CLOCK.format(new Date(Date.now() + seconds * 1000));
    return `操作过于频繁，请在 ${waitZh(seconds)}后（北京时间 ${at} 以后）再试。`;
  }
  if (error.status === 404) return '受理编号或查询密码不正确，请核对后再试。';
  if (error.status === 400) return '填写的内容有误，请按提示修改。';
  return fallback;
}
