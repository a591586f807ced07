/** Status for people watching a terminal; nothing at all when stderr is a pipe or a file. */
export interface Progress {
  show(text: string): void;
  /** Erase the status line before anything else is written. */
  clear(): void;
}

export function createProgress(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return { show() {}, clear() {} };
  let shown = false;
  return {
    show(text) {
      stream.write(`\r\x1b[2K${text}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
