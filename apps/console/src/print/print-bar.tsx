import { Button, Space } from 'antd';
import { useNavigate } from 'react-router-dom';

/** The buttons above a printable sheet; not printed themselves. */
export function PrintBar() {
  const navigate = useNavigate();
  return (
    <Space className="no-print" style={{ marginBottom: 16 }}>
      <Button type="primary" onClick={() => window.print()}>
        打印
      </Button>
      <Button onClick={() => void navigate(-1)}>返回</Button>
    </Space>
  );
}
