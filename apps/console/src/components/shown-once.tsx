import { Alert, Typography } from 'antd';

/**
 * A secret the API answers once (a person's first or temporary password, a webhook's signing key):
 * said what it is, and shown whole with a copy button. antd copies with the Clipboard API where the
 * page is a secure context and with the browser's copy command elsewhere (a console on plain HTTP).
 */
export function ShownOnce({
  title,
  secret,
  onClose,
}: {
  title: string;
  secret: string;
  onClose: () => void;
}) {
  return (
    <Alert
      type="success"
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title={title}
      description={
        <Typography.Text copyable={{ tooltips: ['复制', '已复制'] }} code>
          {secret}
        </Typography.Text>
      }
    />
  );
}
