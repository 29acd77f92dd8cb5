export type SqlRow = Record<string, unknown>;

/** The one seam between the store and a database: PGlite and node-postgres both sit behind it. */
export interface SqlQueryable {
  query<R extends SqlRow = SqlRow>(text: string, params?: unknown[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
