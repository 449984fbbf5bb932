import { rulesToCondition } from '@casl/ability/extra';
import type { AppAbility } from './actor.js';

/** A SQL condition with its parameters, numbered from a given offset. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

type Conditions = Record<string, unknown>;

/**
 * Conditions already built, per rule set: an ability is shared by all requests of a session
 * (ADR 0121), so its rules are turned into SQL once per (action, subject type, columns, first
 * parameter) instead of on every request (ADR 0145). Keyed by the rules array, which CASL
 * replaces when an ability is updated; the entries go with the ability.
 */
const built = new WeakMap<object, Map<string, SqlCondition>>();

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
  let conditions = built.get(ability.rules);
  if (!conditions) {
    conditions = new Map();
    built.set(ability.rules, conditions);
  }
  // By content: call sites often pass a literal `columns` object, a new one each time.
  const key = JSON.stringify([action, subjectType, firstParam, columns]);
  let condition = conditions.get(key);
  if (!condition) {
    condition = buildCondition(ability, action, subjectType, columns, firstParam);
    conditions.set(key, condition);
  }
  // Callers may extend the parameter list: each gets its own copy.
  return { sql: condition.sql, params: [...condition.params] };
}

function buildCondition(
  ability: AppAbility,
  action: string,
  subjectType: string,
  columns: Record<string, string>,
  firstParam: number,
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
