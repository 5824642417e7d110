// In this process, calls for one mailbox run one after another: twenty
// concurrent senders wait here instead of each holding a database connection
// while they wait for the row lock. Across processes the row lock decides.
const tails = new Map<string, Promise<unknown>>();

export function serializePerMailbox<T>(mailboxId: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(mailboxId) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(mailboxId, tail);
  void tail.then(() => {
    if (tails.get(mailboxId) === tail) tails.delete(mailboxId);
  });
  return run;
}
