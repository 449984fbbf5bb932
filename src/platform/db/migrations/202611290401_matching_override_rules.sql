-- Differing implant serial numbers now exclude a pair (ADR 0033), so a reviewer may override
-- that rule too. The other demographic rules stay overridable (an override discounts them).
ALTER TABLE exclusion_overrides DROP CONSTRAINT exclusion_overrides_rule_check;
ALTER TABLE exclusion_overrides ADD CONSTRAINT exclusion_overrides_rule_check
  CHECK (rule IN ('sex_mismatch', 'recovered_before_last_seen', 'age_incompatible',
    'stature_incompatible', 'lab_exclusion', 'implant_serial_mismatch'));
