import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type CardView } from '../../api/types';
import { Due } from '../../components/due';
import { exportToExcel } from '../../components/excel';
import { ProblemAlert } from '../../components/problem-alert';
import { NotAllRead } from '../../components/not-all-read';
import { useAllPages } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { beijingTime, cardSubjectZh, COLOUR_ZH, systemTextZh } from '../../format';

const COLOURS = ['yellow', 'orange', 'red'] as const;
const TAG_COLOUR: Record<string, string> = { yellow: 'gold', orange: 'orange', red: 'red' };
/** The API's largest page of cards: the board shows the open ones. */
const colourOf = (card: CardView) => card.levels[card.levels.length - 1]?.colour ?? 'yellow';

interface BoardRow {
  unitId: string;
  counts: Record<string, number>;
}

/** 亮牌看板: open cards, units × colours; a cell lists its cards. */
export default function CardBoard() {
  // Counted whole: a board of the first page only would undercount a busy county's units.
  const list = useAllPages<CardView>('/cards', { status: 'open' }, 200);
  const { nameOf } = useUnits();
  const [selected, setSelected] = useState<{ unitId: string; colour: string }>();
  const cards = list.data?.items ?? [];
  const now = Date.now();

  const rows: BoardRow[] = [...new Set(cards.map((c) => c.unitId))].sort().map((unitId) => ({
    unitId,
    counts: Object.fromEntries(
      COLOURS.map((colour) => [
        colour,
        cards.filter((c) => c.unitId === unitId && colourOf(c) === colour).length,
      ]),
    ),
  }));
  const shown = selected
    ? cards.filter((c) => c.unitId === selected.unitId && colourOf(c) === selected.colour)
    : cards;

  const exportSheet = () =>
    exportToExcel(
      '亮牌督办.xlsx',
      '亮牌',
      [
        { header: '编号', value: (c: CardView) => c.id, width: 18 },
        { header: '单位', value: (c) => nameOf(c.unitId), width: 24 },
        { header: '颜色', value: (c) => COLOUR_ZH[colourOf(c)] ?? colourOf(c) },
        { header: '事由', value: (c) => systemTextZh(c.reason), width: 40 },
        { header: '对象', value: (c) => cardSubjectZh(c.subject), width: 30 },
        {
          header: '当前期限（北京时间）',
          value: (c) => beijingTime(c.levels[c.levels.length - 1]?.dueAt),
          width: 20,
        },
        {
          header: '约谈时间',
          value: (c) => (c.summons ? beijingTime(c.summons.scheduledFor) : ''),
          width: 20,
        },
      ],
      cards,
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Typography.Title level={4}>亮牌看板</Typography.Title>}
        extra={<Button onClick={() => void exportSheet()}>导出 Excel</Button>}
      >
        <ProblemAlert problem={list.error} />
        <NotAllRead list={list.data} />
        <Table<BoardRow>
          className="board"
          rowKey="unitId"
          size="small"
          loading={list.loading}
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: '当前没有亮牌' }}
          columns={[
            { title: '单位', dataIndex: 'unitId', render: (id: string) => nameOf(id) },
            ...COLOURS.map((colour) => ({
              title: COLOUR_ZH[colour],
              key: colour,
              width: 100,
              className: 'board-cell',
              render: (_: unknown, row: BoardRow) =>
                row.counts[colour] ? (
                  <Button
                    type="link"
                    aria-label={`${nameOf(row.unitId)} ${COLOUR_ZH[colour]} ${row.counts[colour]} 张`}
                    onClick={() => setSelected({ unitId: row.unitId, colour })}
                  >
                    <Tag color={TAG_COLOUR[colour]}>{row.counts[colour]}</Tag>
                  </Button>
                ) : (
                  <span aria-label="无">·</span>
                ),
            })),
          ]}
        />
      </Card>
      <Card
        title={selected ? `${nameOf(selected.unitId)} · ${COLOUR_ZH[selected.colour]}` : '全部在督亮牌'}
        extra={selected && <Button onClick={() => setSelected(undefined)}>显示全部</Button>}
      >
        <Table<CardView>
          rowKey="id"
          size="small"
          dataSource={shown}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            {
              title: '编号',
              dataIndex: 'id',
              width: 150,
              render: (id: string) => <Link to={`/cards/${id}`}>{id}</Link>,
            },
            {
              title: '颜色',
              width: 80,
              render: (_, c) => <Tag color={TAG_COLOUR[colourOf(c)]}>{COLOUR_ZH[colourOf(c)]}</Tag>,
            },
            { title: '单位', width: 160, render: (_, c) => nameOf(c.unitId) },
            { title: '事由', dataIndex: 'reason', ellipsis: true, render: systemTextZh },
            {
              title: '约谈',
              width: 150,
              render: (_, c) => (c.summons ? beijingTime(c.summons.scheduledFor) : '—'),
            },
            {
              title: '期限',
              width: 150,
              render: (_, c) => <Due dueAt={c.levels[c.levels.length - 1]?.dueAt} now={now} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
