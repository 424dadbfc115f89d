// The driver commands a piece of work sends, as `collection.method` (mongoose's debug hook).
import type mongoose from 'mongoose';

export async function commandsDuring(
  conn: mongoose.Connection,
  work: () => Promise<unknown>,
): Promise<string[]> {
  const commands: string[] = [];
  conn.set('debug', (collection: string, method: string) =>
    commands.push(`${collection}.${method}`),
  );
  try {
    await work();
  } finally {
    conn.set('debug', false);
  }
  return commands;
}
