// The compute-type and volume changes this extension sent and AWS accepted in this session: the
// only part of AWS's 6-hour / 30-day windows the client can know (core/modify.ts, ChangeLog).
import { ChangeLog } from '../core/modify';

export const CHANGES = new ChangeLog();
