import { rulesToCondition } from '@casl/ability/extra';
import type { AppAbility } from './actor.js';

/** A SQL condition with its parameters, numbered from a given offset. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

type Conditions = Record<string, unknown>;

/**
 * Turns the actor's CASL rules for (action, subjectType) into a SQL WHERE condition, so list
 * queries return exactly what single-record checks allow. `columns` maps each condition field
 * to a SQL expression; an unmapped field or operator throws (fail closed). No rule gives FALSE;
 * an unconditional rule gives TRUE.
 */
export function accessibleWhere(
  ability: AppAbility,
  action: string,
  subjectType: string,
  columns: Record<string, string>,
  firstParam = 1,
): SqlCondition {
  const params: unknown[] = [];
  const placeholder = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const convert = (rule: { conditions?: unknown; inverted: boolean }): string => {
    const conds = (rule.conditions ?? {}) as Conditions;
    const parts = Object.entries(conds).map(([field, value]) => {
      const column = columns[field];
      if (!column) {
        throw new Error(`accessibleWhere: no column for ${subjectType}.${field}`);
      }
      return fieldCondition(column, value, placeholder);
    });
    const clause = parts.length > 0 ? `(${parts.join(' AND ')})` : 'TRUE';
    return rule.inverted ? `NOT ${clause}` : clause;
  };
  const sql = rulesToCondition(ability.rulesFor(action, subjectType), convert, {
    and: (c) => `(${c.join(' AND ')})`,
    or: (c) => `(${c.join(' OR ')})`,
    empty: () => 'TRUE',
  });
  return { sql: sql ?? 'FALSE', params };
}

function fieldCondition(column: string, value: unknown, ph: (v: unknown) => string): string {
  if (value === null) {
    return `${column} IS NULL`;
  }
  if (typeof value !== 'object' || value instanceof Date) {
    return `${column} = ${ph(value)}`;
  }
  const ops = Object.entries(value as Conditions).map(([op, operand]) => {
    switch (op) {
      case '$eq':
        return operand === null ? `${column} IS NULL` : `${column} = ${ph(operand)}`;
      case '$ne':
        return operand === null
          ? `${column} IS NOT NULL`
          : `${column} IS DISTINCT FROM ${ph(operand)}`;
      case '$in':
        return `${column} = ANY(${ph(operand)})`;
      case '$nin':
        return `NOT (${column} = ANY(${ph(operand)}))`;
      default:
        throw new Error(`accessibleWhere: unsupported operator ${op}`);
    }
  });
  return ops.join(' AND ');
}
