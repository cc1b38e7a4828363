/**
 * ONE clock: time zones on Intl (no date library). The shop's calendar month, its day buckets,
 * week slots (app/domain/schedule/slots.ts builds on instantOfLocalHour), and zoned wall time ↔
 * instant with the DST rules stated in zone.ts. Tested across DST changes and the date line
 * (tests/unit/time).
 */
export {
  instantOfLocalHour,
  instantOfWallTime,
  isValidTimeZone,
  offsetMinutes,
  offsetMs,
  safeTimeZone,
  wallTime,
  type WallTime,
} from "./zone";
export {
  addDays,
  addDaysToDay,
  dayId,
  dayIn,
  localLabel,
  startOfDay,
  weekdayOf,
  type LocalDate,
} from "./calendar";
export {
  addMonths,
  formatMonthId,
  isMonth,
  isMonthStart,
  monthBounds,
  monthOf,
  monthStart,
  parseMonth,
} from "./month";
