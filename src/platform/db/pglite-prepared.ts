// Prepared statements on the embedded database (ADR 0145). PGlite's own `query` sends Parse,
// Describe, Bind, Describe, Execute and Sync as six separate calls into WebAssembly and parses
// and plans the text every time. A statement marked `{ prepared: true }` is instead parsed once
// under a name (Parse + Describe + Sync, which also tells its parameter types) and afterwards
// runs as one call: Bind + Execute + Sync. Values are serialised and rows parsed by
// PGlite's own serialisers and parsers for those types, exactly as its `query` does.
import { createHash } from 'node:crypto';
import { parse, protocol, type PGlite } from '@electric-sql/pglite';

const { serialize } = protocol;

/** A message of the server's answer, as PGlite parses it. */
type BackendMessage = Parameters<typeof parse.parseResults>[0][number];

/** Texts given a name at most; beyond that statements run through PGlite's `query`. */
const MAX_PREPARED = 500;

/** "prepared statement … does not exist": someone ran DEALLOCATE or DISCARD on the session. */
const STATEMENT_GONE = '26000';

interface Prepared {
  name: string;
  /** Type oid of each parameter, as the server inferred it. */
  paramTypes: number[];
  /** Names and types of the columns it returns (none for a statement without rows). */
  columns: BackendMessage[];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Runs statements of one PGlite instance as named prepared statements. `run` must be called
 * under PGlite's query lock (`runExclusive`) and, outside a transaction, its transaction lock.
 */
export function createPreparedStatements(pg: PGlite) {
  const statements = new Map<string, Prepared>();

  async function prepare(sql: string): Promise<Prepared> {
    // Named by the text's digest, as on PostgreSQL (ADR 0136): one name, one text.
    const name = `ariadne_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    const { messages } = await pg.execProtocol(
      concat([
        serialize.parse({ name, text: sql }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const prepared = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      columns: messages.filter((m) => m.name === 'rowDescription'),
    };
    statements.set(sql, prepared);
    return prepared;
  }

  async function execute<T>(
    statement: Prepared,
    params: readonly unknown[],
    syncToFs: boolean,
  ): Promise<T[]> {
    const values = params.map((value, i) => {
      if (value === null || value === undefined) {
        return null;
      }
      const serializer = pg.serializers[statement.paramTypes[i] ?? 0];
      // A type without a serialiser (text, uuid…) is sent as the value's string, as PGlite does.
      return serializer ? serializer(value) : (value as { toString(): string }).toString();
    });
    const { messages } = await pg.execProtocol(
      concat([
        serialize.bind({ statement: statement.name, values }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs },
    );
    // The columns were described when the statement was prepared: no Describe per execution.
    return parse.parseResults([...statement.columns, ...messages], pg.parsers)[0]?.rows as T[];
  }

  return {
    /** Whether `sql` can run prepared (it has a name already, or there is room for one more). */
    accepts(sql: string): boolean {
      return statements.has(sql) || statements.size < MAX_PREPARED;
    },

    /** Runs `sql` as a named statement, preparing it on first use. */
    async run<T>(sql: string, params: readonly unknown[], syncToFs: boolean): Promise<T[]> {
      const known = statements.get(sql);
      if (!known) {
        return execute<T>(await prepare(sql), params, syncToFs);
      }
      try {
        return await execute<T>(known, params, syncToFs);
      } catch (err) {
        if ((err as { code?: string }).code !== STATEMENT_GONE) {
          throw err;
        }
        // DEALLOCATE ALL or DISCARD drops every statement of the session: forget them all, so
        // the next use of each prepares it again instead of failing (inside a transaction a
        // failed Bind would abort the whole transaction; only this first one is lost).
        statements.clear();
        return execute<T>(await prepare(sql), params, syncToFs);
      }
    },
  };
}
