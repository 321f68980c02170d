import { v7 as uuidv7 } from 'uuid';
import type { AppServices } from '../../electron/services/app-services';
import { sampleRecord } from './records';

/** Appends a call to the local journal the way a save does, but stops before the team outbox (a crash in between). */
export async function callRecordOnlyInJournal(services: AppServices, clerkId: string): Promise<string> {
  const record = { ...sampleRecord(new Date(), 10, clerkId), id: uuidv7() };
  await services.journal.append(record);
  return record.id;
}
