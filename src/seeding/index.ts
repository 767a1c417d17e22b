export type { MeetingSeed } from './seed-files';
export { isEmpty, seedDatabase } from './seed.service';
