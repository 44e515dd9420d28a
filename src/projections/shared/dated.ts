/** The columns a versioned read-model row keeps of its stream: when it was made and last changed, and its version. */
export interface DatedColumns {
  created_at: Date;
  updated_at: Date;
  version: string;
}

/** Those columns as a read model's view shows them. */
export interface Dated {
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export const dated = (row: DatedColumns): Dated => ({
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: Number(row.version),
});
