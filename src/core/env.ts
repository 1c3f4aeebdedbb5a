/** Environment variables as a run sees them: the process's, or a test's own table. */
export type Env = Readonly<Record<string, string | undefined>>;
