import type { ChildProcess } from 'node:child_process';

/** The next IPC message from `child`; rejects if it exits first or stays silent for `timeoutMs`. */
export function nextMessage<Message>(child: ChildProcess, timeoutMs: number, who = 'the bench server'): Promise<Message> {
  return new Promise((resolve, reject) => {
    const cleanUp = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: Message) => {
      cleanUp();
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanUp();
      reject(new Error(`${who} exited (${signal ?? code})`));
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(new Error(`${who} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
