import { Alert, Card, Checkbox, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  type CardView,
  type DirectiveView,
  type ComplaintCaseView,
  type Page,
  type ReportRequestView,
  type RiskItemView,
} from '../../api/types';
import { Due } from '../../components/due';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { COLOUR_ZH, COMPLAINT_STATUS_ZH, RISK_STATUS_ZH, spanZh, systemTextZh } from '../../format';
import { CATEGORY_ZH } from '../../pages/public/public-api';
import { usePerson } from '../../session';

/** One row of the queue, whatever kind of case waits. */
interface WorkRow {
  key: string;
  kind: string;
  id: string;
  link: string;
  what: string;
  unitId: string | null;
  dueAt: string | null;
  /** When it has no deadline: since when it waits (it sorts among the undated by this, oldest first). */
  waitingSince?: string;
}

const EVERY_KIND = '全部';

/** A complaint waits on its unit while one of these steps is the unit's to take (asking, a reveal do not). */
const COMPLAINT_STEPS_THAT_MOVE = ['accept', 'refuse', 'decide', 'inform-reporter', 'record-payout', 'close'];

const byDueSoonest = (a: WorkRow, b: WorkRow) =>
  (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') ||
  (a.waitingSince ?? '').localeCompare(b.waitingSince ?? '') ||
  a.id.localeCompare(b.id);

/** Directives wait on the unit they are addressed to: its handlers and head acknowledge them. */
const ACKNOWLEDGING_ROLES = new Set(['handler', 'unit_head']);

/**
 * 我的待办: items, cards, report requests, complaints and directives waiting on me or my unit, soonest due
 * first (directives carry no deadline: after the dated work, longest waiting first).
 */
export default function MyWork() {
  const items = useApi<Page<RiskItemView>>('/me/work', { limit: 200 });
  const cards = useApi<CardView[]>('/me/cards');
  const reports = useApi<Page<ReportRequestView>>('/report-requests', { status: 'open', limit: 100 });
  // A missed report is still the unit's to answer: a late answer is accepted (and lifts its card).
  const missed = useApi<Page<ReportRequestView>>('/report-requests', { status: 'missed', limit: 100 });
  const person = usePerson();
  const directives = useApi<Page<DirectiveView>>(
    ACKNOWLEDGING_ROLES.has(person.role) ? '/directives' : null,
    { status: 'issued', limit: 100 },
  );
  const complaints = useApi<Page<ComplaintCaseView>>('/complaints', {
    open: true,
    sort: 'dueAt',
    limit: 100,
  });
  const { nameOf } = useUnits();
  const [kind, setKind] = useState(EVERY_KIND);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [search, setSearch] = useState('');
  const now = Date.now();
  // Each list comes soonest due first and is cut at its limit: say how many more wait beyond it. The
  // complaints list holds every unit's open cases the person may read, narrowed here to the unit's own
  // with a step to take, so its total is no count of this person's work: only say that it was cut.
  const notListed = [items, reports, missed, directives].reduce(
    (sum, { data }) => sum + (data ? data.total - data.items.length : 0),
    0,
  );
  const complaintsCut = complaints.data !== undefined && complaints.data.total > complaints.data.items.length;

  const rows: WorkRow[] = [
    ...(items.data?.items ?? []).map((item) => ({
      key: `item-${item.id}`,
      kind: '隐患',
      id: item.id,
      link: `/risk-items/${item.id}`,
      what: `${RISK_STATUS_ZH[item.status] ?? item.status} · ${item.business.name}：${item.description}`,
      unitId: item.responsibleUnitId ?? item.registeringUnitId,
      dueAt: String(item.status) === 'submitted' ? item.verificationDueAt : (item.deadline?.dueAt ?? null),
    })),
    ...(cards.data ?? []).map((card) => {
      const level = card.levels[card.levels.length - 1];
      return {
        key: `card-${card.id}`,
        kind: '亮牌',
        id: card.id,
        link: `/cards/${card.id}`,
        what: `${COLOUR_ZH[level?.colour ?? ''] ?? level?.nameZh ?? ''} · ${systemTextZh(card.reason)}`,
        unitId: card.unitId,
        dueAt: level?.dueAt ?? null,
      };
    }),
    ...[...(reports.data?.items ?? []), ...(missed.data?.items ?? [])].map((request) => ({
      key: `report-${request.id}`,
      kind: '报送',
      id: request.id,
      link: `/report-requests/${request.id}`,
      what: request.title.zh,
      unitId: request.unitId,
      dueAt: request.deadline.dueAt,
    })),
    ...(directives.data?.items ?? []).map((directive) => ({
      key: `directive-${directive.id}`,
      kind: '督办',
      id: directive.id,
      link: `/directives/${directive.id}`,
      what: `待签收 · ${directive.title}`,
      unitId: directive.assigneeUnitId,
      dueAt: null,
      waitingSince: directive.issuedAt,
    })),
    ...(complaints.data?.items ?? [])
      .filter(
        (c) =>
          c.unitId === person.unitId &&
          c.allowedSteps.some((step) => COMPLAINT_STEPS_THAT_MOVE.includes(step)),
      )
      .map((c) => ({
        key: `complaint-${c.id}`,
        kind: CATEGORY_ZH[c.category] ?? c.category,
        id: c.id,
        link: `/complaints/${c.id}`,
        what: `${COMPLAINT_STATUS_ZH[c.status] ?? c.status} · ${c.business.name}：${c.what}`,
        unitId: c.unitId,
        dueAt: c.dueAt,
      })),
  ].sort(byDueSoonest);

  // Narrowed on the page: the lists are already the most urgent of each kind.
  const isOverdue = (row: WorkRow) => row.dueAt !== null && Date.parse(row.dueAt) < now;
  // Case numbers are typed in either case (fx-2026-000030), as the ledger's search takes them.
  const words = search.trim().toLowerCase();
  const kinds = [...new Set(rows.map((row) => row.kind))];
  // A kind chosen before its last case left the list falls back to all.
  const chosenKind = kinds.includes(kind) ? kind : EVERY_KIND;
  const shown = rows.filter(
    (row) =>
      (chosenKind === EVERY_KIND || row.kind === chosenKind) &&
      (!overdueOnly || isOverdue(row)) &&
      (!words || [row.id, row.what, nameOf(row.unitId)].some((text) => text.toLowerCase().includes(words))),
  );

  return (
    <Card title={<Typography.Title level={4}>我的待办（{rows.length + notListed} 项）</Typography.Title>}>
      <ProblemAlert
        problem={
          items.error ?? cards.error ?? reports.error ?? missed.error ?? directives.error ?? complaints.error
        }
      />
      {(notListed > 0 || complaintsCut) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${notListed > 0 ? `另有 ${notListed} 项待办未列出` : '投诉举报可能还有待办未列出'}：每类只列出最紧急的前 100 项（隐患前 200 项），全部请到隐患台账、投诉举报等页面按条件查看。`}
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Radio.Group
          aria-label="类别"
          optionType="button"
          value={chosenKind}
          onChange={(event) => setKind(String(event.target.value))}
          options={[
            { value: EVERY_KIND, label: `全部（${rows.length}）` },
            ...kinds.map((k) => ({
              value: k,
              label: `${k}（${rows.filter((row) => row.kind === k).length}）`,
            })),
          ]}
        />
        <Checkbox checked={overdueOnly} onChange={(event) => setOverdueOnly(event.target.checked)}>
          只看已逾期（{rows.filter(isOverdue).length}）
        </Checkbox>
        <Input.Search
          aria-label="查找待办"
          placeholder="编号、事项或单位"
          allowClear
          style={{ width: 240 }}
          onChange={(event) => setSearch(event.target.value)}
        />
      </Space>
      <Table<WorkRow>
        rowKey="key"
        size="middle"
        loading={
          items.loading ||
          cards.loading ||
          reports.loading ||
          missed.loading ||
          directives.loading ||
          complaints.loading
        }
        dataSource={shown}
        locale={{ emptyText: rows.length === 0 ? '暂无待办' : '没有符合条件的待办' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '类别', dataIndex: 'kind', width: 72, render: (kind: string) => <Tag>{kind}</Tag> },
          {
            title: '编号',
            dataIndex: 'id',
            width: 170,
            render: (id: string, row) => <Link to={row.link}>{id}</Link>,
          },
          { title: '事项', dataIndex: 'what', ellipsis: true },
          { title: '单位', dataIndex: 'unitId', width: 160, render: (id: string | null) => nameOf(id) },
          {
            title: '期限',
            dataIndex: 'dueAt',
            width: 150,
            render: (dueAt: string | null, row) =>
              row.waitingSince ? (
                `不设期限，已下发 ${spanZh(now - new Date(row.waitingSince).getTime())}`
              ) : (
                <Due dueAt={dueAt} now={now} />
              ),
          },
        ]}
      />
    </Card>
  );
}
