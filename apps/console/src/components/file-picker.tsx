import { App, Button, Upload } from 'antd';
import { describeFile, type FileRecord } from './file-record';
import { decodeTextFile, type TextEncodingRead } from './text-file';

/** Says a chosen file could not be read (moved, locked by another program, a network drive gone). */
function useUnreadableFileMessage() {
  const { message } = App.useApp();
  return () => void message.error('无法读取所选文件：请确认文件仍在原处且未被其他程序占用，然后重新选择。');
}

/**
 * antd Upload's `beforeUpload` for a file to record (its name, type, size and sha256, computed here; the
 * file itself is never sent): an empty file is refused at once, by its name (the API would refuse it on
 * sending), and one that cannot be read says so.
 */
export function useFileToRecord(onDescribed: (file: FileRecord) => void): (file: File) => false {
  const { message } = App.useApp();
  const unreadable = useUnreadableFileMessage();
  return (file) => {
    if (file.size === 0) void message.error(`“${file.name}”是空文件（0 字节），未选用，请选择正确的文件`);
    else describeFile(file).then(onDescribed, unreadable);
    return false;
  };
}

/** A form control whose value is a chosen file's record (name, type, size, sha256 computed here). */
export function FilePicker({
  value,
  onChange,
  id,
}: {
  value?: FileRecord;
  onChange?: (file: FileRecord) => void;
  id?: string;
}) {
  const toRecord = useFileToRecord((described) => onChange?.(described));
  return (
    <>
      <Upload showUploadList={false} beforeUpload={toRecord}>
        <Button id={id}>选择文件</Button>
      </Upload>
      {value && (
        <div className="sha256">
          {value.fileName}（{value.size} 字节）sha256: {value.sha256}
        </div>
      )}
    </>
  );
}

/** A file read here as text (a plan's YAML, a list of units): its name, what it says, how it was read. */
export interface TextFile {
  name: string;
  text: string;
  encoding: TextEncodingRead;
}

/** A form control whose value is a chosen file's name and text (`accept`: its extensions, e.g. `.csv`). */
export function TextFilePicker({
  accept,
  value,
  onChange,
  id,
}: {
  accept: string;
  value?: TextFile;
  onChange?: (file: TextFile) => void;
  id?: string;
}) {
  const unreadable = useUnreadableFileMessage();
  return (
    <>
      <Upload
        accept={accept}
        maxCount={1}
        showUploadList={false}
        beforeUpload={(picked) => {
          picked
            .arrayBuffer()
            .then((bytes) => onChange?.({ name: picked.name, ...decodeTextFile(bytes) }), unreadable);
          return false;
        }}
      >
        <Button id={id}>选择文件</Button>
      </Upload>{' '}
      {value?.name}
      {value?.encoding === 'gb18030' && '（非 UTF-8 文件，已按 GBK/GB18030 编码读取）'}
    </>
  );
}
