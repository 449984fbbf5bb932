/** "$first, $first+1, …" placeholders for a comma-separated column list (INSERT … VALUES). */
export function placeholders(columns: string, first = 1): string {
  return columns
    .split(',')
    .map((_, i) => `$${first + i}`)
    .join(', ');
}

/**
 * "col_a = $first, col_b = $first+1, …" for a comma-separated column list (UPDATE … SET);
 * the values follow in the same order, starting at parameter `first`.
 */
export function assignments(columns: string, first = 1): string {
  return columns
    .split(',')
    .map((column, i) => `${column.trim()} = $${first + i}`)
    .join(', ');
}
