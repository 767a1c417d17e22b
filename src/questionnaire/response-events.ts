import type { Types } from 'mongoose';

/**
 * Responses written by the questionnaire (a draft started, a page saved, a response sent): what
 * others keep in step with them (the back-office inbox's rows) subscribes here, once, as the app
 * is put together. Each write waits for its subscribers, so a page shown after it sees the change.
 */
type Listener = (ids: Types.ObjectId[]) => Promise<void>;
const listeners = new Set<Listener>();

export function onResponsesWritten(listener: Listener): void {
  listeners.add(listener);
}

export async function responsesWritten(ids: Types.ObjectId[]): Promise<void> {
  for (const listener of listeners) await listener(ids);
}
