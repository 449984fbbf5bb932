// The consent gate of encoding: the only way from a report to encoder field values. A report
// whose family has not granted cross-border matching, or that is closed, cannot be encoded, so no
// message can carry an encoding of it.
import { AppError } from '../../platform/errors.js';
import { assertConsent, type Report } from '../reports/index.js';
import type { FieldValues } from './linkage.encoder.js';
import { personFields } from './linkage.record.js';

/** Field values of a report that may be encoded; throws CONSENT_REQUIRED or CONFLICT otherwise. */
export function encodableFields(report: Report): FieldValues {
  assertConsent(report, 'crossBorderMatching');
  if (report.status === 'closed' || report.closedAt) {
    throw new AppError('CONFLICT', 'a closed report is not matched across borders');
  }
  return personFields(report.person, report.createdAt);
}
